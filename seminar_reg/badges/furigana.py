"""The furigana line of a Japanese-side badge: the kana reading in small type right above
the name, each part's reading centred over its part (なみき over 並木, こころ over 心) as
group ruby is set (JIS X 4051), none over a part written in kana (さくら reads itself).
Whoever calls the name reads its kanji by it (the Latin name drops long vowels: さとう is
SATO).

Readings are fitted by documents/textfit like every other badge text: never wider than
the text column, the family reading never reaching into the given name's reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from ..documents.fonts import font_chain
from ..documents.textfit import LINE_HEIGHT, Fitted, fit, style
from ..names.display import display_reading, printed_readings
from ..names.readings import normalize_kana

READING_SIZE = 7.0  # pt, beside the 22 pt name: about a third, the usual name-tag ruby
READING_MIN = 5.0
# The reading line starts this far into the space kept between the header and the name:
# a 7 pt line needs less air than the 22 pt name, and long names still fit the badge.
READING_RAISE = 1.2 * mm
# Between the reading line's block and the name's visible top (points)
READING_GAP = 0.8
# Least space between the family and the given reading (points): half a kana
READING_GAP_X = READING_SIZE / 2


@dataclass(frozen=True)
class ReadingLine:
    """Fitted reading parts, each with its x offset from the text column's left edge."""

    parts: tuple[tuple[Fitted, float], ...]

    @property
    def size(self) -> float:
        return self.parts[0][0].size

    @property
    def height(self) -> float:
        return self.size * LINE_HEIGHT

    def extents(self) -> list[tuple[float, float]]:
        """(left, right) of every part, in points from the text column's left edge."""
        return [(x, x + fitted.line_width(0)) for fitted, x in self.parts]


def reading_line(
    side: str, family: str, readings: tuple[str, str], name: Fitted, width: float
) -> ReadingLine | None:
    """The reading over `name` (the fitted display name) in a column `width` wide; None
    when the name has no printed reading (Chinese side, a name imported without kana)."""
    family_reading, given_reading = printed_readings(side, *readings)
    if not (family_reading or given_reading):
        return None
    if len(name.lines) > 1:
        # A name broken over two lines has no single line to align over: the whole
        # reading, left-aligned over the first line, as on a name card.
        whole = display_reading(side, *readings)
        return ReadingLine(((_fitted(whole, width), 0.0),))
    text = name.styled.text  # display_name: 'family given', or the given name alone
    texts = (text[: len(family)], text[len(family) + 1 :]) if family else (text,)
    ordered = (family_reading, given_reading) if family else (given_reading,)
    wanted = [
        (reading, span)
        for text, reading, span in zip(texts, ordered, _spans(family, name), strict=True)
        if reading and normalize_kana(text) != reading  # no ruby over kana (さくら)
    ]
    return _aligned(wanted, width) if wanted else None


def _spans(family: str, name: Fitted) -> list[tuple[float, float]]:
    """(left, right) of each name part on the fitted one-line name, in points."""
    styled, size = name.styled, name.size
    if not family:
        return [(0.0, styled.width(size))]
    given_start = len(family) + 1  # display_name: 'family given'
    return [(0.0, styled.width(size, 0, len(family))), (styled.width(size, 0, given_start),
                                                        styled.width(size))]


def _aligned(wanted: Sequence[tuple[str, tuple[float, float]]], width: float) -> ReadingLine:
    """Each reading centred over its span, all at one size. A reading wider than its span
    overhangs it, but the family reading ends READING_GAP_X before the given name starts
    and the given reading starts that far after the family reading."""
    rights = [span[0] - READING_GAP_X for _, span in wanted[1:]] + [width]
    # Fitting widths: the first part from the column's edge, the others from their span
    limits = [right - (span[0] if index else 0.0)
              for index, ((_, span), right) in enumerate(zip(wanted, rights, strict=True))]
    size = min(_fitted(reading, limit).size
               for (reading, _), limit in zip(wanted, limits, strict=True))
    parts, floor = [], 0.0
    for (reading, (left, right)), limit_right in zip(wanted, rights, strict=True):
        fitted = _at_size(reading, size)
        reading_width = fitted.line_width(0)
        centred = (left + right - reading_width) / 2
        x = max(floor, min(centred, limit_right - reading_width))
        parts.append((fitted, x))
        floor = x + reading_width + READING_GAP_X
    return ReadingLine(tuple(parts))


def _fitted(reading: str, width: float) -> Fitted:
    return fit(style([(reading, font_chain("japan"))]), width, READING_SIZE, READING_MIN)


def _at_size(reading: str, size: float) -> Fitted:
    styled = style([(reading, font_chain("japan"))])
    return Fitted(styled, size, ((0, len(styled.text)),))
