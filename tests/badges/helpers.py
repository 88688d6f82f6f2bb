"""Delegates for badge tests, registered through the real registration operation."""

from __future__ import annotations

import itertools

from sqlalchemy import select, update

from seminar_reg.extensions import db
from seminar_reg.registration.data import DelegateData
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register

_serial = itertools.count(1)

# Each side in its own order. Japanese: gojūon by reading (voicing only between equal
# kana: かとう < かどう < がとう; おおの < おの). Chinese: pinyin with surname readings
# (单 shàn among the S, 曾 zēng among the Z), compound surnames syllable by syllable
# (司马 si-ma < 孙 sun).
JAPANESE_IN_ORDER = [
    ("大野", "おおの"),
    ("小野", "おの"),
    ("加藤", "かとう"),
    ("河堂", "かどう"),
    ("我藤", "がとう"),
    ("鈴木", "すずき"),
    ("長谷川", "はせがわ"),
]
CHINESE_IN_ORDER = ["欧阳", "单", "沈", "司马", "孙", "王", "曾", "张"]


def delegate_data(side: str, family: str, given: str, reading: tuple[str, str] = ("", ""),
                  *, role: str = "delegate", items: tuple[str, ...] = ("plenary",),
                  title: str = "") -> DelegateData:  # fmt: skip
    japanese = side == "japan"
    return DelegateData(
        side=side,
        family_name=family,
        given_name=given,
        family_reading_input=reading[0],
        given_reading_input=reading[1],
        family_latin_input="",
        given_latin_input="",
        organization="東京都羽村市" if japanese else "沈阳市人民政府外事办公室",
        organization_type="local_government",
        title=title or ("主査" if japanese else "处长"),
        email=f"badge{next(_serial)}@example.{'jp' if japanese else 'cn'}",
        phone="",
        role=role,
        dietary="none",
        dietary_note="",
        language="ja" if japanese else "zh",
        item_codes=items,
    )


def add_japanese(seminar, family: str, reading: str, given: str = "太郎",
                 given_reading: str = "たろう", **options) -> Delegate:  # fmt: skip
    data = delegate_data("japan", family, given, (reading, given_reading), **options)
    return register(seminar, data)[0]


def add_chinese(seminar, family: str, given: str = "伟", **options) -> Delegate:
    return register(seminar, delegate_data("china", family, given, **options))[0]


def add_cast(seminar) -> list[Delegate]:
    """Both lists, registered in reverse so insertion order proves nothing."""
    people = [add_japanese(seminar, family, kana) for family, kana in reversed(JAPANESE_IN_ORDER)]
    people += [add_chinese(seminar, family) for family in reversed(CHINESE_IN_ORDER)]
    return people


def expected_order() -> list[str]:
    return [f"{family} 太郎" for family, _ in JAPANESE_IN_ORDER] + [
        f"{family}伟" for family in CHINESE_IN_ORDER
    ]


def set_columns(delegate_id: int, **values) -> None:
    """Write straight to the table, past the form's checks (e.g. an unprintable name)."""
    db.session.execute(update(Delegate).where(Delegate.id == delegate_id).values(**values))
    db.session.commit()


def reload(delegate_id: int) -> Delegate:
    db.session.expire_all()
    return db.session.execute(select(Delegate).where(Delegate.id == delegate_id)).scalar_one()
