"""Attendance rolls as PDF: the page's geometry, palette, strips and shared context."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from ..documents.fonts import font_chain
from ..documents.textfit import fit, style
from ..vocabulary import reader_side
from .content import RollEntry, RollSection, RollTexts

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
# The name in the reader's script (a Chinese reader's line under a Japanese name): large
# enough to read at arm's length on a sign-in sheet; the Latin line stays small.
CROSS_NAME_SIZE = 9
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


class PageContext:
    """Per-document values shared by every page: texts, fonts, fitted labels."""

    def __init__(self, texts: RollTexts, sections: Sequence[RollSection]) -> None:
        self.texts = texts
        self.sections = sections
        self.labels = label_chain(texts.language)
        self.bold_labels = label_chain(texts.language, bold=True)
        self.columns = column_edges()
        self.headings = {
            name: fit(
                style([(getattr(texts, name), self.bold_labels)]), width - 2 * CELL_PAD, 7.5, 5
            )
            for name, width in COLUMNS
        }


def label_chain(language: str, bold: bool = False) -> list[str]:
    return font_chain(reader_side(language), bold=bold)
