"""What every planner shares: the person record, the tie-break order, size checks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ...vocabulary import Role, side_rank

INTERPRETER = Role.INTERPRETER.value
HEAD_TABLE_ROLES = frozenset({Role.VIP.value, Role.SPEAKER.value})


@dataclass(frozen=True)
class Person:
    """What the planners need to know about a delegate."""

    id: int
    side: str  # 'japan' | 'china'
    organization: str = ""
    role: str = "delegate"
    sort_key: str = ""

    @property
    def order(self) -> tuple[int, str, int]:
        return side_first(self.side, self.sort_key, self.id)


def side_first(side: str, sort_key: str, delegate_id: int) -> tuple[int, str, int]:
    """Japanese side first, then Chinese; each in its own order (gojūon / pinyin)."""
    return (side_rank(side), sort_key, delegate_id)


def ordered(people: Iterable[Person]) -> list[Person]:
    return sorted(people, key=lambda person: person.order)


def check_size(size: int, what: str) -> None:
    if size < 1:
        raise ValueError(f"{what} must be at least 1, not {size}")
