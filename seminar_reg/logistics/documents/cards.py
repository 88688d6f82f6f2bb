"""Reception place cards: folded tent cards, two per A4 page, with crop marks.

Each card is two faces of 190 x 65 mm either side of a dashed fold line. Standing on the
table, the lower face shows the name large in the guest's own script (their own side's
face: Japanese glyph forms for Japanese names) with the other script under it; the upper
face is printed upside down so that, folded, it faces the other way, and shows the name
large in the other side's script (the other face) with the own-script name under it.
Guests across the table read the name in whichever script they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from ...documents.fonts import check_characters, font_chain
from ...documents.pdf import binary_streams, rgb
from ...documents.textfit import CAP_HEIGHT, Fitted, draw_fitted, fit, style
from ...vocabulary import SIDE_COLOURS, reader_side
from .pdf import new_canvas
from .render import (
    GREY,
    INK,
    LogisticsLabels,
)

CARD_WIDTH = 190 * mm
FACE_HEIGHT = 65 * mm
CARD_HEIGHT = 2 * FACE_HEIGHT
CARDS_PER_PAGE = 2
GAP = 12 * mm  # between the two cards on a page (two cuts, no shared edge)
TEXT_WIDTH = CARD_WIDTH - 24 * mm
STRIPE = 3 * mm
MARK_OFFSET, MARK_LENGTH = 2 * mm, 5 * mm


@dataclass(frozen=True)
class PlaceCard:
    side: str
    name: str  # own script
    cross_name: str  # other side's script
    organization: str
    cross_organization: str = ""
    table: str = ""  # e.g. 'Table 3', already translated

    @property
    def other_side(self) -> str:
        return "china" if self.side == "japan" else "japan"


def build_place_cards(cards: Sequence[PlaceCard], labels: LogisticsLabels, event: str) -> bytes:
    """Place cards for `cards`, in order. `event` is printed small on every face (e.g. the
    reception's name). Raises MissingGlyphError before drawing anything."""
    for card in cards:
        _check(card)
    check_characters(event, font_chain(reader_side(labels.language)))
    buffer = BytesIO()
    with binary_streams():
        canvas = new_canvas(buffer, A4, labels.titles["place_cards"])
        for start in range(0, max(len(cards), 1), CARDS_PER_PAGE):
            for slot, card in enumerate(cards[start : start + CARDS_PER_PAGE]):
                _draw_card(canvas, card, _origin(slot), event, labels)
                _draw_marks(canvas, _origin(slot))
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def _check(card: PlaceCard) -> None:
    own, other = font_chain(card.side), font_chain(card.other_side)
    for text, chain in (
        (card.name, own),
        (card.organization, own),
        (card.cross_name, other),
        (card.cross_organization, other),
        (card.table, own),
    ):
        check_characters(text, chain)


def _origin(slot: int) -> tuple[float, float]:
    """Bottom-left corner of card `slot` (0 at the top), the pair centred on the page."""
    page_width, page_height = A4
    block = CARDS_PER_PAGE * CARD_HEIGHT + (CARDS_PER_PAGE - 1) * GAP
    bottom = (page_height - block) / 2
    x = (page_width - CARD_WIDTH) / 2
    return x, bottom + (CARDS_PER_PAGE - 1 - slot) * (CARD_HEIGHT + GAP)


def _draw_card(canvas: Canvas, card: PlaceCard, origin, event: str, labels) -> None:
    x, y = origin
    own_face = (card.name, card.side, card.cross_name, card.other_side, card.organization)
    other_org = card.cross_organization or card.organization
    other_face = (card.cross_name, card.other_side, card.name, card.side, other_org)
    canvas.saveState()
    canvas.translate(x, y)
    _draw_face(canvas, card, own_face, event, labels)
    # The upper face, turned 180 degrees about the card's centre above the fold.
    canvas.translate(CARD_WIDTH, CARD_HEIGHT)
    canvas.rotate(180)
    _draw_face(canvas, card, other_face, event, labels)
    canvas.restoreState()
    _draw_fold(canvas, x, y + FACE_HEIGHT)


def _draw_face(canvas: Canvas, card: PlaceCard, face, event: str, labels) -> None:
    """One face in a 190 x 65 mm box at the origin, its reading direction upright."""
    big, big_side, small, small_side, organization = face
    canvas.setFillColorRGB(*rgb(SIDE_COLOURS[card.side]))
    canvas.rect(0, 0, CARD_WIDTH, STRIPE, stroke=0, fill=1)
    reader = font_chain(reader_side(labels.language))
    canvas.setFillColorRGB(*rgb(GREY))
    left = 12 * mm
    draw_fitted(canvas, left, FACE_HEIGHT - 7 * mm, fit(style([(event, reader)]), 110 * mm, 8, 5))
    if card.table:
        table = fit(style([(card.table, font_chain(card.side, bold=True))]), 50 * mm, 10, 6)
        draw_fitted(canvas, left, FACE_HEIGHT - 7 * mm, table, "right", TEXT_WIDTH)
    name = fit(style([(big, font_chain(big_side, bold=True))]), TEXT_WIDTH, 44, 20)
    canvas.setFillColorRGB(*rgb(INK))
    _centred(canvas, name, 35 * mm)
    if small:
        canvas.setFillColorRGB(*rgb(GREY))
        _centred(canvas, fit(style([(small, font_chain(small_side))]), TEXT_WIDTH, 16, 8), 16 * mm)
    if organization:
        org_side = big_side if organization != card.organization else card.side
        org = fit(style([(organization, font_chain(org_side))]), TEXT_WIDTH, 10, 6)
        _centred(canvas, org, 8.5 * mm)


def _centred(canvas: Canvas, fitted: Fitted, baseline: float) -> None:
    """Draw one fitted line centred across the card with its baseline at `baseline`."""
    x = (CARD_WIDTH - fitted.line_width(0)) / 2
    draw_fitted(canvas, x, baseline + fitted.size * CAP_HEIGHT, fitted)


def _draw_fold(canvas: Canvas, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0.6, 0.6, 0.6)
    canvas.setLineWidth(0.4)
    canvas.setDash(3, 3)
    canvas.line(x, y, x + CARD_WIDTH, y)
    canvas.restoreState()


def _draw_marks(canvas: Canvas, origin) -> None:
    """Crop marks outside each corner and at both ends of the fold line."""
    x, y = origin
    lines = []
    for corner_x, direction_x in ((x, -1), (x + CARD_WIDTH, 1)):
        for corner_y, direction_y in ((y, -1), (y + CARD_HEIGHT, 1)):
            start_x = corner_x + direction_x * MARK_OFFSET
            lines.append((start_x, corner_y, start_x + direction_x * MARK_LENGTH, corner_y))
            start_y = corner_y + direction_y * MARK_OFFSET
            lines.append((corner_x, start_y, corner_x, start_y + direction_y * MARK_LENGTH))
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.3)
    canvas.lines(lines)
