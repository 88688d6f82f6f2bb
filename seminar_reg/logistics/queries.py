"""Reads for the logistics lists: who attends an item or the seminar, as
registration.places defines it (waiting-listed places do not ride the bus or get a seat;
cancelled delegates never appear)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..program.models import ItemKind, ProgramItem, Seminar
from ..program.queries import item_by_code
from ..registration import places
from ..registration.models import Delegate
from ..vocabulary import SIDES
from . import planning
from .models import Bus, ReceptionTable

SITE_VISIT = "site-visit"
RECEPTIONS = ("shenyang-reception", "clair-reception")


def delegate_order(delegate: Delegate) -> tuple[int, str, int]:
    """Japanese side first, each side in its own order (gojūon / pinyin)."""
    return planning.side_first(delegate.side, delegate.sort_key, delegate.id)


def _sorted(delegates: Iterable[Delegate]) -> list[Delegate]:
    return sorted(delegates, key=delegate_order)


def participants(item: ProgramItem) -> list[Delegate]:
    """Confirmed delegates with a confirmed place on `item`."""
    rows = db.session.execute(places.attendees(item)).scalars()
    return _sorted(rows)


def confirmed_delegates(seminar: Seminar) -> list[Delegate]:
    rows = db.session.execute(
        select(Delegate).where(Delegate.seminar_id == seminar.id, places.attends_seminar())
    ).scalars()
    return _sorted(rows)


def site_visit(seminar: Seminar) -> ProgramItem | None:
    return item_by_code(seminar, SITE_VISIT)


def reception(seminar: Seminar, code: str) -> ProgramItem | None:
    """The reception with `code`, or None when the code names no reception."""
    item = item_by_code(seminar, code)
    return item if item is not None and item.kind == ItemKind.RECEPTION else None


def receptions(seminar: Seminar) -> list[ProgramItem]:
    return [item for code in RECEPTIONS if (item := reception(seminar, code)) is not None]


# --- plain data for the planners ------------------------------------------------------------


def as_person(delegate: Delegate) -> planning.Person:
    return planning.Person(
        delegate.id, delegate.side, delegate.organization, delegate.role, delegate.sort_key
    )


def as_diner(delegate: Delegate) -> planning.Diner:
    return planning.Diner(delegate.id, delegate.side, delegate.dietary, delegate.dietary_note)


def as_traveller(delegate: Delegate, direction: str) -> planning.Traveller:
    prefix = "arrival" if direction == "arrivals" else "departure"
    return planning.Traveller(
        delegate.id,
        delegate.side,
        getattr(delegate, f"{prefix}_date"),
        getattr(delegate, f"{prefix}_time"),
        getattr(delegate, f"{prefix}_place") or "",
        getattr(delegate, f"{prefix}_transport") or "",
        delegate.sort_key,
    )


def as_guest(delegate: Delegate) -> planning.Guest:
    return planning.Guest(
        delegate.id,
        delegate.side,
        delegate.arrival_date,
        delegate.departure_date,
        delegate.sort_key,
    )


# --- buses and reception tables: groups with seats -----------------------------------------


@dataclass
class SeatGroup:
    """A bus or a reception table: a number, its seats, the people in them in order."""

    id: int
    number: int
    capacity: int
    people: list[Delegate]
    made_at: dt.datetime | None = None  # when the plan that made it was made

    @property
    def free(self) -> int:
        return self.capacity - len(self.people)

    def count(self, side: str) -> int:
        return sum(1 for delegate in self.people if delegate.side == side)

    @property
    def is_mixed(self) -> bool:
        return {delegate.side for delegate in self.people} == set(SIDES)

    @property
    def organizations(self) -> Counter:
        return Counter(delegate.organization for delegate in self.people)


def plan_stamp(groups: Iterable[tuple[int, dt.datetime | None]]) -> str:
    """Which plan a page shows: its buses' or tables' (id, made_at), which every re-plan
    replaces (moves keep them). A move carries the stamp of the page it was chosen on,
    so one chosen on a plan replaced since is refused as that, not applied to the new
    plan's bus of the same number (or refused as 'no bus N')."""
    rows = ";".join(f"{group_id}@{made_at.isoformat() if made_at else ''}"
                    for group_id, made_at in sorted(groups))
    return hashlib.sha256(rows.encode()).hexdigest()[:16]


