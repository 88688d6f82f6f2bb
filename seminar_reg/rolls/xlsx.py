"""Attendance rolls as XLSX: one worksheet per side (see rolls.content)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..documents.xlsx import GRID, WRAP, language_font, side_font, style_header_row, write_text
from .content import (
    RollEntry,
    RollResult,
    RollSection,
    RollTexts,
    organization_for,
    result_counts,
    roll_sections,
    shows_cross_name,
)

XLSX_TABLE_ROW = 5  # the heading row; the title block sits above it
CHECK_IN_NUMBER_FORMATS = {"%H:%M": '"✓ "hh:mm', "%m/%d %H:%M": '"✓ "mm/dd hh:mm'}


@dataclass(frozen=True)
class XlsxColumn:
    key: str
    width: float


def xlsx_columns(language: str, side: str) -> list[XlsxColumn]:
    """Columns of a side's sheet; the kana reading only for the Japanese side (a Chinese
    name's reading is its Latin name), the cross-script name only for a ja or zh roll."""
    columns = [
        XlsxColumn("number", 6),
        XlsxColumn("name", 18),
        XlsxColumn("reading", 20),
        XlsxColumn("latin_name", 22),
        XlsxColumn("cross_name", 16),
        XlsxColumn("organization", 32),
        XlsxColumn("title", 16),
        XlsxColumn("signature", 28),
        XlsxColumn("checked_in", 13),
    ]
    if language == "en":
        columns = [column for column in columns if column.key != "cross_name"]
    if side != "japan":
        columns = [column for column in columns if column.key != "reading"]
    return columns


def build_roll_xlsx(entries: Sequence[RollEntry], texts: RollTexts) -> RollResult:
    """The roll as a workbook: one worksheet per side, totals on the last one."""
    sections = roll_sections(entries, texts.language)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for index, section in enumerate(sections):
        sheet = workbook.create_sheet(_sheet_title(texts.side_labels.get(section.side, ""), index))
        last_row = _write_section_sheet(sheet, section, texts)
        if index == len(sections) - 1:
            _write_totals(sheet, last_row + 2, sections, texts)
    buffer = BytesIO()
    workbook.save(buffer)
    counts, checked = result_counts(sections)
    return RollResult(buffer.getvalue(), counts, checked)


def _sheet_title(label: str, index: int) -> str:
    """Worksheet names may not hold []:*?/\\ nor exceed 31 characters."""
    cleaned = "".join(c for c in label if c not in "[]:*?/\\").strip("'")[:31]
    return cleaned or f"Sheet{index + 1}"


def _write_section_sheet(sheet: Worksheet, section: RollSection, texts: RollTexts) -> int:
    columns = xlsx_columns(texts.language, section.side)
    _write_title_block(sheet, section, texts)
    for index, column in enumerate(columns, start=1):
        write_text(sheet, XLSX_TABLE_ROW, index, getattr(texts, column.key))
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    style_header_row(sheet, XLSX_TABLE_ROW, len(columns), texts.language)
    row = XLSX_TABLE_ROW
    for number, entry in enumerate(section.entries, start=1):
        row += 1
        _write_entry(sheet, row, number, entry, columns, texts)
    if not section.entries:
        row += 1
        write_text(sheet, row, 2, texts.no_delegates).font = language_font(texts.language)
    _finish_table(sheet, row, len(columns))
    return _write_subtotal(sheet, row + 1, section, texts, columns)


def _write_title_block(sheet: Worksheet, section: RollSection, texts: RollTexts) -> None:
    lines = [
        (texts.seminar_title, 11, False),
        (f"{texts.document_title}: {texts.roll_title}", 14, True),
        (f"{texts.date} · {texts.venue_or_placeholder}", 10, False),
        (texts.side_labels.get(section.side, section.side), 12, True),
    ]
    for row, (text, size, bold) in enumerate(lines, start=1):
        write_text(sheet, row, 1, text).font = language_font(texts.language, size=size, bold=bold)


