"""Catering counts, seating table lists, pickup schedules and the rooming list.

Plain data and translated labels in, a `ListDocument` (and PDF/XLSX bytes) out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ...vocabulary import DIETARY_CODES, SIDE_COLOURS, SIDES
from .manifests import (
    PersonLine,
    leftover_section,
    people_counts,
    person_cells,
    person_columns,
)
from .render import (
    Cell,
    Column,
    ListDocument,
    LogisticsLabels,
    Section,
)


def _rows(cells: Sequence[Sequence[Cell]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(row) for row in cells)


# --- catering -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DietNote:
    person: PersonLine
    dietary: str
    note: str


@dataclass(frozen=True)
class CateringSheet:
    title: str  # the reception's name in the reader's language
    counts: Mapping[str, Mapping[str, int]]  # dietary -> {'japan', 'china', 'all'}
    notes: tuple[DietNote, ...]


def catering_document(receptions: Sequence[CateringSheet], labels: LogisticsLabels) -> ListDocument:
    sections = []
    for reception in receptions:
        sections.append(_counts_section(reception, labels))
        if reception.notes:
            sections.append(_notes_section(reception, labels))
    return ListDocument(labels.titles["catering"], labels, tuple(sections))


def _per_side_columns(heading: str, labels: LogisticsLabels) -> tuple[Column, ...]:
    """A label column, then one count per side and the total (catering, rooming)."""
    return (
        Column(heading, 3),
        Column(labels.sides["japan"], 1, "right"),
        Column(labels.sides["china"], 1, "right"),
        Column(labels.phrases["total"], 1, "right"),
    )


def _counts_section(reception: CateringSheet, labels: LogisticsLabels) -> Section:
    columns = _per_side_columns(labels.columns["dietary"], labels)
    rows = [
        [Cell(labels.dietary[code]), *(Cell(reception.counts[code][k]) for k in (*SIDES, "all"))]
        for code in DIETARY_CODES
    ]
    totals = {k: sum(reception.counts[code][k] for code in DIETARY_CODES) for k in (*SIDES, "all")}
    rows.append(
        [Cell(labels.phrases["total"], bold=True)]
        + [Cell(totals[k], bold=True) for k in (*SIDES, "all")]
    )
    return Section(reception.title, columns, _rows(rows), sheet=reception.title)


def _notes_section(reception: CateringSheet, labels: LogisticsLabels) -> Section:
    columns = (
        *person_columns(labels, with_role=False)[:4],
        Column(labels.columns["dietary"], 1.4),
        Column(labels.columns["note"], 3.2),
    )
    rows = []
    for index, entry in enumerate(reception.notes, start=1):
        cells = person_cells(index, entry.person, labels, with_role=False)[:4]
        cells += [Cell(labels.dietary[entry.dietary]), Cell(entry.note, entry.person.side)]
        rows.append(cells)
    heading = f"{reception.title} · {labels.phrases['kitchen_notes']}"
    return Section(heading, columns, _rows(rows))


# --- seating --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableList:
    number: int
    capacity: int
    is_head: bool
    guests: tuple[PersonLine, ...]

    def heading(self, labels: LogisticsLabels) -> str:
        heading = labels.phrases["table"] % {"number": self.number}
        return f"{heading} · {labels.phrases['head_table']}" if self.is_head else heading


def seating_document(
    reception: str, tables: Sequence[TableList], unseated: Sequence[PersonLine], labels
) -> ListDocument:
    sections = []
    for table in tables:
        rows = [person_cells(i, p, labels) for i, p in enumerate(table.guests, start=1)]
        seats = {"taken": len(table.guests), "capacity": table.capacity}
        sections.append(
            Section(
                table.heading(labels),
                tuple(person_columns(labels)),
                _rows(rows),
                note=labels.phrases["seats"] % seats,
                summary=(labels.count_line(people_counts(table.guests)),),
                heading_colour="#A97C1B" if table.is_head else "#1F3F7A",
            )
        )
    if unseated:
        sections.append(leftover_section("unseated", unseated, labels))
    title = f"{labels.titles['seating']} · {reception}"
    return ListDocument(title, labels, tuple(sections), empty_text=labels.phrases["nothing"])


# --- pickups --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passenger:
    person: PersonLine
    time: dt.time | None
    transport: str
    place: str = ""
    date: dt.date | None = None


@dataclass(frozen=True)
class PickupWindow:
    date: dt.date
    place: str
    start: dt.time
    end: dt.time
    vehicles: tuple[tuple[Passenger, ...], ...]


def pickups_document(
    direction: str,
    windows: Sequence[PickupWindow],
    missing: Sequence[PersonLine],
    labels: LogisticsLabels,
) -> ListDocument:
    """One section per time window; each passenger row says which vehicle they take.
    Those without travel details come last, as a list to chase."""
    sections = [_window_section(window, labels) for window in windows]
    if missing:
        rows = [person_cells(i, p, labels) for i, p in enumerate(missing, start=1)]
        sections.append(
            Section(
                labels.phrases[f"missing_{direction}"],
                tuple(person_columns(labels)),
                _rows(rows),
                summary=(labels.count_line(people_counts(missing)),),
                new_page=True,
                heading_colour=SIDE_COLOURS["china"],
            )
        )
    return ListDocument(labels.titles[direction], labels, tuple(sections), landscape=True)


def _window_section(window: PickupWindow, labels: LogisticsLabels) -> Section:
    columns = (
        Column(labels.columns["vehicle"], 0.7, "right"),
        Column(labels.columns["time"], 0.7),
        Column(labels.columns["transport"], 0.9),
        *person_columns(labels)[1:5],
    )
    rows = []
    for number, vehicle in enumerate(window.vehicles, start=1):
        for passenger in vehicle:
            cells = person_cells(0, passenger.person, labels)[1:5]
            time = passenger.time.strftime("%H:%M") if passenger.time else ""
            rows.append([Cell(number), Cell(time), Cell(passenger.transport), *cells])
    span = f"{window.start:%H:%M}–{window.end:%H:%M}"
    heading = f"{labels.format_date(window.date)} {span} · {window.place}"
    vehicle_counts = [
        labels.phrases["vehicle_count"] % {"number": n, "count": len(v)}
        for n, v in enumerate(window.vehicles, start=1)
    ]
    people = [p.person for vehicle in window.vehicles for p in vehicle]
    summary = (" · ".join(vehicle_counts), labels.count_line(people_counts(people)))
    return Section(heading, columns, _rows(rows), summary=summary)


# --- rooming --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoomGuest:
    person: PersonLine
    arrival: dt.date | None
    departure: dt.date | None
    nights: int


def rooming_document(
    guests: Sequence[RoomGuest],
    per_night: Mapping[dt.date, Mapping[str, int]],
    undated: Sequence[PersonLine],
    labels: LogisticsLabels,
) -> ListDocument:
    sections = [_per_night_section(per_night, labels)]
    columns = (
        *person_columns(labels, with_role=False),
        Column(labels.columns["arrival"], 1.3),
        Column(labels.columns["departure"], 1.3),
        Column(labels.columns["nights"], 0.6, "right"),
    )
    rows = []
    for index, guest in enumerate(guests, start=1):
        rows.append(
            [
                *person_cells(index, guest.person, labels, with_role=False),
                Cell(_date(guest.arrival, labels)),
                Cell(_date(guest.departure, labels)),
                Cell(guest.nights),
            ]
        )
    people = [guest.person for guest in guests]
    summary = (labels.count_line(people_counts(people)),)
    sections.append(
        Section(labels.phrases["guests"], columns, _rows(rows), summary=summary, new_page=True)
    )
    if undated:
        rows = [person_cells(i, p, labels, False) for i, p in enumerate(undated, start=1)]
        sections.append(
            Section(
                labels.phrases["undated"],
                tuple(person_columns(labels, with_role=False)),
                _rows(rows),
                summary=(labels.count_line(people_counts(undated)),),
                heading_colour=SIDE_COLOURS["china"],
            )
        )
    return ListDocument(labels.titles["rooming"], labels, tuple(sections), landscape=True)


def _per_night_section(per_night, labels: LogisticsLabels) -> Section:
    columns = _per_side_columns(labels.columns["night"], labels)
    rows = [
        [Cell(labels.format_date(night)), *(Cell(counts[k]) for k in (*SIDES, "all"))]
        for night, counts in sorted(per_night.items())
    ]
    room_nights = sum(counts["all"] for counts in per_night.values())
    rows.append(
        [Cell(labels.phrases["room_nights"], bold=True), Cell(""), Cell(""), Cell(room_nights)]
    )
    return Section(labels.phrases["rooms_per_night"], columns, _rows(rows))


def _date(value: dt.date | None, labels: LogisticsLabels) -> str:
    return labels.format_date(value) if value else ""
