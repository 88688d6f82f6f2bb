"""Name badges: badge data in, PDF bytes out.

Layouts
-------
``"sheet"``  A4 portrait, 2 x 5 badges of 90 x 55 mm, centred, edge to edge (one guillotine
             cut per grid line), with crop marks in the margins on every grid line.
``"single"`` One badge per page, the page being exactly 90 x 55 mm. Made for reprints at the
             registration desk on a card or label printer (printed 1:1, no cutting). To
             reprint on an office printer instead, use ``"sheet"`` with the one badge: it
             lands in the top-left slot with crop marks.

Every string is checked against the fonts before a badge is drawn; a badge with a
character no font has is skipped (and reported), the others still print.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import (
    UndrawableField,
    check_characters,
    describe_character,
    font_chain,
    missing_characters,
    pdf_font,
    subset_job,
)
from ..documents.pdf import binary_streams
from ..vocabulary import SIDES, Role
from .face import (
    BADGE_HEIGHT,
    BADGE_WIDTH,
    SIDE_COLOURS,
    BadgeData,
    BadgeTexts,
    SharedTexts,
    draw_badge,
)

__all__ = ["SIDE_COLOURS", "BadgeData", "BadgeTexts"]

ROLES = tuple(role.value for role in Role)
SUBSET_FROM = 500  # badges in a job from which its fonts are subset (see build_badges)
LAYOUTS = ("sheet", "single")
# Every BadgeData field printed on a badge, in the order a problem is reported
FIELDS_DRAWN = (
    "family", "given", "family_reading", "given_reading", "cross_name", "latin_name",
    "organization", "title",
)

SHEET_COLUMNS, SHEET_ROWS = 2, 5

# Crop marks: hairlines this far from the cut, this long
MARK_OFFSET = 1.5 * mm
MARK_LENGTH = 5 * mm
MARK_WIDTH = 0.3


@dataclass(frozen=True)
class SkippedBadge(UndrawableField):
    @property
    def reason(self) -> str:
        return (
            f"Badge for delegate {self.delegate_id} ({self.name}) not printed: "
            f"{self.field} contains {describe_character(self.character)}, "
            "which no font can draw"
        )


@dataclass(frozen=True)
class BadgeResult:
    pdf: bytes
    printed: tuple[int | str, ...]  # delegate ids, in print order
    skipped: tuple[SkippedBadge, ...] = field(default=())
    pages: int = 0


class EmptySelectionError(ValueError):
    """No badges were selected."""


class NothingPrintableError(EmptySelectionError):
    """Every selected badge had to be skipped; `skipped` says why."""

    def __init__(self, skipped: Sequence[SkippedBadge]) -> None:
        self.skipped = tuple(skipped)
        super().__init__(f"none of the {len(skipped)} selected badges can be printed")


# --- public entry point ---------------------------------------------------------------------


def build_badges(
    badges: Sequence[BadgeData],
    *,
    layout: str = "sheet",
    texts: BadgeTexts,
    progress: Callable[[int], object] | None = None,
) -> BadgeResult:
    """Render `badges` as a PDF. Raises EmptySelectionError for an empty selection and
    MissingGlyphError if one of the shared `texts` cannot be drawn. `progress(n)` is
    called as each page's n badges are drawn (a terminal's progress bar)."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    if not badges:
        raise EmptySelectionError("no badges selected")
    # Big jobs draw with faces cut down to their characters (~75 MB less at peak); small
    # ones (desk reprints) skip the ~1 s of subsetting and use the process's whole faces
    big = len(badges) >= SUBSET_FROM
    with subset_job(_job_strings(badges, texts)) if big else nullcontext():
        _check_shared_texts(texts)
        printable, skipped = _check_badges(badges)
        if not printable:
            raise NothingPrintableError(skipped)
        shared = SharedTexts(texts)
        buffer = BytesIO()
        with binary_streams():
            pages = _render(buffer, printable, layout, shared, progress)
    printed = tuple(badge.delegate_id for badge in printable)
    return BadgeResult(buffer.getvalue(), printed, tuple(skipped), pages)


# --- checking -------------------------------------------------------------------------------


def _job_strings(badges: Sequence[BadgeData], texts: BadgeTexts) -> Iterator[str]:
    """Every string the job may draw (a superset is fine: a subset only costs bytes)."""
    yield from (texts.seminar_title, texts.dates)
    yield from texts.side_labels.values()
    yield from texts.role_labels.values()
    yield from (str(key) for key in (*SIDES, *ROLES))  # labels fall back to their key
    for badge in badges:
        yield from (badge.family, badge.given, badge.cross_name, badge.latin_name)
        yield from (badge.organization, badge.title, badge.family_reading, badge.given_reading)


