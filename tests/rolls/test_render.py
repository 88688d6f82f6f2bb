"""Attendance roll documents built from plain entries: layout, fonts, pages, XLSX safety."""

import dataclasses
import datetime as dt
import io
import re
import zipfile

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from seminar_reg.documents import MissingGlyphError
from seminar_reg.documents.xlsx import is_risky
from seminar_reg.names.display import display_reading
from seminar_reg.rolls.content import RollEntry, RollTexts, roll_sections, shows_cross_name
from seminar_reg.rolls.pdf import build_roll_pdf
from seminar_reg.rolls.xlsx import build_roll_xlsx
from tests.badges.samples import ALL
from tests.pdf_tools import (
    assert_fonts_embedded,
    page_texts,
    rasterise,
    save_artifact,
    squeeze,
    text_runs,
)

TEXTS = RollTexts(
    language="en",
    document_title="Attendance roll",
    seminar_title="16th Japan-China Regional Exchange Promotion Seminar",
    roll_title="Plenary session",
    date="Thursday, July 27, 2017",
    venue="",
    venue_to_be_announced="Venue to be announced",
    side_labels={"japan": "Japanese side", "china": "Chinese side"},
    number="No.",
    name="Name",
    reading="Reading (kana)",
    latin_name="Name in Latin letters",
    cross_name="Name as written by the other side",
    organization="Organization",
    title="Title or position",
    signature="Signature",
    checked_in="Checked in",
    subtotal="Subtotal",
    total="Total",
    continued="(continued)",
    no_delegates="No delegates",
    page_of="Page %(page)s of %(pages)s",
)
JA_TEXTS = dataclasses.replace(
    TEXTS,
    language="ja",
    document_title="出席者名簿",
    seminar_title="第16回日中地域間交流推進セミナー",
    roll_title="全体会議",
    date="2017年7月27日(木)",
    venue_to_be_announced="会場未定",
    side_labels={"japan": "日本側", "china": "中国側"},
    number="番号",
    name="氏名",
    reading="よみ",
    organization="所属",
    title="役職",
    signature="署名",
    checked_in="受付",
    subtotal="小計",
    total="合計",
    continued="（続き）",
    page_of="%(page)s / %(pages)s ページ",
)
ZH_TEXTS = dataclasses.replace(
    JA_TEXTS, language="zh", side_labels={"japan": "日方", "china": "中方"}, total="合计"
)
CHECKED = dt.datetime(2017, 7, 27, 9, 5)


def entry_from(badge, checked_in_at=None, delegate_id=None) -> RollEntry:
    return RollEntry(
        delegate_id=badge.delegate_id if delegate_id is None else delegate_id,
        side=badge.side,
        family=badge.family,
        given=badge.given,
        latin_name=badge.latin_name,
        cross_name=badge.cross_name,
        organization=badge.organization,
        title=badge.title,
        checked_in_at=checked_in_at,
        reading=display_reading(badge.side, badge.family_reading, badge.given_reading),
    )


ENTRIES = [entry_from(b, CHECKED if b.delegate_id in (1, 7) else None) for b in ALL]
# 60 rows: three pages at least
LONG = [
    entry_from(ALL[i % len(ALL)], CHECKED if i % 4 == 0 else None, delegate_id=100 + i)
    for i in range(60)
]


@pytest.fixture(scope="module")
def long_roll():
    return build_roll_pdf(LONG, JA_TEXTS)


def test_sections_follow_the_seminar_name_in_each_language():
    assert [s.side for s in roll_sections(ENTRIES, "ja")] == ["japan", "china"]
    assert [s.side for s in roll_sections(ENTRIES, "en")] == ["japan", "china"]
    assert [s.side for s in roll_sections(ENTRIES, "zh")] == ["china", "japan"]


def test_sections_keep_the_given_order():
    japanese = [s for s in roll_sections(ENTRIES[::-1], "ja") if s.side == "japan"][0]
    assert [e.delegate_id for e in japanese.entries] == [5, 4, 3, 2, 1]


def test_unknown_language_is_refused():
    with pytest.raises(ValueError, match="language"):
        build_roll_pdf(ENTRIES, dataclasses.replace(TEXTS, language="fr"))


def test_every_page_says_page_x_of_y(long_roll):
    texts = page_texts(long_roll.data)
    assert long_roll.pages == len(texts) >= 3
    for number, text in enumerate(texts, start=1):
        assert squeeze(f"{number} / {len(texts)} ページ") in squeeze(text)


def test_header_on_every_page_and_venue_placeholder(long_roll):
    for text in page_texts(long_roll.data):
        flat = squeeze(text)
        assert "第16回日中地域間交流推進セミナー" in flat
        assert "全体会議" in flat and "会場未定" in flat and "署名" in flat


