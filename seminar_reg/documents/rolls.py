"""Attendance rolls (sign-in sheets): roll entries in, PDF or XLSX bytes out.

A roll has one section per side, each numbered from 1 and closed by its subtotal, then
the side totals and the grand total. The sections keep the order the caller gives (the
database sorts each side its own way: gojūon for the Japanese side, pinyin for the
Chinese side). Which section comes first follows the seminar's own name in the roll's
language: 日中 (Japanese side first) in Japanese and English, 中日 in Chinese.

PDF: A4 portrait; every page repeats the header (seminar, roll title, date, venue) and
the column headings, and says "page x of y" at the bottom. Names are set in their
side's face (Noto Sans JP / SC, the other as fallback); the other side's rendering of a
name is shown when the roll is in the other side's language. Every string is checked
against the fonts first: a field no font can draw is left out and reported in
`RollResult.problems` (an unprintable name falls back to the Latin name, then to the
delegate id), so the row, its number and the counts stay right.

XLSX: one worksheet per side, in section order, each with the header, a filterable
table, a frozen heading row and the side's subtotal; the last worksheet also carries the
side totals and the grand total. Text cells are inert (see `xlsx.write_text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..names.display import display_name
from .badges import SIDE_COLOURS
from .fonts import SIDES, check_characters, describe_character, font_chain, missing_characters
from .pdf import binary_streams
from .textfit import CAP_HEIGHT, LINE_HEIGHT, Fitted, draw_fitted, fit, style
from .xlsx import GRID, WRAP, language_font, side_font, style_header_row, write_text

LANGUAGES = ("ja", "zh", "en")
SECTION_ORDER = {"ja": ("japan", "china"), "zh": ("china", "japan"), "en": ("japan", "china")}
# Whose face sets the labels: Latin text looks the same in either.
LABEL_SIDE = {"ja": "japan", "zh": "china", "en": "japan"}
CHECK_MARK = "✓"
DESCENT = 0.16  # below the baseline, as a fraction of the font size (Latin g, CJK bottoms)


# --- data in --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollEntry:
    """One delegate on a roll, names in their own script; `cross_name` is the other
    side's rendering, `checked_in_at` the desk's record (None: not checked in)."""

    delegate_id: int | str
    side: str  # 'japan' | 'china'
    family: str  # may be empty (买买提·吐尔逊)
    given: str
    latin_name: str
    cross_name: str
    organization: str
    title: str
    checked_in_at: dt.datetime | None = None

    @property
    def display_name(self) -> str:
        """'family given' for the Japanese side, no space for the Chinese side."""
        return display_name(self.side, self.family, self.given)


@dataclass(frozen=True)
class RollTexts:
    """Already translated strings, all in `language` (the web layer owns translations)."""

    language: str  # ja | zh | en: decides the labels' face, the cross names, section order
    document_title: str  # e.g. "Attendance roll"
    seminar_title: str
    roll_title: str  # the programme item's title, or "Whole seminar"
    date: str
    venue: str  # empty: `venue_to_be_announced` is printed instead
    venue_to_be_announced: str
    side_labels: Mapping[str, str]  # 'japan' -> 'Japanese side'
    number: str
    name: str
    latin_name: str
    cross_name: str
    organization: str
    title: str
    signature: str
    checked_in: str
    subtotal: str
    total: str
    continued: str  # added to a section's band on the pages it continues on
    no_delegates: str
    page_of: str  # "Page %(page)s of %(pages)s"
    check_in_format: str = "%H:%M"  # strftime for the check-in mark ("%m/%d %H:%M" for days)

    @property
    def venue_or_placeholder(self) -> str:
        return self.venue or self.venue_to_be_announced

    def page_label(self, page: int, pages: int) -> str:
        return self.page_of % {"page": page, "pages": pages}


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RollProblem:
    """A field of a row that no font can draw; the row is printed without it."""

    delegate_id: int | str
    name: str
    field: str
    character: str

    @property
    def reason(self) -> str:
        return (
            f"Roll row for delegate {self.delegate_id} ({self.name}): {self.field} contains "
            f"{describe_character(self.character)}, which no font can draw; left out"
        )


@dataclass(frozen=True)
class RollResult:
    data: bytes
    counts: Mapping[str, int]  # side -> rows
    checked_in: Mapping[str, int]  # side -> rows with a check-in mark
    problems: tuple[RollProblem, ...] = field(default=())
    pages: int = 0  # PDF only

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RollSection:
    side: str
    entries: tuple[RollEntry, ...]

    @property
    def checked_in(self) -> int:
        return sum(entry.checked_in_at is not None for entry in self.entries)


def roll_sections(entries: Sequence[RollEntry], language: str) -> list[RollSection]:
    """Entries grouped by side, sections in the language's order, rows in the given order."""
    _check_language(language)
    for entry in entries:
        if entry.side not in SIDES:
            raise ValueError(f"delegate {entry.delegate_id}: unknown side {entry.side!r}")
    return [
        RollSection(side, tuple(entry for entry in entries if entry.side == side))
        for side in SECTION_ORDER[language]
    ]


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown roll language {language!r}; expected one of {LANGUAGES}")