def _check_shared_texts(texts: BadgeTexts) -> None:
    """A glyph missing from a text on every badge must stop the job, not print boxes."""
    strings = [
        texts.seminar_title,
        texts.dates,
        *texts.side_labels.values(),
        *texts.role_labels.values(),
    ]
    chain = font_chain("japan")
    for text in strings:
        check_characters(text, chain)


def _check_badges(badges: Sequence[BadgeData]) -> tuple[list[BadgeData], list[SkippedBadge]]:
    printable, skipped = [], []
    for badge in badges:
        _validate(badge)
        problem = _first_missing(badge)
        if problem is None:
            printable.append(badge)
        else:
            skipped.append(SkippedBadge(badge.delegate_id, badge.display_name, *problem))
    return printable, skipped


def _validate(badge: BadgeData) -> None:
    if badge.side not in SIDES:
        raise ValueError(f"delegate {badge.delegate_id}: unknown side {badge.side!r}")
    if badge.role not in ROLES:
        raise ValueError(f"delegate {badge.delegate_id}: unknown role {badge.role!r}")


def _first_missing(badge: BadgeData) -> tuple[str, str] | None:
    """(field, character) of the first character no font has, else None. Both chains
    contain both faces, so one chain's coverage is the same as the other's."""
    chain = font_chain(badge.side)
    for name in FIELDS_DRAWN:
        missing = missing_characters(getattr(badge, name), chain)
        if missing:
            return name, missing[0]
    return None


# --- document -------------------------------------------------------------------------------


def _render(
    buffer: BytesIO,
    badges: Sequence[BadgeData],
    layout: str,
    shared,
    progress: Callable[[int], object] | None = None,
) -> int:
    page_size = A4 if layout == "sheet" else (BADGE_WIDTH, BADGE_HEIGHT)
    # A TrueType initial font keeps reportlab from putting a non-embedded Helvetica in
    # every page's preamble (print shops reject PDFs with non-embedded fonts)
    initial_font = pdf_font(font_chain("japan")[0])
    canvas = Canvas(buffer, pagesize=page_size, pageCompression=1, initialFontName=initial_font)
    canvas.setTitle("Name badges")
    canvas.setCreator("seminar_reg")
    canvas.setLineJoin(0)
    pages = 0
    for page_badges in _pages(badges, layout):
        slots = _sheet_slots(len(page_badges)) if layout == "sheet" else [(0.0, 0.0)]
        for badge, (x, y) in zip(page_badges, slots, strict=True):
            draw_badge(canvas, badge, x, y, shared)
        if layout == "sheet":
            _draw_crop_marks(canvas, len(page_badges))
        canvas.showPage()
        pages += 1
        if progress is not None:
            progress(len(page_badges))
    canvas.save()
    return pages


def _pages(badges: Sequence[BadgeData], layout: str) -> Iterator[Sequence[BadgeData]]:
    per_page = SHEET_COLUMNS * SHEET_ROWS if layout == "sheet" else 1
    for start in range(0, len(badges), per_page):
        yield badges[start : start + per_page]


def sheet_origin() -> tuple[float, float]:
    """Bottom-left corner of the badge grid on the A4 sheet (the grid is centred)."""
    page_width, page_height = A4
    return (
        (page_width - SHEET_COLUMNS * BADGE_WIDTH) / 2,
        (page_height - SHEET_ROWS * BADGE_HEIGHT) / 2,
    )


def _sheet_slots(count: int) -> list[tuple[float, float]]:
    """Bottom-left corners, filled left to right, top to bottom."""
    left, bottom = sheet_origin()
    slots = []
    for index in range(count):
        row, column = divmod(index, SHEET_COLUMNS)
        slots.append((left + column * BADGE_WIDTH, bottom + (SHEET_ROWS - 1 - row) * BADGE_HEIGHT))
    return slots


def _draw_crop_marks(canvas: Canvas, count: int) -> None:
    """Hairlines in the margins, in line with every cut. Badges share edges, so marks can
    only sit outside the grid; nothing is drawn over a neighbouring badge."""
    left, bottom = sheet_origin()
    rows_used = -(-count // SHEET_COLUMNS)
    right = left + SHEET_COLUMNS * BADGE_WIDTH
    top = bottom + SHEET_ROWS * BADGE_HEIGHT
    lowest = top - rows_used * BADGE_HEIGHT
    lines = []
    for column in range(SHEET_COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        lines.append((x, top + MARK_OFFSET, x, top + MARK_OFFSET + MARK_LENGTH))
        lines.append((x, lowest - MARK_OFFSET, x, lowest - MARK_OFFSET - MARK_LENGTH))
    for row in range(rows_used + 1):
        y = top - row * BADGE_HEIGHT
        lines.append((left - MARK_OFFSET, y, left - MARK_OFFSET - MARK_LENGTH, y))
        lines.append((right + MARK_OFFSET, y, right + MARK_OFFSET + MARK_LENGTH, y))
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(MARK_WIDTH)
    canvas.lines(lines)