def test_a_section_running_on_is_marked_continued(long_roll):
    second = squeeze(page_texts(long_roll.data)[1])
    assert "日本側（続き）" in second


def test_numbering_restarts_per_section_and_subtotals_match(long_roll):
    assert long_roll.counts == {"japan": 35, "china": 25}
    flat = squeeze("".join(page_texts(long_roll.data)))
    assert "日本側小計：35" in flat and "中国側小計：25" in flat


def test_totals_are_on_the_last_page_only(long_roll):
    texts = page_texts(long_roll.data)
    last = squeeze(texts[-1])
    checked = {
        side: sum(e.checked_in_at is not None for e in LONG if e.side == side)
        for side in ("japan", "china")
    }
    assert long_roll.checked_in == checked
    assert f"日本側35✓{checked['japan']}" in last and f"中国側25✓{checked['china']}" in last
    assert f"合計60✓{checked['japan'] + checked['china']}" in last
    assert not any("合計" in squeeze(text) for text in texts[:-1])


def test_fonts_are_embedded_subsets(long_roll):
    assert_fonts_embedded(long_roll.data)


def _runs_of(pdf, text):
    return [font for _, run, font, _ in text_runs(pdf) if squeeze(run) == squeeze(text)]


@pytest.mark.parametrize("texts", [TEXTS, JA_TEXTS, ZH_TEXTS], ids=lambda t: t.language)
def test_names_are_set_in_their_sides_face(texts):
    pdf = build_roll_pdf(ENTRIES, texts).data
    for entry in ENTRIES:
        if entry.family:  # 买买提·吐尔逊 is checked below
            fonts = _runs_of(pdf, entry.display_name)
            face = "NotoSansJP" if entry.side == "japan" else "NotoSansSC"
            assert fonts and all(face in font for font in fonts), (entry.display_name, fonts)


def test_cross_names_appear_for_the_other_sides_readers_in_their_face():
    ja = build_roll_pdf(ENTRIES, JA_TEXTS).data
    assert all("NotoSansJP" in f for f in _runs_of(ja, "欧陽娜娜")) and _runs_of(ja, "欧陽娜娜")
    assert not _runs_of(ja, "高桥健一")  # a Japanese reader needs no Chinese rendering
    zh = build_roll_pdf(ENTRIES, ZH_TEXTS).data
    assert _runs_of(zh, "高桥健一") and all("NotoSansSC" in f for f in _runs_of(zh, "高桥健一"))
    en = squeeze("".join(page_texts(build_roll_pdf(ENTRIES, TEXTS).data)))
    assert "高桥健一" not in en and "欧陽娜娜" not in en


def test_shows_cross_name_only_when_it_differs():
    same = entry_from(ALL[0])
    same = dataclasses.replace(same, side="china", family="王", given="芳", cross_name="王芳")
    assert not shows_cross_name(same, "ja")
    assert shows_cross_name(entry_from(ALL[6]), "ja")


def test_check_in_marks_only_for_checked_in_rows():
    pdf = build_roll_pdf(ENTRIES, TEXTS)
    marks = [run for _, run, _, _ in text_runs(pdf.data) if re.fullmatch(r"✓ \d\d:\d\d", run)]
    assert marks == ["✓ 09:05", "✓ 09:05"]
    assert pdf.checked_in == {"japan": 1, "china": 1}
    flat = squeeze("".join(page_texts(pdf.data)))
    # each mark follows its own row: 髙橋 (1) and 欧阳 (7), not their neighbours
    assert re.search(r"髙橋健一.*?理事長✓09:05", flat)
    assert re.search(r"欧阳娜娜.*?翻译✓09:05", flat)


def test_a_name_no_font_can_draw_is_reported_and_replaced():
    broken = dataclasses.replace(entry_from(ALL[2]), given="\ue000直樹", title="課長\ue001")
    result = build_roll_pdf([broken, *ENTRIES[3:5]], TEXTS)
    assert [(p.delegate_id, p.field) for p in result.problems] == [(3, "given"), (3, "title")]
    assert "U+E000" in result.problems[0].reason
    flat = squeeze("".join(page_texts(result.data)))
    assert "YOSHIDANaoki" in flat and "\ue000" not in flat and "課長" not in flat
    assert result.counts["japan"] == 3  # the row is kept: the person can still sign


def test_a_shared_text_no_font_can_draw_is_refused():
    with pytest.raises(MissingGlyphError):
        build_roll_pdf(ENTRIES, dataclasses.replace(TEXTS, roll_title="Plenary \ue000"))