def shows_cross_name(entry: RollEntry, language: str) -> bool:
    """The other side's rendering helps readers of the other side's language."""
    reader_side = {"ja": "japan", "zh": "china"}.get(language)
    return (
        reader_side is not None
        and entry.side != reader_side
        and bool(entry.cross_name)
        and entry.cross_name.replace(" ", "") != entry.display_name.replace(" ", "")
    )


def check_in_mark(entry: RollEntry, texts: RollTexts) -> str:
    if entry.checked_in_at is None:
        return ""
    return f"{CHECK_MARK} {entry.checked_in_at.strftime(texts.check_in_format)}"


def label_with_count(label: str, count: int, language: str) -> str:
    colon = "：" if language in ("ja", "zh") else ": "
    return f"{label}{colon}{count}"


def _result_counts(sections: Sequence[RollSection]) -> tuple[dict[str, int], dict[str, int]]:
    counts = {section.side: len(section.entries) for section in sections}
    return counts, {section.side: section.checked_in for section in sections}


# ============================================================================================
# PDF
# ============================================================================================

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 14 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 10 * mm
TABLE_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
HEADER_HEIGHT = 27 * mm  # seminar, roll title, date and venue, rule
FOOTER_HEIGHT = 8 * mm
TABLE_TOP = PAGE_HEIGHT - MARGIN_TOP - HEADER_HEIGHT
TABLE_BOTTOM = MARGIN_BOTTOM + FOOTER_HEIGHT

# Column widths: a signature box of 42 mm x 9 mm takes a full signature in either script
COLUMNS = (
    ("number", 9 * mm),
    ("name", 50 * mm),
    ("organization", 42 * mm),
    ("title", 22 * mm),
    ("signature", 42 * mm),
    ("checked_in", TABLE_WIDTH - 165 * mm),
)
CELL_PAD = 1.6 * mm
ROW_HEIGHT = 11 * mm
BAND_HEIGHT = 7 * mm
COLUMN_HEAD_HEIGHT = 7.5 * mm
SUBTOTAL_HEIGHT = 7.5 * mm
SECTION_GAP = 5 * mm
TOTALS_HEIGHT = 3 * 6.5 * mm + 4 * mm
TOTALS_WIDTH = 80 * mm

Colour = tuple[float, float, float]
INK: Colour = (0.10, 0.10, 0.10)
GREY: Colour = (0.36, 0.36, 0.36)
RULE: Colour = (0.62, 0.64, 0.68)
HEAD_FILL: Colour = (0.91, 0.92, 0.94)
SUBTOTAL_FILL: Colour = (0.96, 0.96, 0.97)
CHECK_GREEN: Colour = (0.05, 0.42, 0.20)
WHITE: Colour = (1.0, 1.0, 1.0)


def column_edges() -> dict[str, tuple[float, float]]:
    """Column name -> (left x, width) in points."""
    edges, x = {}, MARGIN_X
    for name, width in COLUMNS:
        edges[name] = (x, width)
        x += width
    return edges


# --- checking -------------------------------------------------------------------------------


def _check_texts(texts: RollTexts) -> None:
    """Shared strings must all be drawable: a roll without its header is no roll."""
    chain = _label_chain(texts.language)
    for value in vars(texts).values():
        if isinstance(value, str):
            check_characters(value, chain)
    for label in texts.side_labels.values():
        check_characters(label, chain)


def printable_entry(entry: RollEntry) -> tuple[RollEntry, list[RollProblem]]:
    """The entry with every field no font can draw left out, and what was left out."""
    chain = font_chain(entry.side)
    problems, blank = [], {}
    for name in ("family", "given", "latin_name", "cross_name", "organization", "title"):
        missing = missing_characters(getattr(entry, name), chain)
        if missing:
            problems.append(RollProblem(entry.delegate_id, entry.display_name, name, missing[0]))
            blank[name] = ""
    if not blank:
        return entry, []
    fixed = replace(entry, **blank)
    if "family" in blank or "given" in blank:
        # A half name would be a different person: print the Latin name, else the id.
        fallback = fixed.latin_name or f"#{entry.delegate_id}"
        fixed = replace(fixed, family="", given=fallback, latin_name="")
    return fixed, problems


