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

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import check_characters, describe_character, font_chain, missing_characters
from ..documents.pdf import Colour, binary_streams, rgb
from ..documents.qr import draw_qr, qr_matrix
from ..documents.textfit import (
    CAP_HEIGHT,
    LINE_HEIGHT,
    Fitted,
    StyledText,
    bilingual,
    draw_fitted,
    fit,
    style,
)
from ..names.display import display_name
from ..vocabulary import SIDE_COLOURS as SIDE_HEX
from ..vocabulary import SIDES

ROLES = ("delegate", "vip", "speaker", "press", "interpreter", "staff")
LAYOUTS = ("sheet", "single")

BADGE_WIDTH = 90 * mm
BADGE_HEIGHT = 55 * mm
SHEET_COLUMNS, SHEET_ROWS = 2, 5

# Badge geometry (points, origin at the badge's bottom-left corner)
HEADER_HEIGHT = 11 * mm
FOOTER_HEIGHT = 6.5 * mm
PAD = 4.5 * mm  # left/right inner margin
QR_SIZE = 19 * mm
QR_GAP = 3.5 * mm  # between the text column and the QR code
TEXT_WIDTH = BADGE_WIDTH - 2 * PAD - QR_SIZE - QR_GAP
BODY_TOP = BADGE_HEIGHT - HEADER_HEIGHT - 2.8 * mm
BODY_BOTTOM = FOOTER_HEIGHT + 1.5 * mm
STRIPE_HEIGHT = 1.2 * mm  # side-coloured edge along the bottom of delegates' badges

# Crop marks: hairlines this far from the cut, this long
MARK_OFFSET = 1.5 * mm
MARK_LENGTH = 5 * mm
MARK_WIDTH = 0.3

# Indigo and vermilion: distinct at a glance, also for red-green colour-blind readers
SIDE_COLOURS: dict[str, Colour] = {side: rgb(code) for side, code in SIDE_HEX.items()}
ROLE_COLOURS: dict[str, Colour] = {
    "vip": rgb("#A97C1B"),
    "speaker": rgb("#5B2A86"),
    "press": rgb("#2E6B30"),
    "interpreter": rgb("#00717A"),
    "staff": rgb("#3A3A3A"),
}
INK = rgb("#1A1A1A")
GREY = rgb("#555555")
WHITE: Colour = (1.0, 1.0, 1.0)


@dataclass(frozen=True)
class BadgeData:
    """One delegate's badge. Names are in the delegate's own script; `cross_name` is the
    other side's rendering (shown when it differs from the own-script name)."""

    delegate_id: int | str
    side: str  # 'japan' | 'china'
    family: str  # may be empty (e.g. 买买提·吐尔逊 has no family name)
    given: str
    cross_name: str
    latin_name: str
    organization: str
    title: str
    role: str  # one of ROLES
    token: str  # opaque check-in string, the QR code's only content

    @property
    def display_name(self) -> str:
        """Own-script name as printed: 'family given' for Japanese, no space for Chinese."""
        return display_name(self.side, self.family, self.given)


@dataclass(frozen=True)
class BadgeTexts:
    """Already translated strings (the web layer owns translations).

    Bilingual strings are written 'Japanese / Chinese': the part before ' / ' is set in
    the Japanese face, the part after in the Chinese face, and a two-line layout breaks
    there.
    """

    seminar_title: str
    dates: str
    side_labels: Mapping[str, str]  # side -> label, e.g. 'japan': '日本側 / 日方'
    role_labels: Mapping[str, str]  # role -> label, e.g. 'speaker': '講演者 / 演讲嘉宾'


@dataclass(frozen=True)
class SkippedBadge:
    delegate_id: int | str
    name: str
    field: str
    character: str

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
    _check_shared_texts(texts)
    printable, skipped = _check_badges(badges)
    if not printable:
        raise NothingPrintableError(skipped)
    shared = _SharedTexts(texts)
    buffer = BytesIO()
    with binary_streams():
        pages = _render(buffer, printable, layout, shared, progress)
    printed = tuple(badge.delegate_id for badge in printable)
    return BadgeResult(buffer.getvalue(), printed, tuple(skipped), pages)


