"""Attendance rolls as PDF: the name cell of a row.

Top to bottom: the own-script name in bold; for the other side's readers the name in
their script (in their face) right under it, nearly as large (CROSS_NAME_SIZE), since it
is the line they read; then a small line saying how the name is said: the kana reading
of a Japanese-side name (content.RollEntry.reading), then the Latin name. Reading and
Latin name share that one line so that every row keeps three lines at most and the
11 mm row (the signature box's height) holds them in every roll language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from ..documents.fonts import font_chain
from ..documents.textfit import CAP_HEIGHT, LINE_HEIGHT, Fitted, draw_fitted, fit, style
from .content import DESCENT, RollEntry, shows_cross_name
from .pdf_layout import CELL_PAD, CROSS_NAME_SIZE, GREY, INK, Colour

NAME_SIZE = 10
SOUND_SIZE, SOUND_MIN = 6.5, 4.5  # the reading and Latin line
# Between the kana reading and the Latin name: an ideographic space, a clear pause
SOUND_SEPARATOR = "\u3000"
LINE_GAP = 1.0  # points between the lines of the cell


@dataclass(frozen=True)
class Piece:
    """Fitted text at an x offset within its line, in its own colour."""

    fitted: Fitted
    x: float
    colour: Colour


Line = Sequence[Piece]


def draw_name(
    canvas: Canvas, entry: RollEntry, cell: tuple[float, float], middle: float, language: str
) -> None:
    """The name cell of `entry`'s row; `cell` is the column's (left x, width)."""
    x, width = cell
    inner = width - 2 * CELL_PAD
    name = _one_line(entry.display_name, font_chain(entry.side, True), inner, NAME_SIZE, 5)
    lines: list[Line] = [[Piece(name, 0.0, INK)]]
    if shows_cross_name(entry, language):
        other = "china" if entry.side == "japan" else "japan"
        cross = _one_line(entry.cross_name, font_chain(other), inner, CROSS_NAME_SIZE, 7)
        lines.append([Piece(cross, 0.0, INK)])
    sound = sound_line(entry, inner)
    if sound:
        lines.append(sound)
    _draw_lines(canvas, x + CELL_PAD, middle, lines)


def sound_line(entry: RollEntry, width: float) -> list[Piece]:
    """The kana reading (in the name's ink: it is the name's own reading, and the key of
    the gojūon order the rows are in) and the Latin name (grey), one size for both,
    fitted together into `width`; empty when the entry has neither."""
    jp, own = font_chain("japan"), font_chain(entry.side)
    parts = [(text, chain, colour) for text, chain, colour in (
        (entry.reading, jp, INK), (entry.latin_name, own, GREY)) if text]
    if not parts:
        return []
    segments = [(text if index == 0 else SOUND_SEPARATOR + text, chain)
                for index, (text, chain, _) in enumerate(parts)]
    size = fit(style(segments), width, SOUND_SIZE, SOUND_MIN).size
    pieces, x = [], 0.0
    for index, (text, chain, colour) in enumerate(parts):
        if index:
            x += style([(SOUND_SEPARATOR, chain)]).width(size)
        styled = style([(text, chain)])
        pieces.append(Piece(Fitted(styled, size, ((0, len(styled.text)),)), x, colour))
        x += styled.width(size)
    return pieces


def _one_line(text: str, chain: Sequence[str], width: float, size: float, least: float):
    return fit(style([(text, chain)]), width, size, least)


def _draw_lines(canvas: Canvas, x: float, middle: float, lines: Sequence[Line]) -> None:
    """The lines one under another, centred as a whole on `middle`. Each line's
    descenders count (CJK glyphs reach below the baseline too), or a line would touch
    the next one, and the last one the rule below."""
    heights = [max(_height(piece.fitted) for piece in line) for line in lines]
    top = middle + (sum(heights) + LINE_GAP * (len(lines) - 1)) / 2
    for line, height in zip(lines, heights, strict=True):
        for piece in line:
            canvas.setFillColorRGB(*piece.colour)
            draw_fitted(canvas, x + piece.x, top, piece.fitted)
        top -= height + LINE_GAP


def _height(fitted: Fitted) -> float:
    visible = fitted.size * LINE_HEIGHT * (len(fitted.lines) - 1) + fitted.size * CAP_HEIGHT
    return visible + fitted.size * DESCENT