def _printable_sections(
    sections: Sequence[RollSection],
) -> tuple[list[RollSection], tuple[RollProblem, ...]]:
    fixed_sections, problems = [], []
    for section in sections:
        fixed = []
        for entry in section.entries:
            printable, entry_problems = printable_entry(entry)
            fixed.append(printable)
            problems.extend(entry_problems)
        fixed_sections.append(RollSection(section.side, tuple(fixed)))
    return fixed_sections, tuple(problems)


# --- pagination -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One horizontal strip of a page: what it is, its data, and its height."""

    kind: str  # band | head | row | empty | subtotal | totals
    height: float
    side: str = ""
    entry: RollEntry | None = None
    number: int = 0
    continued: bool = False
    section: RollSection | None = None


def _section_blocks(section: RollSection) -> Iterator[tuple[Block, float]]:
    """(block, room it needs) in order; the last row keeps its subtotal with it."""
    rows = [
        Block("row", ROW_HEIGHT, section.side, entry, number)
        for number, entry in enumerate(section.entries, start=1)
    ] or [Block("empty", ROW_HEIGHT, section.side)]
    subtotal = Block("subtotal", SUBTOTAL_HEIGHT, section.side, section=section)
    for index, row in enumerate(rows):
        is_last = index == len(rows) - 1
        yield row, ROW_HEIGHT + (SUBTOTAL_HEIGHT if is_last else 0)
    yield subtotal, SUBTOTAL_HEIGHT


def paginate(sections: Sequence[RollSection]) -> list[list[Block]]:
    """Blocks per page. A section starts with its band and column headings, and both are
    repeated (band marked 'continued') on every page the section runs on to."""
    pages: list[list[Block]] = [[]]
    room = TABLE_TOP - TABLE_BOTTOM
    for section in sections:
        opening = BAND_HEIGHT + COLUMN_HEAD_HEIGHT + ROW_HEIGHT + SUBTOTAL_HEIGHT
        if room < opening and pages[-1]:
            pages.append([])
            room = TABLE_TOP - TABLE_BOTTOM
        room -= _place_heading(pages[-1], section.side, continued=False)
        for block, needed in _section_blocks(section):
            if room < needed:
                pages.append([])
                room = TABLE_TOP - TABLE_BOTTOM
                room -= _place_heading(pages[-1], section.side, continued=True)
            pages[-1].append(block)
            room -= block.height
        pages[-1].append(Block("gap", SECTION_GAP))
        room -= SECTION_GAP
    if room < TOTALS_HEIGHT:
        pages.append([])
    pages[-1].append(Block("totals", TOTALS_HEIGHT))
    return pages


def _place_heading(page: list[Block], side: str, *, continued: bool) -> float:
    page.append(Block("band", BAND_HEIGHT, side, continued=continued))
    page.append(Block("head", COLUMN_HEAD_HEIGHT, side))
    return BAND_HEIGHT + COLUMN_HEAD_HEIGHT


# --- entry point ----------------------------------------------------------------------------


def build_roll_pdf(entries: Sequence[RollEntry], texts: RollTexts) -> RollResult:
    """Render the roll as PDF. Raises MissingGlyphError if a shared text cannot be drawn;
    rows with undrawable fields are printed without them and listed in `problems`."""
    sections = roll_sections(entries, texts.language)
    _check_texts(texts)
    printable, problems = _printable_sections(sections)
    pages = paginate(printable)
    buffer = BytesIO()
    with binary_streams():
        _render(buffer, pages, _Context(texts, printable))
    counts, checked = _result_counts(sections)
    return RollResult(buffer.getvalue(), counts, checked, problems, len(pages))


class _Context:
    """Per-document values shared by every page: texts, fonts, fitted labels."""

    def __init__(self, texts: RollTexts, sections: Sequence[RollSection]) -> None:
        self.texts = texts
        self.sections = sections
        self.labels = _label_chain(texts.language)
        self.bold_labels = _label_chain(texts.language, bold=True)
        self.columns = column_edges()
        self.headings = {
            name: fit(
                style([(getattr(texts, name), self.bold_labels)]), width - 2 * CELL_PAD, 7.5, 5
            )
            for name, width in COLUMNS
        }