def test_an_empty_roll_still_prints_with_zero_totals():
    result = build_roll_pdf([], TEXTS)
    flat = squeeze(page_texts(result.data)[0])
    assert result.pages == 1 and "Nodelegates" in flat and re.search(r"Total0✓0", flat)


def test_first_page_looks_like_a_sign_in_sheet(long_roll, tmp_path):
    reader = PdfReader(io.BytesIO(long_roll.data))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert (round(width), round(height)) == (595, 842)  # A4 portrait
    (image,) = rasterise(long_roll.data, tmp_path, last=1)
    save_artifact(image, "roll-first-page.png")
    assert image.size[0] < image.size[1]


# --- XLSX -----------------------------------------------------------------------------------


def _column(sheet, heading: str) -> int:
    """The 1-based column under `heading` in the heading row."""
    return [cell.value for cell in sheet[5]].index(heading) + 1


def _sheet_rows(sheet):
    """(name column, number column) of the data rows under the heading row."""
    rows = []
    for row in sheet.iter_rows(min_row=6, values_only=True):
        if not isinstance(row[0], int):
            break
        rows.append(row)
    return rows


def test_xlsx_has_one_sheet_per_side_with_subtotals_and_totals():
    result = build_roll_xlsx(ENTRIES, TEXTS)
    book = load_workbook(io.BytesIO(result.data))
    assert book.sheetnames == ["Japanese side", "Chinese side"]
    for sheet, side in zip(book.worksheets, ("japan", "china"), strict=True):
        rows = _sheet_rows(sheet)
        assert [r[0] for r in rows] == list(range(1, len(rows) + 1))
        subtotal = sheet.cell(row=6 + len(rows), column=2)
        assert subtotal.value == "Subtotal"
        assert sheet.cell(row=6 + len(rows), column=3).value == result.counts[side] == len(rows)
    last = book.worksheets[-1]
    values = [row for row in last.iter_rows(values_only=True) if row[1] in ("Total",)]
    assert values and values[0][2] == 9 and values[0][3] == 2


def test_xlsx_check_in_is_a_time_for_checked_in_rows_only():
    book = load_workbook(io.BytesIO(build_roll_xlsx(ENTRIES, TEXTS).data))
    japanese = _sheet_rows(book["Japanese side"])
    heading = [c.value for c in book["Japanese side"][5]]
    column = heading.index("Checked in")
    assert [row[column] for row in japanese] == [CHECKED, None, None, None, None]


def test_xlsx_cross_name_column_only_for_the_other_sides_language():
    en = load_workbook(io.BytesIO(build_roll_xlsx(ENTRIES, TEXTS).data))
    assert "Name as written by the other side" not in [c.value for c in en.worksheets[0][5]]
    ja = load_workbook(io.BytesIO(build_roll_xlsx(ENTRIES, JA_TEXTS).data))
    chinese = ja["中国側"]
    heading = [c.value for c in chinese[5]]
    column = heading.index("Name as written by the other side")
    assert _sheet_rows(chinese)[1][column] == "欧陽娜娜"


INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "＝1+1", " =1"]


@pytest.mark.parametrize("payload", INJECTIONS)
def test_xlsx_cells_starting_like_a_formula_stay_inert_text(payload):
    evil = dataclasses.replace(entry_from(ALL[0]), organization=payload, title=payload)
    data = build_roll_xlsx([evil], TEXTS).data
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cell = sheet.cell(row=6, column=_column(sheet, "Organization"))
    assert cell.value == payload  # the delegate's text, unaltered
    assert cell.data_type == "s" and cell.quotePrefix
    xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the sheet


def test_is_risky_spots_formula_starts_only():
    assert all(is_risky(p) for p in INJECTIONS)
    assert not any(is_risky(t) for t in ("東京都", "O'Brien", "a=b", "1-2", ""))


def test_xlsx_drops_control_characters_it_cannot_store():
    evil = dataclasses.replace(entry_from(ALL[0]), title="課長\x07補佐")
    sheet = load_workbook(io.BytesIO(build_roll_xlsx([evil], TEXTS).data)).worksheets[0]
    assert sheet.cell(row=6, column=_column(sheet, "Title or position")).value == "課長補佐"


def test_a_reading_no_font_can_draw_is_left_out_and_reported():
    broken = dataclasses.replace(entry_from(ALL[0]), reading="たかはし \ue000")
    result = build_roll_pdf([broken], JA_TEXTS)
    assert [(p.delegate_id, p.field) for p in result.problems] == [(1, "reading")]
    flat = squeeze("".join(page_texts(result.data)))
    assert "髙橋健一" in flat and "TAKAHASHIKenichi" in flat  # the row, without its reading
    assert "たかはし" not in flat and "\ue000" not in flat