def _write_entry(
    sheet: Worksheet,
    row: int,
    number: int,
    entry: RollEntry,
    columns: Sequence[XlsxColumn],
    texts: RollTexts,
) -> None:
    other = "china" if entry.side == "japan" else "japan"
    cross = entry.cross_name if shows_cross_name(entry, texts.language) else ""
    organization, face = organization_for(entry, texts.language)
    values = {
        "name": (entry.display_name, side_font(entry.side, bold=True)),
        "reading": (entry.reading, side_font("japan")),
        "latin_name": (entry.latin_name, side_font(entry.side)),
        "cross_name": (cross, side_font(other)),
        "organization": (organization, side_font(face)),
        "title": (entry.title, side_font(entry.side)),
        "signature": ("", side_font(entry.side)),
    }
    for index, column in enumerate(columns, start=1):
        if column.key == "number":
            cell = sheet.cell(row=row, column=index, value=number)
            cell.font = language_font(texts.language)
        elif column.key == "checked_in":
            cell = _write_check_in(sheet, row, index, entry, texts)
        else:
            text, font = values[column.key]
            cell = write_text(sheet, row, index, text)
            cell.font = font
        cell.border = GRID
        cell.alignment = WRAP
    sheet.row_dimensions[row].height = 30  # room to sign on a printout


def _write_check_in(sheet: Worksheet, row: int, column: int, entry: RollEntry, texts: RollTexts):
    """A real date-time (sortable, filterable) shown as '✓ 09:12'."""
    cell = sheet.cell(row=row, column=column)
    if entry.checked_in_at is not None:
        cell.value = entry.checked_in_at
        cell.number_format = CHECK_IN_NUMBER_FORMATS.get(texts.check_in_format, '"✓ "hh:mm')
        cell.font = Font(name=language_font(texts.language).name, color="FF0D6B33", bold=True)
    return cell


def _finish_table(sheet: Worksheet, last_row: int, column_count: int) -> None:
    last_column = get_column_letter(column_count)
    sheet.freeze_panes = sheet.cell(row=XLSX_TABLE_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{XLSX_TABLE_ROW}:{last_column}{max(last_row, XLSX_TABLE_ROW + 1)}"
    sheet.print_title_rows = f"{XLSX_TABLE_ROW}:{XLSX_TABLE_ROW}"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _write_subtotal(
    sheet: Worksheet,
    row: int,
    section: RollSection,
    texts: RollTexts,
    columns: Sequence[XlsxColumn],
) -> int:
    """Label in the name column, the count as a number beside it; check-ins at the end."""
    bold = language_font(texts.language, bold=True)
    write_text(sheet, row, 2, texts.subtotal).font = bold
    count = sheet.cell(row=row, column=3, value=len(section.entries))
    count.font = bold
    count.alignment = Alignment(horizontal="left")
    checked = sheet.cell(row=row, column=len(columns), value=section.checked_in)
    checked.number_format = '"✓ "0'
    checked.font = bold
    return row


def _write_totals(
    sheet: Worksheet, row: int, sections: Sequence[RollSection], texts: RollTexts
) -> None:
    """Each side's total and the grand total: label, count, checked in."""
    lines = [
        (texts.side_labels.get(s.side, s.side), len(s.entries), s.checked_in, False)
        for s in sections
    ]
    lines.append(
        (texts.total, sum(line[1] for line in lines), sum(line[2] for line in lines), True)
    )
    for offset, (label, count, checked, is_total) in enumerate(lines):
        font = language_font(texts.language, bold=is_total)
        write_text(sheet, row + offset, 2, label).font = font
        sheet.cell(row=row + offset, column=3, value=count).font = font
        mark = sheet.cell(row=row + offset, column=4, value=checked)
        mark.number_format = '"✓ "0'
        mark.font = font