def _label_chain(language: str, bold: bool = False) -> list[str]:
    return font_chain(LABEL_SIDE[language], bold=bold)


def _render(buffer: BytesIO, pages: Sequence[Sequence[Block]], context: _Context) -> None:
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


def _draw_stack(canvas: Canvas, x: float, middle: float, stack, gap: float = 1.2) -> None:
    """Several (fitted, colour) blocks one under another, centred as a whole on `middle`.
    The last block's descenders count too, or a third line would touch the rule below."""
    heights = [_visible_height(fitted) for fitted, _ in stack]
    descent = stack[-1][0].size * DESCENT
    total = sum(heights) + gap * (len(stack) - 1) + descent
    top = middle + total / 2
    for (fitted, colour), height in zip(stack, heights, strict=True):
        canvas.setFillColorRGB(*colour)
        draw_fitted(canvas, x, top, fitted)
        top -= height + gap


def _hline(canvas: Canvas, y: float, colour: Colour = RULE, width: float = 0.4) -> None:
    canvas.setStrokeColorRGB(*colour)
    canvas.setLineWidth(width)
    canvas.line(MARGIN_X, y, MARGIN_X + TABLE_WIDTH, y)


# --- page furniture -------------------------------------------------------------------------


def _draw_page_header(canvas: Canvas, context: _Context) -> None:
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


def _draw_footer(canvas: Canvas, context: _Context, page: int, pages: int) -> None:
    texts = context.texts
    middle = MARGIN_BOTTOM + FOOTER_HEIGHT / 2 - 1 * mm
    _hline(canvas, MARGIN_BOTTOM + FOOTER_HEIGHT - 1.5 * mm, RULE, 0.5)
    canvas.setFillColorRGB(*GREY)
    left = _fitted(f"{texts.roll_title}　{texts.date}", context.labels, TABLE_WIDTH - 50 * mm, 7, 5)
    _draw_middle(canvas, MARGIN_X, middle, left)
    label = _fitted(texts.page_label(page, pages), context.labels, 45 * mm, 8, 6)
    _draw_middle(canvas, MARGIN_X + TABLE_WIDTH - 45 * mm, middle, label, "right", 45 * mm)


# --- table blocks ---------------------------------------------------------------------------


