"""Delegates for roll tests, registered through the real registration operation."""

from __future__ import annotations

import datetime as dt

from seminar_reg.checkin.models import CheckIn
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.factories import add_chinese, add_japanese, delegate_data  # noqa: F401

# Family names whose order is easy to get wrong, in the order each side reads them.
# Japanese: gojūon by reading; voicing decides only between equal kana (かとう < かどう
# < がとう), a long vowel sorts as its vowel (おおの < おの), the long mark after the
# plain kana (すずき < すずきー).
JAPANESE_IN_ORDER = [
    ("大野", "おおの"),
    ("小野", "おの"),
    ("加藤", "かとう"),
    ("河堂", "かどう"),
    ("我藤", "がとう"),
    ("後藤", "ごとう"),
    ("鈴木", "すずき"),
    ("錫希", "すずきー"),
    ("長谷川", "はせがわ"),
]
# Chinese: pinyin of the surname with its surname reading (单 shàn, not dān; 曾 zēng,
# not céng; 解 xiè, not jiě), syllable by syllable for compound surnames (欧阳 ou-yang;
# 司马 si-ma < 孙 sun), the given name only between equal surnames (王芳 < 王伟); 解 and
# 谢 are both xiè and fall back to code points. A name without a family part sorts by
# its given name (买买提 mai).
CHINESE_IN_ORDER = [
    ("", "买买提·吐尔逊"),
    ("欧阳", "伟"),
    ("单", "伟"),
    ("沈", "伟"),
    ("司马", "伟"),
    ("孙", "伟"),
    ("王", "芳"),
    ("王", "伟"),
    ("解", "伟"),
    ("谢", "伟"),
    ("曾", "伟"),
    ("张", "伟"),
]


def add_ordering_cast(seminar, items: tuple[str, ...] = ("plenary",)) -> list[Delegate]:
    """Everyone of both lists, registered in reverse so insertion order proves nothing."""
    people = []
    for family, reading in reversed(JAPANESE_IN_ORDER):
        people.append(add_japanese(seminar, family, reading, items=items))
    for family, given in reversed(CHINESE_IN_ORDER):
        people.append(add_chinese(seminar, family, given, items=items))
    return people


def check_in(delegate: Delegate, item_code: str, at: dt.datetime) -> None:
    item = next(a.item for a in delegate.attendances if a.item.code == item_code)
    db.session.add(CheckIn(delegate_id=delegate.id, item_id=item.id, checked_in_at=at))
    db.session.commit()
