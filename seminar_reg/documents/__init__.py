"""Printable documents (badges, rolls): plain data in, PDF bytes out. No Flask here."""

from .badges import (
    BadgeData,
    BadgeResult,
    BadgeTexts,
    EmptySelectionError,
    NothingPrintableError,
    SkippedBadge,
    build_badges,
)
from .fonts import MissingGlyphError

__all__ = [
    "BadgeData",
    "BadgeResult",
    "BadgeTexts",
    "EmptySelectionError",
    "MissingGlyphError",
    "NothingPrintableError",
    "SkippedBadge",
    "build_badges",
]