def _draw_band(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
    """Side-coloured band with the side's label (indigo: Japanese, vermilion: Chinese)."""
    canvas.setFillColorRGB(*SIDE_COLOURS[block.side])
    canvas.rect(MARGIN_X, top - BAND_HEIGHT, TABLE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    label = context.texts.side_labels.get(block.side, block.side)
    if block.continued:
        label = f"{label} {context.texts.continued}"
    fitted = _fitted(label, context.bold_labels, TABLE_WIDTH - 4 * CELL_PAD, 10, 6)
    canvas.setFillColorRGB(*WHITE)
    _draw_middle(canvas, MARGIN_X + 2 * CELL_PAD, top - BAND_HEIGHT / 2, fitted)


def _draw_column_heads(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
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


def _draw_vertical_rules(canvas: Canvas, top: float, bottom: float, context: _Context) -> None:
    canvas.setStrokeColorRGB(*RULE)
    canvas.setLineWidth(0.4)
    for x, _ in list(context.columns.values())[1:]:
        canvas.line(x, top, x, bottom)
    canvas.line(MARGIN_X, top, MARGIN_X, bottom)
    canvas.line(MARGIN_X + TABLE_WIDTH, top, MARGIN_X + TABLE_WIDTH, bottom)


def _draw_row(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
    entry, middle = block.entry, top - ROW_HEIGHT / 2
    assert entry is not None
    columns = context.columns
    number = _fitted(str(block.number), context.labels, columns["number"][1] - CELL_PAD, 8, 5)
    canvas.setFillColorRGB(*GREY)
    x, width = columns["number"]
    _draw_middle(canvas, x, middle, number, "right", width - CELL_PAD)
    _draw_name(canvas, entry, middle, context)
    _draw_wrapped(canvas, entry.organization, entry.side, "organization", middle, context)
    _draw_wrapped(canvas, entry.title, entry.side, "title", middle, context)
    _draw_signature_box(canvas, top, context)
    _draw_check_in(canvas, entry, middle, context)
    _draw_vertical_rules(canvas, top, top - ROW_HEIGHT, context)
    _hline(canvas, top - ROW_HEIGHT)


def _draw_name(canvas: Canvas, entry: RollEntry, middle: float, context: _Context) -> None:
    """Own-script name in bold, then the Latin name and, for the other side's readers,
    the name in their script (in their face)."""
    x, width = context.columns["name"]
    inner = width - 2 * CELL_PAD
    stack = [(_fitted(entry.display_name, font_chain(entry.side, True), inner, 10, 5), INK)]
    if entry.latin_name:
        stack.append((_fitted(entry.latin_name, font_chain(entry.side), inner, 6.5, 4.5), GREY))
    if shows_cross_name(entry, context.texts.language):
        other = "china" if entry.side == "japan" else "japan"
        stack.append((_fitted(entry.cross_name, font_chain(other), inner, 6.5, 4.5), GREY))
    _draw_stack(canvas, x + CELL_PAD, middle, stack)


def _draw_wrapped(
    canvas: Canvas, text: str, side: str, column: str, middle: float, context: _Context
) -> None:
    if not text:
        return
    x, width = context.columns[column]
    fitted = _fitted(text, font_chain(side), width - 2 * CELL_PAD, 7.5, 6, lines=2)
    canvas.setFillColorRGB(*INK)
    _draw_middle(canvas, x + CELL_PAD, middle, fitted)


def _draw_signature_box(canvas: Canvas, top: float, context: _Context) -> None:
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


def _draw_check_in(canvas: Canvas, entry: RollEntry, middle: float, context: _Context) -> None:
    mark = check_in_mark(entry, context.texts)
    if not mark:
        return
    x, width = context.columns["checked_in"]
    fitted = _fitted(mark, context.bold_labels, width - 2 * CELL_PAD, 8, 5)
    canvas.setFillColorRGB(*CHECK_GREEN)
    _draw_middle(canvas, x + (width - fitted.line_width(0)) / 2, middle, fitted)


def _draw_empty(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
    x, width = context.columns["name"]
    fitted = _fitted(context.texts.no_delegates, context.labels, TABLE_WIDTH / 2, 8, 6)
    canvas.setFillColorRGB(*GREY)
    _draw_middle(canvas, x + CELL_PAD, top - ROW_HEIGHT / 2, fitted)
    _hline(canvas, top - ROW_HEIGHT)


def _draw_subtotal(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
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


def _draw_totals(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
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
    context: _Context,
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


def _draw_nothing(canvas: Canvas, block: Block, top: float, context: _Context) -> None:
    """Gaps between sections are empty space."""


DRAWERS: dict[str, Callable[[Canvas, Block, float, _Context], None]] = {
    "band": _draw_band,
    "head": _draw_column_heads,
    "row": _draw_row,
    "empty": _draw_empty,
    "subtotal": _draw_subtotal,
    "totals": _draw_totals,
    "gap": _draw_nothing,
}


# ============================================================================================
# XLSX
# ============================================================================================

XLSX_TABLE_ROW = 5  # the heading row; the title block sits above it
CHECK_IN_NUMBER_FORMATS = {"%H:%M": '"✓ "hh:mm', "%m/%d %H:%M": '"✓ "mm/dd hh:mm'}


@dataclass(frozen=True)
class XlsxColumn:
    key: str
    width: float


def xlsx_columns(language: str) -> list[XlsxColumn]:
    """Columns of each side's sheet; the cross-script name only for a ja or zh roll."""
    columns = [
        XlsxColumn("number", 6),
        XlsxColumn("name", 18),
        XlsxColumn("latin_name", 22),
        XlsxColumn("cross_name", 16),
        XlsxColumn("organization", 32),
        XlsxColumn("title", 16),
        XlsxColumn("signature", 28),
        XlsxColumn("checked_in", 13),
    ]
    if language == "en":
        columns = [column for column in columns if column.key != "cross_name"]
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
    counts, checked = _result_counts(sections)
    return RollResult(buffer.getvalue(), counts, checked)


def _sheet_title(label: str, index: int) -> str:
    """Worksheet names may not hold []:*?/\\ nor exceed 31 characters."""
    cleaned = "".join(c for c in label if c not in "[]:*?/\\").strip("'")[:31]
    return cleaned or f"Sheet{index + 1}"


def _write_section_sheet(sheet: Worksheet, section: RollSection, texts: RollTexts) -> int:
    columns = xlsx_columns(texts.language)
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
    values = {
        "name": (entry.display_name, side_font(entry.side, bold=True)),
        "latin_name": (entry.latin_name, side_font(entry.side)),
        "cross_name": (cross, side_font(other)),
        "organization": (entry.organization, side_font(entry.side)),
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
