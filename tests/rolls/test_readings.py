"""Kana readings on the rolls: a small line under each Japanese-side name in the PDF, a
column on the Japanese side's worksheet, in every roll language; nothing for a name
without one. The rows are in gojūon order, and the printed readings show it."""

import io

import pytest
from openpyxl import load_workbook

from seminar_reg.rolls.export import make_roll
from seminar_reg.rolls.pdf_layout import ROW_HEIGHT
from seminar_reg.rolls.pdf_name import NAME_SIZE, SOUND_SIZE
from tests.badges.helpers import reload, set_columns
from tests.pdf_tools import assert_fonts_embedded, page_texts, positioned_runs, squeeze

from .helpers import JAPANESE_IN_ORDER, add_ordering_cast

READINGS = [f"{kana} たろう" for _, kana in JAPANESE_IN_ORDER]
HEADINGS = {"ja": "よみ", "zh": "读音（假名）", "en": "Reading (kana)"}


def _rows(pdf: bytes) -> list[tuple[int, str, str, float, float, float]]:
    return [(p, t.strip(), f, s, x, y) for p, t, f, s, x, y in positioned_runs(pdf) if t.strip()]


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_each_japanese_name_has_its_reading_in_small_type_under_it(seminar, language):
    cast = add_ordering_cast(seminar)
    roll = make_roll(seminar, "plenary", language=language, file_format="pdf")
    runs = _rows(roll.data)
    readings = [run for run in runs if run[1] in READINGS]
    # every reading once, top to bottom in gojūon order: the order the rows are in
    assert [run[1] for run in readings] == READINGS
    names = {run[1]: run for run in runs if run[3] == NAME_SIZE and "Bold" in run[2]}
    for (family, _), reading in zip(JAPANESE_IN_ORDER, readings, strict=True):
        page, _, font, size, x, y = reading
        name = names[f"{family} 太郎"]
        assert "NotoSansJP-Regular" in font and 4.5 <= size <= SOUND_SIZE < NAME_SIZE
        assert page == name[0] and x == pytest.approx(name[4])  # the name's left edge
        assert 0 < name[5] - y < ROW_HEIGHT * 0.75  # under the name, in the same row
    pinyin = {  # stored for the Chinese side, never printed (its Latin name is)
        reading
        for d in cast
        if d.side == "china"
        for reading in (d.family_reading, d.given_reading)
        if reading
    }
    text = squeeze("".join(page_texts(roll.data)))
    assert pinyin and not any(squeeze(reading) in text for reading in pinyin)
    assert_fonts_embedded(roll.data)


def test_a_name_without_a_reading_prints_no_reading_and_no_placeholder(seminar):
    cast = add_ordering_cast(seminar)
    ono = next(d for d in cast if d.family_name == "小野")
    set_columns(ono.id, family_reading="", given_reading="")
    ono = reload(ono.id)
    roll = make_roll(seminar, "plenary", language="ja", file_format="pdf")
    runs = _rows(roll.data)
    name = next(run for run in runs if run[1] == "小野 太郎")
    row = {run[1] for run in runs if run[0] == name[0] and abs(run[5] - name[5]) < ROW_HEIGHT / 2}
    assert row == {"2", "小野 太郎", ono.latin_name, ono.organization, ono.title}
    assert [run[1] for run in runs if run[1] in READINGS] == [
        reading for reading in READINGS if reading != "おの たろう"
    ]
    sheet = load_workbook(io.BytesIO(make_roll(
        seminar, "plenary", language="ja", file_format="xlsx"
    ).data))["日本側"]
    assert sheet.cell(row=7, column=2).value == "小野 太郎"
    assert sheet.cell(row=7, column=3).value is None  # an empty cell, nothing typed in it


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_the_japanese_sides_worksheet_has_a_reading_column(seminar, language):
    add_ordering_cast(seminar)
    book = load_workbook(io.BytesIO(make_roll(
        seminar, "plenary", language=language, file_format="xlsx"
    ).data))
    japanese, chinese = (book.worksheets if language != "zh" else book.worksheets[::-1])
    heading = [cell.value for cell in japanese[5]]
    column = heading.index(HEADINGS[language])
    assert column == heading.index(heading[1]) + 1  # right after the name
    rows = list(japanese.iter_rows(min_row=6, max_row=5 + len(READINGS), values_only=True))
    assert [row[column] for row in rows] == READINGS
    assert japanese.cell(row=6, column=column + 1).font.name == "Yu Gothic"
    assert HEADINGS[language] not in [cell.value for cell in chinese[5]]


@pytest.mark.parametrize(
    ("language", "words"),
    [("ja", "五十音順"), ("zh", "五十音顺序"), ("en", "gojūon order by reading")],
)
def test_the_rolls_page_says_the_readings_are_printed(login_as, seminar, language, words):
    page = login_as("secretariat").get(f"/console/rolls/?lang={language}")
    assert words in page.get_data(as_text=True)
