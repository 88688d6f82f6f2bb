"""One name badge: its geometry, palette and drawing (badges/layout.py puts badges on pages).

A badge is 90 x 55 mm: a side-coloured header with the seminar, the name in its own
script (and the other side's rendering where it differs), organisation and title, the
QR code with the opaque check-in code, and a footer naming the side and role. A
Japanese-side name has its kana reading in a small line right above it (furigana.py);
a Chinese-side name's reading is pinyin, which its Latin line already shows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import font_chain
from ..documents.pdf import Colour, rgb
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
from .furigana import READING_GAP, READING_RAISE, ReadingLine, reading_line

BADGE_WIDTH = 90 * mm
BADGE_HEIGHT = 55 * mm

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
    # Kana, printed for the Japanese side only (names.display.printed_readings); either
    # may be empty (a name imported without kana), and nothing is printed for it.
    family_reading: str = ""
    given_reading: str = ""

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


class SharedTexts:
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


def draw_badge(canvas: Canvas, badge: BadgeData, x: float, y: float, shared) -> None:
    canvas.saveState()
    canvas.translate(x, y)
    _draw_header(canvas, badge, shared)
    _draw_footer(canvas, badge, shared)
    _draw_body(canvas, badge)
    qr_x = BADGE_WIDTH - PAD - QR_SIZE
    qr_y = (BODY_TOP + BODY_BOTTOM - QR_SIZE) / 2
    draw_qr(canvas, qr_matrix(badge.token), qr_x, qr_y, QR_SIZE)
    canvas.restoreState()


def _draw_header(canvas: Canvas, badge: BadgeData, shared: SharedTexts) -> None:
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


def _draw_footer(canvas: Canvas, badge: BadgeData, shared: SharedTexts) -> None:
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


def badge_reading(badge: BadgeData, name: Fitted) -> ReadingLine | None:
    """The furigana line over the fitted name (the first of `badge_blocks`), if any."""
    readings = (badge.family_reading, badge.given_reading)
    return reading_line(badge.side, badge.family, readings, name, TEXT_WIDTH)


def _differs(cross_name: str, own_name: str) -> bool:
    return cross_name.replace(" ", "") != own_name.replace(" ", "")


def _draw_body(canvas: Canvas, badge: BadgeData) -> None:
    blocks = badge_blocks(badge)
    top, colour = BODY_TOP, None
    reading = badge_reading(badge, blocks[0][0])
    if reading is not None:  # in the name's ink: furigana is part of the name
        top += READING_RAISE
        canvas.setFillColorRGB(*INK)
        colour = INK
        for fitted, x in reading.parts:
            draw_fitted(canvas, PAD + x, top, fitted)
        top -= reading.height + READING_GAP
    for fitted, block_colour, space in blocks:
        if block_colour != colour:
            canvas.setFillColorRGB(*block_colour)
            colour = block_colour
        top = draw_fitted(canvas, PAD, top - space, fitted)