def _fill(groups, active: dict[int, Delegate], order) -> tuple[list, list[Delegate]]:
    """Each bus or table with the active people in its seats (in ``order``), and the
    active people in none. Seats of people no longer active are left out."""
    filled, seated = [], set()
    for group in groups:
        people = [active[s.delegate_id] for s in group.seats if s.delegate_id in active]
        seated.update(delegate.id for delegate in people)
        filled.append((group, order(people)))
    return filled, _sorted(d for d in active.values() if d.id not in seated)


# --- buses ----------------------------------------------------------------------------------


@dataclass
class BusView(SeatGroup):
    @property
    def passengers(self) -> list[Delegate]:
        return self.people


@dataclass
class BusOverview:
    item: ProgramItem | None
    buses: list[BusView]
    unassigned: list[Delegate]  # participants without a bus (registered after planning)

    @property
    def planned(self) -> bool:
        return bool(self.buses)

    @property
    def plan(self) -> str:
        return plan_stamp((bus.id, bus.made_at) for bus in self.buses)


def bus_overview(seminar: Seminar) -> BusOverview:
    """Buses with their current participants. Seats of people who cancelled or left the
    site visit are not shown and do not count against capacity."""
    item = site_visit(seminar)
    if item is None:
        return BusOverview(None, [], [])
    active = {delegate.id: delegate for delegate in participants(item)}
    buses = db.session.execute(
        select(Bus)
        .where(Bus.seminar_id == seminar.id)
        .options(selectinload(Bus.seats))
        .order_by(Bus.number)
    ).scalars()
    filled, unassigned = _fill(buses, active, _sorted)
    views = [
        BusView(bus.id, bus.number, bus.capacity, riders, bus.created_at) for bus, riders in filled
    ]
    return BusOverview(item, views, unassigned)


# --- seating --------------------------------------------------------------------------------


@dataclass
class TableView(SeatGroup):
    is_head: bool = False

    @property
    def guests(self) -> list[Delegate]:
        return self.people


@dataclass
class SeatingOverview:
    item: ProgramItem
    tables: list[TableView]
    unseated: list[Delegate]

    @property
    def planned(self) -> bool:
        return bool(self.tables)

    @property
    def plan(self) -> str:
        return plan_stamp((table.id, table.made_at) for table in self.tables)


def seating_overview(item: ProgramItem) -> SeatingOverview:
    active = {delegate.id: delegate for delegate in participants(item)}
    tables = db.session.execute(
        select(ReceptionTable)
        .where(ReceptionTable.item_id == item.id)
        .options(selectinload(ReceptionTable.seats))
        .order_by(ReceptionTable.number)
    ).scalars()
    filled, unseated = _fill(tables, active, _table_order)
    views = [
        TableView(
            table.id, table.number, table.capacity, guests, table.created_at, is_head=table.is_head
        )
        for table, guests in filled
    ]
    return SeatingOverview(item, views, unseated)


def _table_order(guests: list[Delegate]) -> list[Delegate]:
    """VIPs and speakers first, then the others; each side in its own order."""
    return sorted(
        guests, key=lambda d: (d.role not in planning.HEAD_TABLE_ROLES, *delegate_order(d))
    )


# --- catering, pickups, rooming -------------------------------------------------------------


@dataclass
class Catering:
    item: ProgramItem
    counts: dict[str, dict[str, int]]
    notes: list[Delegate]
    total: int


def catering(item: ProgramItem) -> Catering:
    diners = participants(item)
    plain = [as_diner(delegate) for delegate in diners]
    noted = {diner.id for diner in planning.catering_notes(plain)}
    return Catering(
        item,
        planning.catering_counts(plain),
        [delegate for delegate in diners if delegate.id in noted],
        len(diners),
    )


@dataclass
class Pickups:
    direction: str
    groups: list[planning.PickupGroup]
    missing: list[Delegate]
    delegates: dict[int, Delegate]


def pickups(seminar: Seminar, direction: str, window: int, vehicle_size: int) -> Pickups:
    delegates = confirmed_delegates(seminar)
    by_id = {delegate.id: delegate for delegate in delegates}
    travellers = [as_traveller(delegate, direction) for delegate in delegates]
    groups, missing = planning.plan_pickups(travellers, window, vehicle_size)
    return Pickups(direction, groups, [by_id[t.id] for t in missing], by_id)


@dataclass
class RoomingList:
    plan: planning.Rooming
    delegates: dict[int, Delegate]


def rooming(seminar: Seminar) -> RoomingList:
    guests = [d for d in confirmed_delegates(seminar) if d.needs_hotel]
    plan = planning.plan_rooming(as_guest(delegate) for delegate in guests)
    return RoomingList(plan, {delegate.id: delegate for delegate in guests})
