"""Attendance rolls as PDF: drawing the strips that rolls/pdf.py laid out on pages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import font_chain
from ..documents.pdf import rgb
from ..documents.textfit import CAP_HEIGHT, LINE_HEIGHT, Fitted, draw_fitted, fit, style
from ..vocabulary import SIDE_COLOURS
from .content import (
    CHECK_MARK,
    RollEntry,
    check_in_mark,
    label_with_count,
    organization_for,
)
from .pdf_layout import (
    BAND_HEIGHT,
    CELL_PAD,
    CHECK_GREEN,
    COLUMN_HEAD_HEIGHT,
    FOOTER_HEIGHT,
    GREY,
    HEAD_FILL,
    INK,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_HEIGHT,
    ROW_HEIGHT,
    RULE,
    SUBTOTAL_FILL,
    SUBTOTAL_HEIGHT,
    TABLE_TOP,
    TABLE_WIDTH,
    TOTALS_WIDTH,
    WHITE,
    Block,
    Colour,
    PageContext,
)
from .pdf_name import draw_name


def render_pages(buffer: BytesIO, pages: Sequence[Sequence[Block]], context: PageContext) -> None:
    # A TrueType initial font keeps reportlab from adding a non-embedded Helvetica
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=context.labels[0])
    canvas.setTitle(f"{context.texts.document_title}: {context.texts.roll_title}")
    canvas.setCreator("seminar_reg")
    for index, blocks in enumerate(pages, start=1):
        _draw_page_header(canvas, context)
        top = TABLE_TOP
        for block in blocks:
            DRAWERS[block.kind](canvas, block, top, context)
            top -= block.height
        _draw_footer(canvas, context, index, len(pages))
        canvas.showPage()
    canvas.save()


# --- drawing helpers ------------------------------------------------------------------------


def _fitted(
    text: str, chain: Sequence[str], width: float, size: float, min_size: float, lines: int = 1
) -> Fitted:
    return fit(style([(text, chain)]), width, size, min_size, max_lines=lines, two_line_max=size)


def _visible_height(fitted: Fitted) -> float:
    return fitted.size * LINE_HEIGHT * (len(fitted.lines) - 1) + fitted.size * CAP_HEIGHT


def _draw_middle(
    canvas: Canvas, x: float, middle: float, fitted: Fitted, align="left", width: float = 0
) -> None:
    """Draw `fitted` with its visible glyphs centred vertically on `middle`."""
    draw_fitted(canvas, x, middle + _visible_height(fitted) / 2, fitted, align, width)


def _hline(canvas: Canvas, y: float, colour: Colour = RULE, width: float = 0.4) -> None:
    canvas.setStrokeColorRGB(*colour)
    canvas.setLineWidth(width)
    canvas.line(MARGIN_X, y, MARGIN_X + TABLE_WIDTH, y)


# --- page furniture -------------------------------------------------------------------------


def _draw_page_header(canvas: Canvas, context: PageContext) -> None:
    texts, top = context.texts, PAGE_HEIGHT - MARGIN_TOP
    doc_title = _fitted(texts.document_title, context.bold_labels, 45 * mm, 11, 7)
    text_width = TABLE_WIDTH - 50 * mm
    seminar = _fitted(texts.seminar_title, context.labels, text_width, 9, 6)
    title = _fitted(texts.roll_title, context.bold_labels, text_width, 15, 9, lines=2)
    meta = f"{texts.date}　·　{texts.venue_or_placeholder}"
    details = _fitted(meta, context.labels, TABLE_WIDTH, 9, 6)
    canvas.setFillColorRGB(*GREY)
    below = draw_fitted(canvas, MARGIN_X, top, seminar)
    canvas.setFillColorRGB(*INK)
    draw_fitted(canvas, MARGIN_X + TABLE_WIDTH - 45 * mm, top, doc_title, "right", 45 * mm)
    below = draw_fitted(canvas, MARGIN_X, below - 2.2 * mm, title)
    canvas.setFillColorRGB(*GREY)
    draw_fitted(canvas, MARGIN_X, below - 1.2 * mm, details)
    _hline(canvas, TABLE_TOP + 3 * mm, INK, 1.0)


def _draw_footer(canvas: Canvas, context: PageContext, page: int, pages: int) -> None:
    texts = context.texts
    middle = MARGIN_BOTTOM + FOOTER_HEIGHT / 2 - 1 * mm
    _hline(canvas, MARGIN_BOTTOM + FOOTER_HEIGHT - 1.5 * mm, RULE, 0.5)
    canvas.setFillColorRGB(*GREY)
    left = _fitted(f"{texts.roll_title}　{texts.date}", context.labels, TABLE_WIDTH - 50 * mm, 7, 5)
    _draw_middle(canvas, MARGIN_X, middle, left)
    label = _fitted(texts.page_label(page, pages), context.labels, 45 * mm, 8, 6)
    _draw_middle(canvas, MARGIN_X + TABLE_WIDTH - 45 * mm, middle, label, "right", 45 * mm)


# --- table blocks ---------------------------------------------------------------------------


def _draw_band(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    """Side-coloured band with the side's label (indigo: Japanese, vermilion: Chinese)."""
    canvas.setFillColorRGB(*rgb(SIDE_COLOURS[block.side]))
    canvas.rect(MARGIN_X, top - BAND_HEIGHT, TABLE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    label = context.texts.side_labels.get(block.side, block.side)
    if block.continued:
        label = f"{label} {context.texts.continued}"
    fitted = _fitted(label, context.bold_labels, TABLE_WIDTH - 4 * CELL_PAD, 10, 6)
    canvas.setFillColorRGB(*WHITE)
    _draw_middle(canvas, MARGIN_X + 2 * CELL_PAD, top - BAND_HEIGHT / 2, fitted)


def _draw_column_heads(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    bottom = top - COLUMN_HEAD_HEIGHT
    canvas.setFillColorRGB(*HEAD_FILL)
    canvas.rect(MARGIN_X, bottom, TABLE_WIDTH, COLUMN_HEAD_HEIGHT, stroke=0, fill=1)
    canvas.setFillColorRGB(*INK)
    for name, (x, width) in context.columns.items():
        fitted = context.headings[name]
        offset = (width - fitted.line_width(0)) / 2
        _draw_middle(canvas, x + offset, top - COLUMN_HEAD_HEIGHT / 2, fitted)
    _draw_vertical_rules(canvas, top, bottom, context)
    _hline(canvas, bottom, INK, 0.6)


def _draw_vertical_rules(canvas: Canvas, top: float, bottom: float, context: PageContext) -> None:
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.4)
    for x, _ in list(context.columns.values())[1:]:
        canvas.line(x, top, x, bottom)
    canvas.line(MARGIN_X, top, MARGIN_X, bottom)
    canvas.line(MARGIN_X + TABLE_WIDTH, top, MARGIN_X + TABLE_WIDTH, bottom)


def _draw_row(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    entry, middle = block.entry, top - ROW_HEIGHT / 2
    assert entry is not None
    columns = context.columns
    number = _fitted(str(block.number), context.labels, columns["number"][1] - CELL_PAD, 8, 5)
    canvas.setFillColorRGB(*GREY)
    x, width = columns["number"]
    _draw_middle(canvas, x, middle, number, "right", width - CELL_PAD)
    draw_name(canvas, entry, columns["name"], middle, context.texts.language)
    organization, face = organization_for(entry, context.texts.language)
    _draw_wrapped(canvas, organization, face, "organization", middle, context)
    _draw_wrapped(canvas, entry.title, entry.side, "title", middle, context)
    _draw_signature_box(canvas, top, context)
    _draw_check_in(canvas, entry, middle, context)
    _draw_vertical_rules(canvas, top, top - ROW_HEIGHT, context)
    _hline(canvas, top - ROW_HEIGHT)


def _draw_wrapped(
    canvas: Canvas, text: str, side: str, column: str, middle: float, context: PageContext
) -> None:
    if not text:
        return
    x, width = context.columns[column]
    fitted = _fitted(text, font_chain(side), width - 2 * CELL_PAD, 7.5, 6, lines=2)
    canvas.setFillColorRGB(*INK)
    _draw_middle(canvas, x + CELL_PAD, middle, fitted)


def _draw_signature_box(canvas: Canvas, top: float, context: PageContext) -> None:
    x, width = context.columns["signature"]
    inset = 1.2 * mm
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.5)
    canvas.setFillColorRGB(0.985, 0.985, 0.99)
    canvas.rect(
        x + inset,
        top - ROW_HEIGHT + inset,
        width - 2 * inset,
        ROW_HEIGHT - 2 * inset,
        stroke=1,
        fill=1,
    )


def _draw_check_in(canvas: Canvas, entry: RollEntry, middle: float, context: PageContext) -> None:
    mark = check_in_mark(entry, context.texts)
    if not mark:
        return
    x, width = context.columns["checked_in"]
    fitted = _fitted(mark, context.bold_labels, width - 2 * CELL_PAD, 8, 5)
    canvas.setFillColorRGB(*CHECK_GREEN)
    _draw_middle(canvas, x + (width - fitted.line_width(0)) / 2, middle, fitted)


def _draw_empty(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    x, width = context.columns["name"]
    fitted = _fitted(context.texts.no_delegates, context.labels, TABLE_WIDTH / 2, 8, 6)
    canvas.setFillColorRGB(*GREY)
    _draw_middle(canvas, x + CELL_PAD, top - ROW_HEIGHT / 2, fitted)
    _hline(canvas, top - ROW_HEIGHT)


def _draw_subtotal(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    section, texts = block.section, context.texts
    assert section is not None
    bottom, middle = top - SUBTOTAL_HEIGHT, top - SUBTOTAL_HEIGHT / 2
    canvas.setFillColorRGB(*SUBTOTAL_FILL)
    canvas.rect(MARGIN_X, bottom, TABLE_WIDTH, SUBTOTAL_HEIGHT, stroke=0, fill=1)
    side_label = texts.side_labels.get(section.side, section.side)
    label = label_with_count(f"{side_label} {texts.subtotal}", len(section.entries), texts.language)
    x, _ = context.columns["name"]
    canvas.setFillColorRGB(*INK)
    _draw_middle(
        canvas, x + CELL_PAD, middle, _fitted(label, context.bold_labels, 100 * mm, 8.5, 6)
    )
    check_x, check_width = context.columns["checked_in"]
    checked = _fitted(f"{CHECK_MARK} {section.checked_in}", context.bold_labels, check_width, 8, 5)
    canvas.setFillColorRGB(*CHECK_GREEN)
    _draw_middle(canvas, check_x + (check_width - checked.line_width(0)) / 2, middle, checked)
    _hline(canvas, bottom, INK, 0.8)


def _draw_totals(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    """Each side's total and the grand total, with the check-ins, at the end of the roll."""
    texts, sections = context.texts, context.sections
    rows = [
        (texts.side_labels.get(s.side, s.side), len(s.entries), s.checked_in, False)
        for s in sections
    ]
    rows.append((texts.total, sum(r[1] for r in rows), sum(r[2] for r in rows), True))
    left = MARGIN_X + TABLE_WIDTH - TOTALS_WIDTH
    line = 6.5 * mm
    y = top - 2 * mm
    for label, count, checked, is_total in rows:
        _draw_totals_line(canvas, context, left, y, line, (label, count, checked), is_total)
        y -= line


def _draw_totals_line(
    canvas: Canvas,
    context: PageContext,
    left: float,
    top: float,
    height: float,
    values: tuple[str, int, int],
    is_total: bool,
) -> None:
    label, count, checked = values
    chain = context.bold_labels if is_total else context.labels
    middle = top - height / 2
    if is_total:
        canvas.setFillColorRGB(*HEAD_FILL)
        canvas.rect(left, top - height, TOTALS_WIDTH, height, stroke=0, fill=1)
    canvas.setFillColorRGB(*INK)
    _draw_middle(canvas, left + CELL_PAD, middle, _fitted(label, chain, 40 * mm, 9, 6))
    number = _fitted(str(count), chain, 18 * mm, 10, 6)
    _draw_middle(canvas, left + 40 * mm, middle, number, "right", 18 * mm)
    mark = _fitted(f"{CHECK_MARK} {checked}", chain, 18 * mm, 8.5, 6)
    canvas.setFillColorRGB(*CHECK_GREEN)
    _draw_middle(canvas, left + 60 * mm, middle, mark, "right", 18 * mm)
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.4)
    canvas.line(left, top - height, left + TOTALS_WIDTH, top - height)


def _draw_nothing(canvas: Canvas, block: Block, top: float, context: PageContext) -> None:
    """Gaps between sections are empty space."""


DRAWERS: dict[str, Callable[[Canvas, Block, float, PageContext], None]] = {
    "band": _draw_band,
    "head": _draw_column_heads,
    "row": _draw_row,
    "empty": _draw_empty,
    "subtotal": _draw_subtotal,
    "totals": _draw_totals,
    "gap": _draw_nothing,
}
