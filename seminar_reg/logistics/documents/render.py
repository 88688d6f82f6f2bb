"""Logistics lists as PDF and XLSX: one neutral document model, two renderers.

The list builders (manifests.py, lists.py) turn plain data and translated
labels into a `ListDocument`; `pdf.py` and `xlsx.py` draw it. Every cell says which side's face
its text is set in: names and organisations in their owner's face (a Japanese name in
Noto Sans JP, its Chinese rendering in Noto Sans SC), labels in the reader's face.
Every string is checked against the fonts first: a missing glyph raises
MissingGlyphError instead of printing a box.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...documents.fonts import check_characters, font_chain
from ...vocabulary import SIDE_COLOURS, SIDES, reader_side

ACCENT = SIDE_COLOURS["japan"]
INK, GREY, RULE, STRIPE, HEADER_FILL = "#1A1A1A", "#5F6670", "#C9CED6", "#F3F5F8", "#E4E8EE"


@dataclass(frozen=True)
class LogisticsLabels:
    """Already translated strings (the caller owns translations).

    Strings with %(name)s placeholders are filled in here, so they are passed untranslated
    of their values, e.g. gettext("Bus %(number)s") without arguments.
    """

    language: str  # 'ja' | 'zh' | 'en': picks the face for labels
    seminar: str  # seminar title, printed in every page header
    period: str  # e.g. '2017年7月26日〜28日 瀋陽'
    sides: Mapping[str, str]
    roles: Mapping[str, str]
    dietary: Mapping[str, str]
    format_date: Callable[[dt.date], str]
    columns: Mapping[str, str]  # number, name, cross_name, side, organization, role, ...
    titles: Mapping[str, str]  # buses, catering, seating, place_cards, arrivals, ...
    phrases: Mapping[str, str]  # bus, table, head_table, seats, page, total, ...

    def count_line(self, counts: Mapping[str, int]) -> str:
        """'Japanese side 20 · Chinese side 23 · Total 43'."""
        parts = [f"{self.sides[side]} {counts.get(side, 0)}" for side in SIDES]
        total = counts.get("all", sum(counts.get(side, 0) for side in SIDES))
        return " · ".join([*parts, f"{self.phrases['total']} {total}"])


@dataclass(frozen=True)
class Cell:
    value: str | int
    side: str | None = None  # whose face; None: the reader's
    bold: bool = False
    colour: str | None = None

    @property
    def text(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width
    align: str = "left"


@dataclass(frozen=True)
class Section:
    heading: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # right of the heading, e.g. '43 of 45 seats'
    summary: tuple[str, ...] = ()  # lines under the table
    new_page: bool = False
    heading_colour: str = ACCENT
    sheet: str = ""  # worksheet name when the workbook has one sheet per section


@dataclass(frozen=True)
class ListDocument:
    title: str
    labels: LogisticsLabels
    sections: tuple[Section, ...]
    landscape: bool = False
    sheet_per_section: bool = False
    empty_text: str = ""  # printed when there are no sections

    @property
    def reader(self) -> str:
        return reader_side(self.labels.language)


def chain_for(cell: Cell, reader: str) -> list[str]:
    return font_chain(cell.side or reader, bold=cell.bold)


def check_document(document: ListDocument) -> None:
    """Raise MissingGlyphError for the first string no font can draw."""
    reader = document.reader
    texts = [document.title, document.labels.seminar, document.labels.period]
    for section in document.sections:
        texts += [section.heading, section.note, *section.summary]
        texts += [column.header for column in section.columns]
        for row in section.rows:
            for cell in row:
                check_characters(cell.text, chain_for(cell, reader))
    for text in texts:
        check_characters(text, font_chain(reader))


def render(document: ListDocument, fmt: str) -> bytes:
    # The writers load reportlab or openpyxl: only the one asked for is imported.
    if fmt == "pdf":
        from .pdf import render_pdf

        return render_pdf(document)
    if fmt == "xlsx":
        from .xlsx import render_xlsx

        return render_xlsx(document)
    raise ValueError(f"unknown format {fmt!r}; expected 'pdf' or 'xlsx'")
