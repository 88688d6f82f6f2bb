"""Attendance rolls (sign-in sheets): roll entries in, PDF or XLSX bytes out.

A roll has one section per side, each numbered from 1 and closed by its subtotal, then
the side totals and the grand total. The sections keep the order the caller gives (the
database sorts each side its own way: gojūon for the Japanese side, pinyin for the
Chinese side). Which section comes first follows the seminar's own name in the roll's
language: 日中 (Japanese side first) in Japanese and English, 中日 in Chinese.

PDF: A4 portrait; every page repeats the header (seminar, roll title, date, venue) and
the column headings, and says "page x of y" at the bottom. Names are set in their
side's face (Noto Sans JP / SC, the other as fallback); the other side's rendering of a
name is shown when the roll is in the other side's language, at a size its readers read
(9 pt beside the 10 pt name), a Japanese-side name's kana reading is printed in a small
line with the Latin name under it (in every language: see `RollEntry.reading`), and an
organisation is printed in the reader's script
(鳥取県 as 鸟取县 in a Chinese roll: `organization_for`). Every string is checked
against the fonts first: a field no font can draw is left out and reported in
`RollResult.problems` (an unprintable name falls back to the Latin name, then to the
delegate id), so the row, its number and the counts stay right.

XLSX: one worksheet per side, in section order, each with the header, a filterable
table (the Japanese side's with a column of kana readings), a frozen heading row and the
side's subtotal; the last worksheet also carries the side totals and the grand total.
Text cells are inert (see `xlsx.write_text`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..documents.fonts import UndrawableField, describe_character
from ..names.display import display_name, organization_for_reader
from ..vocabulary import LANGUAGES, OWN_SIDE, SIDE_ORDER, SIDES

__all__ = ["LANGUAGES"]
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
    cross_organization: str = ""  # the organisation in the other side's script
    # 'なみき こころ': a Japanese-side name's kana reading (names.display.display_reading),
    # '' for the Chinese side and for a name without kana. Printed in every roll
    # language: the rows are in gojūon order by it, which it makes visible to anyone
    # looking a name up; interpreters and the Japanese staff at the Chinese side's desk
    # read kana; and it is the only exact pronunciation a Chinese reader gets (the
    # Hepburn Latin name drops long vowels: さとう and さと are both SATO).
    reading: str = ""

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
    reading: str  # the XLSX column of the Japanese side's kana readings
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
class RollProblem(UndrawableField):
    """A field of a row that no font can draw; the row is printed without it."""

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
        for side in SIDE_ORDER[language]
    ]


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown roll language {language!r}; expected one of {LANGUAGES}")


def shows_cross_name(entry: RollEntry, language: str) -> bool:
    """The other side's rendering helps readers of the other side's language."""
    reader_side = OWN_SIDE.get(language)
    return (
        reader_side is not None
        and entry.side != reader_side
        and bool(entry.cross_name)
        and entry.cross_name.replace(" ", "") != entry.display_name.replace(" ", "")
    )


def organization_for(entry: RollEntry, language: str) -> tuple[str, str]:
    """(organisation, side whose face draws it) as the roll's readers read it: in their
    own script when the delegate is from the other side and a rendering exists (derived
    by names/, corrected in the console), else as the delegate wrote it."""
    return organization_for_reader(
        entry.side, entry.organization, entry.cross_organization, language
    )


def check_in_mark(entry: RollEntry, texts: RollTexts) -> str:
    if entry.checked_in_at is None:
        return ""
    return f"{CHECK_MARK} {entry.checked_in_at.strftime(texts.check_in_format)}"


def label_with_count(label: str, count: int, language: str) -> str:
    colon = "：" if language in ("ja", "zh") else ": "
    return f"{label}{colon}{count}"


def result_counts(sections: Sequence[RollSection]) -> tuple[dict[str, int], dict[str, int]]:
    counts = {section.side: len(section.entries) for section in sections}
    return counts, {section.side: section.checked_in for section in sections}
