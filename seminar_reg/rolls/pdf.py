"""Attendance rolls as PDF: A4 portrait sign-in sheets (see rolls.content)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from io import BytesIO

from ..documents.fonts import check_characters, font_chain, missing_characters
from ..documents.paginate import Strip, TableSection
from ..documents.paginate import paginate as paginate_tables
from ..documents.pdf import binary_streams
from .content import (
    RollEntry,
    RollProblem,
    RollResult,
    RollSection,
    RollTexts,
    result_counts,
    roll_sections,
)
from .pdf_draw import render_pages
from .pdf_layout import (
    BAND_HEIGHT,
    COLUMN_HEAD_HEIGHT,
    ROW_HEIGHT,
    SECTION_GAP,
    SUBTOTAL_HEIGHT,
    TABLE_BOTTOM,
    TABLE_TOP,
    TOTALS_HEIGHT,
    Block,
    PageContext,
    label_chain,
)

# --- checking -------------------------------------------------------------------------------


def _check_texts(texts: RollTexts) -> None:
    """Shared strings must all be drawable: a roll without its header is no roll."""
    chain = label_chain(texts.language)
    for value in vars(texts).values():
        if isinstance(value, str):
            check_characters(value, chain)
    for label in texts.side_labels.values():
        check_characters(label, chain)


def printable_entry(entry: RollEntry) -> tuple[RollEntry, list[RollProblem]]:
    """The entry with every field no font can draw left out, and what was left out."""
    chain = font_chain(entry.side)
    problems, blank = [], {}
    for name in (
        "family", "given", "reading", "latin_name", "cross_name", "organization",
        "cross_organization", "title",
    ):
        missing = missing_characters(getattr(entry, name), chain)
        if missing:
            problems.append(RollProblem(entry.delegate_id, entry.display_name, name, missing[0]))
            blank[name] = ""
    if not blank:
        return entry, []
    fixed = replace(entry, **blank)
    if "family" in blank or "given" in blank:
        # A half name would be a different person: print the Latin name, else the id.
        fallback = fixed.latin_name or f"#{entry.delegate_id}"
        fixed = replace(fixed, family="", given=fallback, latin_name="")
    return fixed, problems


def _printable_sections(
    sections: Sequence[RollSection],
) -> tuple[list[RollSection], tuple[RollProblem, ...]]:
    fixed_sections, problems = [], []
    for section in sections:
        fixed = []
        for entry in section.entries:
            printable, entry_problems = printable_entry(entry)
            fixed.append(printable)
            problems.extend(entry_problems)
        fixed_sections.append(RollSection(section.side, tuple(fixed)))
    return fixed_sections, tuple(problems)


def _table_section(section: RollSection) -> TableSection[Block]:
    """A side's band and column headings, its rows (the last one keeps its subtotal with
    it), then the subtotal."""
    rows = [
        Block("row", ROW_HEIGHT, section.side, entry, number)
        for number, entry in enumerate(section.entries, start=1)
    ] or [Block("empty", ROW_HEIGHT, section.side)]
    body = [
        Strip(row, ROW_HEIGHT, needs=ROW_HEIGHT + SUBTOTAL_HEIGHT if row is rows[-1] else None)
        for row in rows
    ]
    body.append(_strip(Block("subtotal", SUBTOTAL_HEIGHT, section.side, section=section)))
    return TableSection(
        heading=lambda continued: [
            _strip(Block("band", BAND_HEIGHT, section.side, continued=continued)),
            _strip(Block("head", COLUMN_HEAD_HEIGHT, section.side)),
        ],
        body=body,
        opening=BAND_HEIGHT + COLUMN_HEAD_HEIGHT + ROW_HEIGHT + SUBTOTAL_HEIGHT,
    )


def _strip(block: Block) -> Strip[Block]:
    return Strip(block, block.height)


def paginate(sections: Sequence[RollSection]) -> list[list[Block]]:
    """Blocks per page. A section starts with its band and column headings, and both are
    repeated (band marked 'continued') on every page the section runs on to."""
    return paginate_tables(
        [_table_section(section) for section in sections],
        TABLE_TOP - TABLE_BOTTOM,
        gap=_strip(Block("gap", SECTION_GAP)),
        trailer=_strip(Block("totals", TOTALS_HEIGHT)),
    )


# --- entry point ----------------------------------------------------------------------------


def build_roll_pdf(entries: Sequence[RollEntry], texts: RollTexts) -> RollResult:
    """Render the roll as PDF. Raises MissingGlyphError if a shared text cannot be drawn;
    rows with undrawable fields are printed without them and listed in `problems`."""
    sections = roll_sections(entries, texts.language)
    _check_texts(texts)
    printable, problems = _printable_sections(sections)
    pages = paginate(printable)
    buffer = BytesIO()
    with binary_streams():
        render_pages(buffer, pages, PageContext(texts, printable))
    counts, checked = result_counts(sections)
    return RollResult(buffer.getvalue(), counts, checked, problems, len(pages))
