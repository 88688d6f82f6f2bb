"""A `ListDocument` as PDF: page header and footer, tables paginated with repeated headings."""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ...documents.fonts import font_chain
from ...documents.paginate import Strip, TableSection, paginate
from ...documents.pdf import binary_streams, rgb
from ...documents.textfit import CAP_HEIGHT, LINE_HEIGHT, Fitted, draw_fitted, fit, style
from .render import (
    ACCENT,
    GREY,
    HEADER_FILL,
    INK,
    RULE,
    STRIPE,
    ListDocument,
    Section,
    chain_for,
    check_document,
)

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
    section: Section | None
    payload: object = None
    height: float = 0.0


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


def _paginate(document: ListDocument, available: float) -> list[list[_Block]]:
    """Blocks onto pages. A heading never ends a page (it keeps its column header and
    first row), a table continued on a new page repeats its heading and column header,
    and `new_page` sections start on a fresh page."""
    return paginate(
        [_table_section(section) for section in document.sections],
        available,
        gap=Strip(_Block("gap", None, height=SECTION_GAP), SECTION_GAP),
    )


def _table_section(section: Section) -> TableSection[_Block]:
    def heading(continued: bool) -> list[Strip[_Block]]:
        strips = [_strip(_Block("heading", section, continued, HEADING_HEIGHT))]
        if section.columns:
            strips.append(_strip(_Block("columns", section, None, HEADER_ROW_HEIGHT)))
        return strips

    rows = [_strip(_Block("row", section, row, ROW_HEIGHT)) for row in section.rows]
    summary = [
        Strip(_Block("summary", section, line, SUMMARY_HEIGHT), SUMMARY_HEIGHT, reopen=False)
        for line in section.summary
    ]
    return TableSection(
        heading=heading,
        body=rows + summary,
        opening=HEADING_HEIGHT + HEADER_ROW_HEIGHT + (ROW_HEIGHT if section.rows else 0),
        new_page=section.new_page,
    )


def _strip(block: _Block) -> Strip[_Block]:
    return Strip(block, block.height)


def _draw_page(canvas: Canvas, document: ListDocument, page, size, number, total) -> None:
    width, height = size
    _draw_page_header(canvas, document, width, height)
    _draw_page_footer(canvas, document, width, number, total)
    top = height - MARGIN - HEADER_HEIGHT
    stripe = 0
    if not document.sections and document.empty_text:
        _text(canvas, MARGIN, top - 14, document.empty_text, font_chain(document.reader), 10, GREY)
    for block in page:
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
