"""A `ListDocument` as XLSX: one sheet, or one sheet per section."""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from ...documents.xlsx import neutralise
from .render import HEADER_FILL, ListDocument, Section

# --- XLSX -----------------------------------------------------------------------------------

_FORBIDDEN_SHEET_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})


def render_xlsx(document: ListDocument) -> bytes:
    """One sheet with every section under the other, or one sheet per section."""
    workbook = Workbook()
    first = workbook.active
    if document.sheet_per_section and document.sections:
        workbook.remove(first)
        used: set[str] = set()
        for section in document.sections:
            sheet = workbook.create_sheet(_sheet_name(section.sheet or section.heading, used))
            _write_sections(sheet, document, [section])
    else:
        first.title = _sheet_name(document.title, set())
        _write_sections(first, document, document.sections)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_name(name: str, used: set[str]) -> str:
    base = (neutralise(name.translate(_FORBIDDEN_SHEET_CHARACTERS)).strip("'") or "Sheet")[:31]
    candidate, counter = base, 2
    while candidate.casefold() in used:
        suffix = f" ({counter})"
        candidate, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(candidate.casefold())
    return candidate


def _write_sections(sheet, document: ListDocument, sections: Sequence[Section]) -> None:
    bold = Font(bold=True)
    sheet.append([neutralise(document.title)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    sheet.append([neutralise(f"{document.labels.seminar} {document.labels.period}")])
    widths: dict[int, int] = {}
    if not sections and document.empty_text:
        sheet.append([])
        sheet.append([neutralise(document.empty_text)])
    for section in sections:
        sheet.append([])
        sheet.append([neutralise(section.heading), neutralise(section.note)])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True, size=12)
        if section.columns:
            sheet.append([neutralise(column.header) for column in section.columns])
            header_row = sheet.max_row
            for index in range(1, len(section.columns) + 1):
                cell = sheet.cell(row=header_row, column=index)
                cell.font = bold
                cell.fill = PatternFill("solid", fgColor=HEADER_FILL[1:])
            if document.sheet_per_section:
                sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
                sheet.print_title_rows = f"{header_row}:{header_row}"
        for row in section.rows:
            sheet.append([neutralise(cell.value) for cell in row])
            for index, cell in enumerate(row, start=1):
                widths[index] = max(widths.get(index, 0), _display_width(cell.text))
                if cell.bold:
                    sheet.cell(row=sheet.max_row, column=index).font = bold
        for line in section.summary:
            sheet.append([neutralise(line)])
            sheet.cell(row=sheet.max_row, column=1).alignment = Alignment(wrap_text=False)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 6), 60)
    sheet.page_setup.orientation = "landscape" if document.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToHeight = 0


def _display_width(text: str) -> int:
    """Spreadsheet column units: CJK characters are about two Latin ones wide."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)
