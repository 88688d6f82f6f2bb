"""Catering counts, airport and station pickups, and the rooming list, on plain data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ...vocabulary import DIETARY_CODES, STANDARD_DIETARY, side_counts
from .common import check_size, side_first

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
    check_size(window_minutes, "window")
    check_size(vehicle_size, "vehicle size")
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
