"""Rolls from the database: who is on them, in which order, with which check-ins."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.operations import register
from seminar_reg.registration.places import set_status
from seminar_reg.rolls.export import make_roll
from seminar_reg.rolls.queries import UnknownRollError, roll_delegates, roll_overview
from tests.pdf_tools import page_texts, squeeze, text_runs

from .helpers import (
    CHINESE_IN_ORDER,
    JAPANESE_IN_ORDER,
    add_chinese,
    add_japanese,
    add_ordering_cast,
    check_in,
)

JAPANESE_NAMES = [f"{family}太郎" for family, _ in JAPANESE_IN_ORDER]
CHINESE_NAMES = [f"{family}{given}" for family, given in CHINESE_IN_ORDER]


def positions(text: str, names: list[str]) -> list[int]:
    found = [text.find(name) for name in names]
    assert -1 not in found, [n for n, p in zip(names, found, strict=True) if p == -1]
    return found


def pdf_text(roll) -> str:
    return squeeze("".join(page_texts(roll.data)))


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_pdf_lists_each_side_in_its_own_order(seminar, language):
    add_ordering_cast(seminar)
    text = pdf_text(make_roll(seminar, "plenary", language=language, file_format="pdf"))
    japanese, chinese = positions(text, JAPANESE_NAMES), positions(text, CHINESE_NAMES)
    assert japanese == sorted(japanese)
    assert chinese == sorted(chinese)
    chinese_first = language == "zh"  # 中日 in Chinese, 日中 otherwise
    assert (max(chinese) < min(japanese)) is chinese_first
    assert (max(japanese) < min(chinese)) is not chinese_first


def _xlsx_names(roll, sheet_index: int) -> list[str]:
    sheet = load_workbook(io.BytesIO(roll.data)).worksheets[sheet_index]
    names = []
    for number, name, *_ in sheet.iter_rows(min_row=6, values_only=True):
        if not isinstance(number, int):
            break
        names.append(squeeze(name))
    return names


def test_xlsx_lists_each_side_in_its_own_order(seminar):
    add_ordering_cast(seminar)
    roll = make_roll(seminar, "plenary", language="en", file_format="xlsx")
    assert _xlsx_names(roll, 0) == JAPANESE_NAMES
    assert _xlsx_names(roll, 1) == CHINESE_NAMES
    zh = make_roll(seminar, "plenary", language="zh", file_format="xlsx")
    assert _xlsx_names(zh, 0) == CHINESE_NAMES


def test_identical_names_are_ordered_by_id(seminar):
    first = add_japanese(seminar, "佐藤", "さとう")
    second = add_japanese(seminar, "佐藤", "さとう")
    item = item_by_code(seminar, "plenary")
    assert [d.id for d in roll_delegates(seminar, item)] == [first.id, second.id]


def test_cancelled_delegates_and_other_items_are_not_on_the_roll(seminar):
    item = item_by_code(seminar, "site-visit")
    kept = add_japanese(seminar, "加藤", "かとう", items=("site-visit",))
    cancelled = add_japanese(seminar, "後藤", "ごとう", items=("site-visit",))
    elsewhere = add_chinese(seminar, "张", items=("plenary",))
    set_status(cancelled, "cancelled", actor="test")
    assert [d.id for d in roll_delegates(seminar, item)] == [kept.id]
    assert {d.id for d in roll_delegates(seminar, None)} == {kept.id, elsewhere.id}
    text = pdf_text(make_roll(seminar, "site-visit", language="en", file_format="pdf"))
    assert "加藤" in text and "後藤" not in text and "张伟" not in text
    assert "後藤" not in pdf_text(make_roll(seminar, "all", language="en", file_format="pdf"))


def test_waitlisted_delegates_are_not_on_the_roll(seminar):
    item = item_by_code(seminar, "site-visit")
    item.capacity = 1
    db.session.commit()
    add_japanese(seminar, "加藤", "かとう", items=("site-visit",))
    waiting = add_chinese(seminar, "王", items=("site-visit",))
    assert waiting.status == "waitlisted"
    roll = make_roll(seminar, "site-visit", language="en", file_format="pdf")
    assert roll.result.counts == {"japan": 1, "china": 0}
    assert "王伟" not in pdf_text(roll)
    whole = make_roll(seminar, "all", language="en", file_format="pdf")
    assert "王伟" not in pdf_text(whole)


def test_check_in_marks_only_for_checked_in_delegates(seminar):
    people = add_ordering_cast(seminar, items=("plenary", "site-visit"))
    by_name = {squeeze(p.full_name): p for p in people}
    # Stored in UTC, printed on Shenyang's clock (UTC+8), as the desk shows them.
    check_in(by_name["河堂太郎"], "plenary", dt.datetime(2017, 7, 27, 1, 12))
    check_in(by_name["曾伟"], "plenary", dt.datetime(2017, 7, 27, 1, 31))
    check_in(by_name["单伟"], "site-visit", dt.datetime(2017, 7, 27, 23, 59))  # other item
    roll = make_roll(seminar, "plenary", language="en", file_format="pdf")
    marks = [run for _, run, _, _ in text_runs(roll.data) if re.fullmatch(r"✓ \d\d:\d\d", run)]
    assert sorted(marks) == ["✓ 09:12", "✓ 09:31"]
    assert roll.result.checked_in == {"japan": 1, "china": 1}
    text = pdf_text(roll)
    assert re.search(r"河堂太郎[^✓]*?✓09:12", text) and re.search(r"曾伟[^✓]*?✓09:31", text)
    whole = make_roll(seminar, "all", language="en", file_format="pdf")
    # the whole seminar: first check-in, with the venue's day (UTC was still the 27th)
    assert "✓07/2807:59" in pdf_text(whole)


def test_names_are_set_in_their_sides_face(seminar):
    add_ordering_cast(seminar)
    roll = make_roll(seminar, "plenary", language="ja", file_format="pdf")
    runs = text_runs(roll.data)
    for name in JAPANESE_NAMES + CHINESE_NAMES[1:]:
        fonts = [font for _, text, font, _ in runs if squeeze(text) == name]
        face = "NotoSansJP" if name in JAPANESE_NAMES else "NotoSansSC"
        assert fonts and all(face in font for font in fonts), (name, fonts)


@pytest.mark.slow
def test_subtotals_and_totals_add_up_on_a_long_roll(seminar):
    for data in demo_delegates(japan=30, china=34):
        register(seminar, data)
    roll = make_roll(seminar, "plenary", language="en", file_format="pdf")
    texts = page_texts(roll.data)
    assert roll.result.pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(texts)}" in text
    flat = squeeze("".join(texts))
    japan, china = roll.result.counts["japan"], roll.result.counts["china"]
    assert (japan, china) == (30, 34)
    assert f"JapanesesideSubtotal:{japan}" in flat and f"ChinesesideSubtotal:{china}" in flat
    last = squeeze(texts[-1])
    assert f"Japaneseside{japan}✓0" in last and f"Chineseside{china}✓0" in last
    assert f"Total{japan + china}✓0" in last
    assert not any(re.search(r"Total\d", squeeze(text)) for text in texts[:-1])
    # the highest row number of each section is its subtotal
    numbers = [int(t) for _, t, _, size in text_runs(roll.data) if t.isdigit() and size == 8]
    assert max(numbers) == max(japan, china) and numbers.count(1) == 2


def test_unknown_item_code_is_refused(seminar):
    with pytest.raises(UnknownRollError, match="plenary"):
        make_roll(seminar, "plenery", language="ja", file_format="pdf")


def test_overview_counts_every_roll(seminar):
    add_ordering_cast(seminar)
    add_japanese(seminar, "本間", "ほんま", items=("site-visit",))
    overview = {row.code: row for row in roll_overview(seminar)}
    assert list(overview)[0] == "all"
    assert (overview["all"].japan, overview["all"].china) == (10, 12)
    assert (overview["plenary"].japan, overview["plenary"].china, overview["plenary"].total) == (
        9,
        12,
        21,
    )
    assert overview["site-visit"].total == 1 and overview["liaison-meeting"].total == 0
