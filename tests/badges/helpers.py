"""Delegates for badge tests, registered through the real registration operation."""

from __future__ import annotations

from sqlalchemy import select, update

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.factories import add_chinese, add_japanese, delegate_data  # noqa: F401

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
