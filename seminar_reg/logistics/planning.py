"""Planning algorithms on plain data: no database, no Flask, deterministic.

Every function takes `Person`/`Traveller` records and returns plans made of delegate ids.
Ties are always broken by side (Japanese first), sort key and id, so the same input
gives the same plan.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..vocabulary import DIETARY_CODES, SIDES, STANDARD_DIETARY, Role, side_counts, side_rank

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


def _ordered(people: Iterable[Person]) -> list[Person]:
    return sorted(people, key=lambda person: person.order)


def _check_size(size: int, what: str) -> None:
    if size < 1:
        raise ValueError(f"{what} must be at least 1, not {size}")


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
    _check_size(size, "bus size")
    if not people:
        return []
    buses: list[list[int]] = [[] for _ in range(math.ceil(len(people) / size))]
    interpreters = [p for p in _ordered(people) if p.role == INTERPRETER]
    for index, interpreter in enumerate(interpreters):
        buses[index % len(buses)].append(interpreter.id)
    others = [p for p in people if p.role != INTERPRETER]
    for group in _organization_groups(others):
        _place_group(buses, group, size)
    return buses


def _organization_groups(people: Iterable[Person]) -> list[list[int]]:
    """Delegate ids per (side, organisation), largest group first; ties by side and name."""
    groups: dict[tuple[str, str], list[Person]] = {}
    for person in _ordered(people):
        groups.setdefault((person.side, person.organization), []).append(person)
    ordered = sorted(
        groups.items(), key=lambda item: (-len(item[1]), side_rank(item[0][0]), item[0][1])
    )
    return [[person.id for person in members] for _key, members in ordered]


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
    _check_size(table_size, "table size")
    head_people = [p for p in people if p.role in HEAD_TABLE_ROLES]
    others = [p for p in people if p.role not in HEAD_TABLE_ROLES]
    head = _tables(math.ceil(len(head_people) / table_size), table_size, True, 1)
    _deal(head, _ordered(head_people))
    sides = {person.id: person.side for person in people}
    others = _seat_head_table_hosts(head, others, sides)
    regular = _tables(math.ceil(len(others) / table_size), table_size, False, len(head) + 1)
    interpreters = [p for p in _ordered(others) if p.role == INTERPRETER]
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
    left = _ordered(others)
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


# --- catering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Diner:
    id: int
    side: str
    dietary: str
    note: str = ""


def catering_counts(diners: Iterable[Diner]) -> dict[str, dict[str, int]]:
    """{dietary code: {'japan', 'china', 'all'}} with every code present (zeros too).

    Unknown codes count as 'other', so the total always equals the number of diners.
    """
    counts = {code: side_counts() for code in DIETARY_CODES}
    for diner in diners:
        code = diner.dietary if diner.dietary in counts else "other"
        counts[code][diner.side] += 1
        counts[code]["all"] += 1
    return counts


def catering_notes(diners: Iterable[Diner]) -> list[Diner]:
    """Diners the kitchen must read about: 'other' needs, and any need with a note."""
    return [d for d in diners if d.dietary not in STANDARD_DIETARY or d.note.strip()]


# --- pickups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Traveller:
    id: int
    side: str
    date: dt.date | None
    time: dt.time | None
    place: str
    transport: str = ""
    sort_key: str = ""

    @property
    def complete(self) -> bool:
        return self.date is not None and self.time is not None and bool(self.place.strip())


@dataclass(frozen=True)
class PickupGroup:
    date: dt.date
    place: str
    start: dt.time  # the first arrival's time
    end: dt.time  # the last arrival's time (start + window at most)
    vehicles: tuple[tuple[int, ...], ...]  # delegate ids per vehicle, in arrival order

    @property
    def people(self) -> tuple[int, ...]:
        return tuple(person for vehicle in self.vehicles for person in vehicle)


def plan_pickups(
    travellers: Iterable[Traveller], window_minutes: int, vehicle_size: int
) -> tuple[list[PickupGroup], list[Traveller]]:
    """Group travellers by day and place into time windows; split windows into vehicles.

    A window opens at the earliest time not yet covered and takes everyone within
    `window_minutes` of it (anchored at the opening, so nobody waits longer than the
    window). A window's people fill vehicles of `vehicle_size` in arrival order. Travellers
    without a date, time or place are returned second, to be chased, never dropped.
    """
    _check_size(window_minutes, "window")
    _check_size(vehicle_size, "vehicle size")
    travellers = list(travellers)
    missing = sorted((t for t in travellers if not t.complete), key=_traveller_order)
    complete = sorted((t for t in travellers if t.complete), key=_pickup_order)
    groups: list[PickupGroup] = []
    batch: list[Traveller] = []
    for traveller in complete:
        if batch and not _same_window(batch[0], traveller, window_minutes):
            groups.append(_group(batch, vehicle_size))
            batch = []
        batch.append(traveller)
    if batch:
        groups.append(_group(batch, vehicle_size))
    return groups, missing


def _traveller_order(traveller: Traveller) -> tuple[bool, str, int]:
    return side_first(traveller.side, traveller.sort_key, traveller.id)


def _pickup_order(traveller: Traveller) -> tuple:
    return (traveller.date, traveller.place.strip(), traveller.time, *_traveller_order(traveller))


def _minutes(time: dt.time) -> int:
    return time.hour * 60 + time.minute


def _same_window(first: Traveller, other: Traveller, window_minutes: int) -> bool:
    return (
        first.date == other.date
        and first.place.strip() == other.place.strip()
        and _minutes(other.time) - _minutes(first.time) <= window_minutes  # type: ignore[arg-type]
    )


def _group(batch: list[Traveller], vehicle_size: int) -> PickupGroup:
    ids = [t.id for t in batch]
    vehicles = tuple(tuple(ids[i : i + vehicle_size]) for i in range(0, len(ids), vehicle_size))
    return PickupGroup(
        batch[0].date,  # type: ignore[arg-type]
        batch[0].place.strip(),
        batch[0].time,  # type: ignore[arg-type]
        batch[-1].time,  # type: ignore[arg-type]
        vehicles,
    )


# --- rooming --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Guest:
    id: int
    side: str
    arrival: dt.date | None
    departure: dt.date | None
    sort_key: str = ""

    @property
    def nights(self) -> list[dt.date]:
        """Nights spent, named by their evening: arrival up to the night before departure."""
        if self.arrival is None or self.departure is None or self.departure <= self.arrival:
            return []
        return [
            self.arrival + dt.timedelta(days=offset)
            for offset in range((self.departure - self.arrival).days)
        ]


@dataclass(frozen=True)
class Rooming:
    guests: list[Guest]  # by arrival night, departure, side, name
    nights: list[dt.date]  # every night someone stays, in order
    per_night: dict[dt.date, dict[str, int]]  # night -> {'japan', 'china', 'all'}
    undated: list[Guest]  # need a room but gave no usable dates: to chase


def plan_rooming(guests: Iterable[Guest]) -> Rooming:
    """Rooming list with totals per night. Guests whose dates are missing or reversed are
    listed apart (they need a room but nobody can book it yet), never dropped."""
    guests = list(guests)
    dated = sorted(
        (g for g in guests if g.nights),
        key=lambda g: (g.arrival, g.departure, *side_first(g.side, g.sort_key, g.id)),
    )
    undated = sorted(
        (g for g in guests if not g.nights), key=lambda g: side_first(g.side, g.sort_key, g.id)
    )
    per_night: dict[dt.date, dict[str, int]] = {}
    for guest in dated:
        for night in guest.nights:
            bucket = per_night.setdefault(night, side_counts())
            bucket[guest.side] += 1
            bucket["all"] += 1
    return Rooming(dated, sorted(per_night), per_night, undated)
