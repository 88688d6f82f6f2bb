"""Logistics lists as PDF and XLSX: one neutral document model, two renderers.

The list builders (manifests.py, lists.py) turn plain data and translated
labels into a `ListDocument`; this module draws it. Every cell says which side's face
its text is set in: names and organisations in their owner's face (a Japanese name in
Noto Sans JP, its Chinese rendering in Noto Sans SC), labels in the reader's face.
Every string is checked against the fonts first: a missing glyph raises
MissingGlyphError instead of printing a box.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ...documents.fonts import check_characters, font_chain
from ...documents.pdf import binary_streams, rgb
from ...documents.textfit import CAP_HEIGHT, LINE_HEIGHT, Fitted, draw_fitted, fit, style
from ...documents.xlsx import neutralise
from ...vocabulary import SIDE_COLOURS, SIDES, reader_side

ACCENT = SIDE_COLOURS["japan"]
INK, GREY, RULE, STRIPE, HEADER_FILL = "#1A1A1A", "#5F6670", "#C9CED6", "#F3F5F8", "#E4E8EE"


@dataclass(frozen=True)
class LogisticsLabels:
    """Already translated strings (the caller owns translations).

    Strings with %(name)s placeholders are filled in here, so they are passed untranslated
    of their values, e.g. gettext("Bus %(number)s") without arguments.
    """

    language: str  # 'ja' | 'zh' | 'en': picks the face for labels
    seminar: str  # seminar title, printed in every page header
    period: str  # e.g. '2017年7月26日〜28日 瀋陽'
    sides: Mapping[str, str]
    roles: Mapping[str, str]
    dietary: Mapping[str, str]
    format_date: Callable[[dt.date], str]
    columns: Mapping[str, str]  # number, name, cross_name, side, organization, role, ...
    titles: Mapping[str, str]  # buses, catering, seating, place_cards, arrivals, ...
    phrases: Mapping[str, str]  # bus, table, head_table, seats, page, total, ...

    def count_line(self, counts: Mapping[str, int]) -> str:
        """'Japanese side 20 · Chinese side 23 · Total 43'."""
        parts = [f"{self.sides[side]} {counts.get(side, 0)}" for side in SIDES]
        total = counts.get("all", sum(counts.get(side, 0) for side in SIDES))
        return " · ".join([*parts, f"{self.phrases['total']} {total}"])


@dataclass(frozen=True)
class Cell:
    value: str | int
    side: str | None = None  # whose face; None: the reader's
    bold: bool = False
    colour: str | None = None

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width
    align: str = "left"


@dataclass(frozen=True)
class Section:
    heading: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # right of the heading, e.g. '43 of 45 seats'
    summary: tuple[str, ...] = ()  # lines under the table
    new_page: bool = False
    heading_colour: str = ACCENT
    sheet: str = ""  # worksheet name when the workbook has one sheet per section


@dataclass(frozen=True)
class ListDocument:
    title: str
    labels: LogisticsLabels
    sections: tuple[Section, ...]
    landscape: bool = False
    sheet_per_section: bool = False
    empty_text: str = ""  # printed when there are no sections

    @property
    def reader(self) -> str:
        return reader_side(self.labels.language)


def chain_for(cell: Cell, reader: str) -> list[str]:
    return font_chain(cell.side or reader, bold=cell.bold)


def check_document(document: ListDocument) -> None:
    """Raise MissingGlyphError for the first string no font can draw."""
    reader = document.reader
    texts = [document.title, document.labels.seminar, document.labels.period]
    for section in document.sections:
        texts += [section.heading, section.note, *section.summary]
        texts += [column.header for column in section.columns]
        for row in section.rows:
            for cell in row:
                check_characters(cell.text, chain_for(cell, reader))
    for text in texts:
        check_characters(text, font_chain(reader))


# --- PDF ------------------------------------------------------------------------------------

MARGIN = 14 * mm
HEADER_HEIGHT = 21 * mm
FOOTER_HEIGHT = 9 * mm
ROW_HEIGHT = 13.5  # a full 45-seat bus fits one A4 page with its heading and counts
HEADER_ROW_HEIGHT = 15.0
HEADING_HEIGHT = 22.0
SUMMARY_HEIGHT = 13.0
SECTION_GAP = 12.0
CELL_PAD = 3.5
TEXT_SIZE, TEXT_MIN = 8.5, 6.5


@dataclass
class _Block:
    kind: str  # heading | columns | row | summary | gap
    section: Section
    payload: object = None
    height: float = 0.0


@dataclass
class _Page:
    blocks: list[_Block] = field(default_factory=list)
    used: float = 0.0


def render_pdf(document: ListDocument) -> bytes:
    check_document(document)
    size = landscape(A4) if document.landscape else A4
    pages = _paginate(document, size[1] - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT)
    buffer = BytesIO()
    with binary_streams():
        canvas = new_canvas(buffer, size, document.title)
        for index, page in enumerate(pages, start=1):
            _draw_page(canvas, document, page, size, index, len(pages))
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def new_canvas(buffer: BytesIO, size: tuple[float, float], title: str) -> Canvas:
    # A TrueType initial font keeps a non-embedded Helvetica out of the page preamble.
    canvas = Canvas(
        buffer, pagesize=size, pageCompression=1, initialFontName=font_chain("japan")[0]
    )
    canvas.setTitle(title)
    canvas.setCreator("seminar_reg")
    return canvas


def _paginate(document: ListDocument, available: float) -> list[_Page]:
    """Blocks onto pages. A heading never ends a page (it keeps its column header and
    first row), a table continued on a new page repeats its heading and column header,
    and `new_page` sections start on a fresh page."""
    pages = [_Page()]
    for section in document.sections:
        page = pages[-1]
        opening = HEADING_HEIGHT + HEADER_ROW_HEIGHT + (ROW_HEIGHT if section.rows else 0)
        if page.blocks and (section.new_page or page.used + SECTION_GAP + opening > available):
            pages.append(_Page())
        elif page.blocks:
            _add(pages[-1], _Block("gap", section, height=SECTION_GAP))
        _open_section(pages[-1], section, continued=False)
        for row in section.rows:
            if pages[-1].used + ROW_HEIGHT > available:
                pages.append(_Page())
                _open_section(pages[-1], section, continued=True)
            _add(pages[-1], _Block("row", section, row, ROW_HEIGHT))
        for line in section.summary:
            if pages[-1].used + SUMMARY_HEIGHT > available:
                pages.append(_Page())
            _add(pages[-1], _Block("summary", section, line, SUMMARY_HEIGHT))
    return pages


def _open_section(page: _Page, section: Section, continued: bool) -> None:
    _add(page, _Block("heading", section, continued, HEADING_HEIGHT))
    if section.columns:
        _add(page, _Block("columns", section, None, HEADER_ROW_HEIGHT))


def _add(page: _Page, block: _Block) -> None:
    page.blocks.append(block)
    page.used += block.height


def _draw_page(canvas: Canvas, document: ListDocument, page: _Page, size, number, total) -> None:
    width, height = size
    _draw_page_header(canvas, document, width, height)
    _draw_page_footer(canvas, document, width, number, total)
    top = height - MARGIN - HEADER_HEIGHT
    stripe = 0
    if not document.sections and document.empty_text:
        _text(canvas, MARGIN, top - 14, document.empty_text, font_chain(document.reader), 10, GREY)
    for block in page.blocks:
        if block.kind == "heading":
            _draw_heading(canvas, document, block.section, top, width, bool(block.payload))
            stripe = 0
        elif block.kind == "columns":
            _draw_column_header(canvas, document, block.section, top, width)
        elif block.kind == "row":
            _draw_row(canvas, document, block.section, block.payload, top, width, stripe % 2)
            stripe += 1
        elif block.kind == "summary":
            line = fit(style([(str(block.payload), font_chain(document.reader))]), width, 8, 6)
            canvas.setFillColorRGB(*rgb(INK))
            draw_fitted(canvas, MARGIN + CELL_PAD, top - 4, line)
        top -= block.height


def _draw_page_header(canvas: Canvas, document: ListDocument, width: float, height: float) -> None:
    reader = document.reader
    usable = width - 2 * MARGIN
    canvas.setFillColorRGB(*rgb(ACCENT))
    canvas.rect(MARGIN, height - MARGIN - 2.2, usable, 2.2, stroke=0, fill=1)
    title = fit(style([(document.title, font_chain(reader, bold=True))]), usable * 0.62, 15, 9)
    canvas.setFillColorRGB(*rgb(INK))
    draw_fitted(canvas, MARGIN, height - MARGIN - 8, title)
    lines = [document.labels.seminar, document.labels.period]
    top = height - MARGIN - 7.5
    canvas.setFillColorRGB(*rgb(GREY))
    for line in lines:
        fitted = fit(style([(line, font_chain(reader))]), usable * 0.36, 7.5, 5.5)
        draw_fitted(canvas, MARGIN, top, fitted, "right", usable)
        top -= 11
    canvas.setStrokeColorRGB(*rgb(RULE))
    canvas.setLineWidth(0.6)
    rule_y = height - MARGIN - HEADER_HEIGHT + 7
    canvas.line(MARGIN, rule_y, width - MARGIN, rule_y)


def _draw_page_footer(canvas: Canvas, document: ListDocument, width: float, number, total) -> None:
    text = document.labels.phrases["page"] % {"page": number, "pages": total}
    chain = font_chain(document.reader)
    fitted = fit(style([(text, chain)]), width - 2 * MARGIN, 7, 6)
    canvas.setFillColorRGB(*rgb(GREY))
    draw_fitted(canvas, MARGIN, MARGIN - 2, fitted, "right", width - 2 * MARGIN)
    left = fit(style([(document.title, chain)]), (width - 2 * MARGIN) / 2, 7, 5)
    draw_fitted(canvas, MARGIN, MARGIN - 2, left)


def _draw_heading(canvas, document: ListDocument, section: Section, top, width, continued) -> None:
    reader = document.reader
    usable = width - 2 * MARGIN
    canvas.setFillColorRGB(*rgb(section.heading_colour))
    canvas.rect(MARGIN, top - 16, 3.2, 14, stroke=0, fill=1)
    heading = section.heading + (" " + document.labels.phrases["continued"] if continued else "")
    fitted = fit(style([(heading, font_chain(reader, bold=True))]), usable * 0.65, 11.5, 7)
    canvas.setFillColorRGB(*rgb(INK))
    draw_fitted(canvas, MARGIN + 8, top - 4, fitted)
    if section.note:
        note = fit(style([(section.note, font_chain(reader))]), usable * 0.33, 8.5, 6)
        canvas.setFillColorRGB(*rgb(GREY))
        draw_fitted(canvas, MARGIN, top - 6, note, "right", usable)


def _column_spans(section: Section, width: float) -> list[tuple[float, float]]:
    usable = width - 2 * MARGIN
    total = sum(column.weight for column in section.columns) or 1
    spans, x = [], MARGIN
    for column in section.columns:
        column_width = usable * column.weight / total
        spans.append((x, column_width))
        x += column_width
    return spans


def _draw_column_header(canvas, document: ListDocument, section: Section, top, width) -> None:
    canvas.setFillColorRGB(*rgb(HEADER_FILL))
    canvas.rect(MARGIN, top - HEADER_ROW_HEIGHT, width - 2 * MARGIN, HEADER_ROW_HEIGHT, 0, 1)
    canvas.setFillColorRGB(*rgb(INK))
    chain = font_chain(document.reader, bold=True)
    for column, (x, span) in zip(section.columns, _column_spans(section, width), strict=True):
        fitted = fit(style([(column.header, chain)]), span - 2 * CELL_PAD, 7.5, 5)
        _draw_in_cell(canvas, fitted, x, span, top, HEADER_ROW_HEIGHT, column.align)


def _draw_row(canvas, document: ListDocument, section: Section, row, top, width, odd) -> None:
    if odd:
        canvas.setFillColorRGB(*rgb(STRIPE))
        canvas.rect(MARGIN, top - ROW_HEIGHT, width - 2 * MARGIN, ROW_HEIGHT, stroke=0, fill=1)
    canvas.setStrokeColorRGB(*rgb(RULE))
    canvas.setLineWidth(0.35)
    canvas.line(MARGIN, top - ROW_HEIGHT, width - MARGIN, top - ROW_HEIGHT)
    spans = _column_spans(section, width)
    for cell, column, (x, span) in zip(row, section.columns, spans, strict=True):
        if not cell.text:
            continue
        chain = chain_for(cell, document.reader)
        fitted = fit(style([(cell.text, chain)]), span - 2 * CELL_PAD, TEXT_SIZE, TEXT_MIN, 2, 6)
        canvas.setFillColorRGB(*rgb(cell.colour or INK))
        _draw_in_cell(canvas, fitted, x, span, top, ROW_HEIGHT, column.align)


def _draw_in_cell(canvas, fitted: Fitted, x, span, top, height, align) -> None:
    """Centre the visible glyphs vertically in the cell."""
    leading = fitted.size * LINE_HEIGHT
    visible = leading * (len(fitted.lines) - 1) + fitted.size * CAP_HEIGHT
    cell_top = top - (height - visible) / 2
    if align == "right":
        draw_fitted(canvas, x, cell_top, fitted, "right", span - CELL_PAD)
    else:
        draw_fitted(canvas, x + CELL_PAD, cell_top, fitted)


def _text(canvas, x, top, text, chain, size, colour) -> None:
    canvas.setFillColorRGB(*rgb(colour))
    draw_fitted(canvas, x, top, fit(style([(text, chain)]), 500, size, size))


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


def render(document: ListDocument, fmt: str) -> bytes:
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "xlsx":
        return render_xlsx(document)
    raise ValueError(f"unknown format {fmt!r}; expected 'pdf' or 'xlsx'")