# --- checking -------------------------------------------------------------------------------


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
    for name in ("family", "given", "cross_name", "latin_name", "organization", "title"):
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
    initial_font = font_chain("japan")[0]
    canvas = Canvas(buffer, pagesize=page_size, pageCompression=1, initialFontName=initial_font)
    canvas.setTitle("Name badges")
    canvas.setCreator("seminar_reg")
    canvas.setLineJoin(0)
    pages = 0
    for page_badges in _pages(badges, layout):
        slots = _sheet_slots(len(page_badges)) if layout == "sheet" else [(0.0, 0.0)]
        for badge, (x, y) in zip(page_badges, slots, strict=True):
            _draw_badge(canvas, badge, x, y, shared)
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


# --- one badge ------------------------------------------------------------------------------


class _SharedTexts:
    """Seminar-wide strings, styled and fitted once per document rather than per badge."""

    def __init__(self, texts: BadgeTexts) -> None:
        self.texts = texts
        self._cache: dict[tuple[str, str], Fitted] = {}
        self.side_label_width = _widest_label(texts.side_labels.values(), 11, 34 * mm)
        self.role_label_width = _widest_label(texts.role_labels.values(), 9, 40 * mm)
        title_width = BADGE_WIDTH - 2 * PAD - self.side_label_width - 4 * mm
        bold = font_chain("japan", bold=True), font_chain("china", bold=True)
        self.title = fit(bilingual(texts.seminar_title, *bold), title_width, 7, 6, 2, 7)
        self.dates_width = BADGE_WIDTH - 2 * PAD - self.role_label_width - 3 * mm
        dates = bilingual(texts.dates, font_chain("japan"), font_chain("china"))
        self.dates = fit(dates, self.dates_width, 6, 5.5, max_lines=2, two_line_max=6)

    def side_label(self, side: str) -> Fitted:
        return self._cached("side", side, lambda: self._side_label(side))

    def role_label(self, role: str) -> Fitted:
        return self._cached("role", role, lambda: self._role_label(role))

    def _cached(self, kind: str, key: str, make) -> Fitted:
        if (kind, key) not in self._cache:
            self._cache[(kind, key)] = make()
        return self._cache[(kind, key)]

    def _side_label(self, side: str) -> Fitted:
        return fit(_label(self.texts.side_labels.get(side, side)), self.side_label_width, 11, 6)

    def _role_label(self, role: str) -> Fitted:
        label = _label(self.texts.role_labels.get(role, role))
        return fit(label, self.role_label_width, 9, 6)


def _widest_label(labels, size: float, cap: float) -> float:
    return min(max((_label(label).width(size) for label in labels), default=0.0), cap)


def _label(text: str) -> StyledText:
    return bilingual(text, font_chain("japan", bold=True), font_chain("china", bold=True))


def _draw_badge(canvas: Canvas, badge: BadgeData, x: float, y: float, shared) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    _draw_header(canvas, badge, shared)
    _draw_footer(canvas, badge, shared)
    _draw_body(canvas, badge)
    qr_x = BADGE_WIDTH - PAD - QR_SIZE
    qr_y = (BODY_TOP + BODY_BOTTOM - QR_SIZE) / 2
    draw_qr(canvas, qr_matrix(badge.token), qr_x, qr_y, QR_SIZE)
    canvas.restoreState()


