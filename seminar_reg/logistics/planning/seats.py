"""Site-visit buses and reception seating, planned on plain data."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ...vocabulary import SIDES, side_rank
from .common import HEAD_TABLE_ROLES, INTERPRETER, Person, check_size, ordered

# --- buses ----------------------------------------------------------------------------------


def plan_buses(people: Sequence[Person], size: int) -> list[list[int]]:
    """Split the site-visit participants over as few buses of `size` seats as possible.

    Heuristics, in order:
    1. The number of buses is ceil(participants / size): never a bus more than needed.
    2. Interpreters are dealt one per bus first (bus 1, 2, ...), so every bus has one when
       there are at least as many interpreters as buses; extra interpreters are dealt on
       round-robin. They ride for the whole bus, so they leave their organisation's group.
    3. Everyone else travels with their organisation: organisations are placed largest
       first, each whole on the fullest bus that still has room for all of it (best fit,
       so free seats stay together for the organisations still to come). An organisation
       that fits on no bus is split: the bus with the most room is filled and the rest
       placed the same way. Total seats suffice by (1), so everyone gets a seat.
    Returns one list of delegate ids per bus, bus 1 first.
    """
    check_size(size, "bus size")
    if not people:
        return []
    buses: list[list[int]] = [[] for _ in range(math.ceil(len(people) / size))]
    interpreters = [p for p in ordered(people) if p.role == INTERPRETER]
    for index, interpreter in enumerate(interpreters):
        buses[index % len(buses)].append(interpreter.id)
    others = [p for p in people if p.role != INTERPRETER]
    for group in _organization_groups(others):
        _place_group(buses, group, size)
    return buses


def _organization_groups(people: Iterable[Person]) -> list[list[int]]:
    """Delegate ids per (side, organisation), largest group first; ties by side and name."""
    groups: dict[tuple[str, str], list[Person]] = {}
    for person in ordered(people):
        groups.setdefault((person.side, person.organization), []).append(person)
    largest_first = sorted(
        groups.items(), key=lambda item: (-len(item[1]), side_rank(item[0][0]), item[0][1])
    )
    return [[person.id for person in members] for _key, members in largest_first]


def _place_group(buses: list[list[int]], group: list[int], size: int) -> None:
    remaining = list(group)
    while remaining:
        fitting = [bus for bus in buses if size - len(bus) >= len(remaining)]
        if fitting:
            max(fitting, key=len).extend(remaining)  # first of the fullest that fit
            return
        target = max(buses, key=lambda bus: size - len(bus))  # first of the emptiest
        free = size - len(target)
        if free <= 0:
            raise ValueError("not enough seats")  # cannot happen: bus count covers everyone
        target.extend(remaining[:free])
        remaining = remaining[free:]


def best_bus_for(person: Person, buses: Sequence[tuple[int, int, Counter]]) -> int | None:
    """Bus id for a late registrant: `buses` holds (bus id, free seats, organisation counts).

    Prefers a bus already carrying people of the same organisation (the one with most of
    them), otherwise the bus with most free seats. None when every bus is full.
    """
    open_buses = [bus for bus in buses if bus[1] > 0]
    if not open_buses:
        return None
    colleagues = [bus for bus in open_buses if bus[2].get(person.organization, 0) > 0]
    if colleagues:
        return max(colleagues, key=lambda bus: (bus[2][person.organization], bus[1], -bus[0]))[0]
    return max(open_buses, key=lambda bus: (bus[1], -bus[0]))[0]


# --- reception seating ----------------------------------------------------------------------


@dataclass
class TablePlan:
    number: int
    is_head: bool
    capacity: int
    members: list[int] = field(default_factory=list)

    @property
    def free(self) -> int:
        return self.capacity - len(self.members)


def plan_seating(people: Sequence[Person], table_size: int) -> list[TablePlan]:
    """Seat a reception at tables of `table_size`.

    Heuristics, in order:
    1. VIPs and speakers sit at the head table (several head tables when they are more
       than one table holds), dealt round-robin like the others in (4), so several head
       tables each get both sides. A head table with a free seat but only one side gets
       a host from the other: an interpreter of that side when there is one, else the
       first of that side in name order.
    2. The others get ceil(others / table_size) regular tables.
    3. Interpreters are spread: one per table before any table gets a second. When there
       are fewer interpreters than tables, the regular tables get them first (the head
       table is usually looked after by the organisers' own interpreters).
    4. Every regular table that still lacks a side gets one person of that side (while
       that side has people left), so small tables are mixed too, whatever side their
       interpreter is from.
    5. The rest are dealt round-robin over the regular tables, the Japanese side first,
       then the Chinese side continuing where the Japanese left off. Each side is sorted
       by organisation, so colleagues land at different tables, and every table gets
       about the same share of each side: every table holds both sides whenever each
       side has at least as many people as there are regular tables.
    Tables are numbered from 1, head tables first.
    """
    check_size(table_size, "table size")
    head_people = [p for p in people if p.role in HEAD_TABLE_ROLES]
    others = [p for p in people if p.role not in HEAD_TABLE_ROLES]
    head = _tables(math.ceil(len(head_people) / table_size), table_size, True, 1)
    _deal(head, ordered(head_people))
    sides = {person.id: person.side for person in people}
    others = _seat_head_table_hosts(head, others, sides)
    regular = _tables(math.ceil(len(others) / table_size), table_size, False, len(head) + 1)
    interpreters = [p for p in ordered(others) if p.role == INTERPRETER]
    spread_order = (
        regular + head if len(interpreters) < len(head) + len(regular) else head + regular
    )
    _deal(spread_order, interpreters)
    rest = sorted(
        (p for p in others if p.role != INTERPRETER),
        key=lambda p: (side_rank(p.side), p.organization, p.sort_key, p.id),
    )
    _deal(regular, _give_each_table_both_sides(regular, rest, sides))
    return head + regular


def _missing_sides(table: TablePlan, sides: dict[int, str]) -> list[str]:
    present = {sides[member] for member in table.members}
    return [side for side in SIDES if side not in present]


def _seat_head_table_hosts(
    head: list[TablePlan], others: list[Person], sides: dict[int, str]
) -> list[Person]:
    """Head tables seating one side only get a host of the other; returns who is left."""
    left = ordered(others)
    for table in head:
        for side in _missing_sides(table, sides) if table.members else []:
            of_side = [p for p in left if p.side == side]
            if table.free <= 0 or not of_side:
                continue
            host = next((p for p in of_side if p.role == INTERPRETER), of_side[0])
            table.members.append(host.id)
            left.remove(host)
    return left


def _give_each_table_both_sides(
    tables: list[TablePlan], people: list[Person], sides: dict[int, str]
) -> list[Person]:
    """Seat one person of each missing side at every table; returns who is left."""
    queues = {side: [p for p in people if p.side == side] for side in SIDES}
    for side in SIDES:
        for table in tables:
            if table.free > 0 and queues[side] and side in _missing_sides(table, sides):
                table.members.append(queues[side].pop(0).id)
    return [person for side in SIDES for person in queues[side]]


def _tables(count: int, size: int, is_head: bool, first_number: int) -> list[TablePlan]:
    return [TablePlan(first_number + index, is_head, size) for index in range(count)]


def _deal(tables: list[TablePlan], people: Iterable[Person]) -> None:
    """Round-robin over `tables` from the first one, skipping full tables."""
    position = 0
    for person in people:
        for step in range(len(tables)):
            table = tables[(position + step) % len(tables)]
            if table.free > 0:
                table.members.append(person.id)
                position = (position + step + 1) % len(tables)
                break
        else:
            raise ValueError("not enough seats")  # cannot happen: table count covers everyone
