"""The one table paginator: sections of strips onto pages of a fixed height.

A section opens with its heading strips (a band, column headings) and only where the
heading fits with what must follow it; a section that runs on to another page repeats
its heading there, marked continued; a section may ask for a fresh page. Rolls and the
logistics lists draw their own strips; this module only decides where each one goes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Block = TypeVar("Block")


@dataclass(frozen=True)
class Strip(Generic[Block]):
    """One horizontal strip of a page and the room it asks for."""

    block: Block
    height: float
    # Room it needs, with what must stay beside it (a last row keeps its subtotal).
    needs: float | None = None
    # A page break before it repeats the section's heading (rows: yes; lines under a
    # table: no).
    reopen: bool = True

    @property
    def room(self) -> float:
        return self.height if self.needs is None else self.needs


@dataclass(frozen=True)
class TableSection(Generic[Block]):
    heading: Callable[[bool], Sequence[Strip[Block]]]  # continued? -> heading strips
    body: Sequence[Strip[Block]]
    opening: float  # room the heading needs together with what must follow it
    new_page: bool = False


def paginate(
    sections: Sequence[TableSection[Block]],
    page_height: float,
    gap: Strip[Block],
    trailer: Strip[Block] | None = None,
) -> list[list[Block]]:
    """Blocks per page. `gap` separates sections on one page; `trailer` (e.g. totals)
    follows the last section, on a new page when it does not fit."""
    pages = _Pages(page_height)
    for section in sections:
        if pages.current and (section.new_page or not pages.fits(gap.height + section.opening)):
            pages.new()
        elif pages.current:
            pages.add(gap)
        pages.add_all(section.heading(False))
        for strip in section.body:
            if not pages.fits(strip.room):
                pages.new()
                if strip.reopen:
                    pages.add_all(section.heading(True))
            pages.add(strip)
    if trailer is not None:
        if pages.current and not pages.fits(gap.height + trailer.room):
            pages.new()
        elif pages.current:
            pages.add(gap)
        pages.add(trailer)
    return pages.blocks


class _Pages(Generic[Block]):
    def __init__(self, page_height: float) -> None:
        self.page_height = page_height
        self.blocks: list[list[Block]] = [[]]
        self.used = 0.0

    @property
    def current(self) -> list[Block]:
        return self.blocks[-1]

    def fits(self, room: float) -> bool:
        return self.used + room <= self.page_height

    def new(self) -> None:
        self.blocks.append([])
        self.used = 0.0

    def add(self, strip: Strip[Block]) -> None:
        self.current.append(strip.block)
        self.used += strip.height

    def add_all(self, strips: Sequence[Strip[Block]]) -> None:
        for strip in strips:
            self.add(strip)