def _draw_header(canvas: Canvas, badge: BadgeData, shared: _SharedTexts) -> None:
    """Side-coloured band: seminar title on the left, the side's label on the right."""
    canvas.setFillColorRGB(*SIDE_COLOURS[badge.side])
    canvas.rect(0, BADGE_HEIGHT - HEADER_HEIGHT, BADGE_WIDTH, HEADER_HEIGHT, stroke=0, fill=1)
    canvas.setFillColorRGB(*WHITE)
    _draw_centred(canvas, PAD, BADGE_HEIGHT - HEADER_HEIGHT / 2, shared.title)
    label = shared.side_label(badge.side)
    right = BADGE_WIDTH - PAD - shared.side_label_width
    _draw_centred(
        canvas, right, BADGE_HEIGHT - HEADER_HEIGHT / 2, label, "right", shared.side_label_width
    )


def _draw_footer(canvas: Canvas, badge: BadgeData, shared: _SharedTexts) -> None:
    """Role ribbon with its label for everyone but plain delegates, who get a thin side
    stripe instead; the dates sit on the right either way."""
    centre = FOOTER_HEIGHT / 2
    if badge.role == "delegate":
        canvas.setFillColorRGB(*SIDE_COLOURS[badge.side])
        canvas.rect(0, 0, BADGE_WIDTH, STRIPE_HEIGHT, stroke=0, fill=1)
        canvas.setFillColorRGB(*GREY)
        centre += STRIPE_HEIGHT / 2
    else:
        canvas.setFillColorRGB(*ROLE_COLOURS[badge.role])
        canvas.rect(0, 0, BADGE_WIDTH, FOOTER_HEIGHT, stroke=0, fill=1)
        canvas.setFillColorRGB(*WHITE)
        _draw_centred(canvas, PAD, centre, shared.role_label(badge.role))
    dates_x = BADGE_WIDTH - PAD - shared.dates_width
    _draw_centred(canvas, dates_x, centre, shared.dates, "right", shared.dates_width)


def _draw_centred(
    canvas: Canvas, x: float, middle: float, fitted: Fitted, align: str = "left", width=0.0
) -> None:
    """Draw `fitted` with its visible glyphs centred vertically on `middle`."""
    leading = fitted.size * LINE_HEIGHT
    visible = leading * (len(fitted.lines) - 1) + fitted.size * CAP_HEIGHT
    draw_fitted(canvas, x, middle + visible / 2, fitted, align, width)


def badge_blocks(badge: BadgeData) -> list[tuple[Fitted, Colour, float]]:
    """The text column, top to bottom: (fitted text, colour, space above)."""
    own = font_chain(badge.side)
    other = font_chain("china" if badge.side == "japan" else "japan")
    name = style([(badge.display_name, font_chain(badge.side, bold=True))])
    blocks = [(fit(name, TEXT_WIDTH, 22, 14, max_lines=2, two_line_max=15), INK, 0.0)]
    if badge.cross_name and _differs(badge.cross_name, badge.display_name):
        blocks.append((fit(style([(badge.cross_name, other)]), TEXT_WIDTH, 9, 6), GREY, 2.5))
    if badge.latin_name:
        latin_space = 1.5 if len(blocks) > 1 else 2.5
        blocks.append((fit(style([(badge.latin_name, own)]), TEXT_WIDTH, 8, 5), GREY, latin_space))
    if badge.organization:
        org = style([(badge.organization, own)])
        blocks.append((fit(org, TEXT_WIDTH, 8, 6.5, max_lines=2, two_line_max=7.5), INK, 4.0))
    if badge.title:
        blocks.append((fit(style([(badge.title, own)]), TEXT_WIDTH, 7, 5), GREY, 1.5))
    return blocks


def _differs(cross_name: str, own_name: str) -> bool:
    return cross_name.replace(" ", "") != own_name.replace(" ", "")


def _draw_body(canvas: Canvas, badge: BadgeData) -> None:
    top = BODY_TOP
    colour: Colour | None = None
    for fitted, block_colour, space in badge_blocks(badge):
        if block_colour != colour:
            canvas.setFillColorRGB(*block_colour)
            colour = block_colour
        top = draw_fitted(canvas, PAD, top - space, fitted)
