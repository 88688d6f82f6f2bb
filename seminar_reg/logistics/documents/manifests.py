"""Site-visit bus manifests: one section (PDF page, XLSX sheet) per bus.

Each passenger shows their name in their own script (own side's face) and in the other
side's script (the other face), their organisation, and role; each bus ends with its
count per side, so the guide can count heads against the list.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ...vocabulary import SIDE_COLOURS, side_counts
from .render import (
    Cell,
    Column,
    ListDocument,
    LogisticsLabels,
    Section,
    render,
)


@dataclass(frozen=True)
class PersonLine:
    """A delegate as every logistics list prints them."""

    id: int
    side: str
    name: str  # own script, as printed ('髙橋 健一', '买买提·吐尔逊')
    cross_name: str  # the other side's rendering
    organization: str  # as the list's readers read it (exports.person_line)
    role: str = "delegate"
    organization_side: str = ""  # whose script the organisation is in; '' = the person's

    @property
    def other_side(self) -> str:
        return "china" if self.side == "japan" else "japan"


@dataclass(frozen=True)
class BusManifest:
    number: int
    capacity: int
    passengers: tuple[PersonLine, ...]


def person_columns(labels: LogisticsLabels, with_role: bool = True) -> list[Column]:
    columns = [
        Column(labels.columns["number"], 0.45, "right"),
        Column(labels.columns["name"], 1.7),
        Column(labels.columns["cross_name"], 1.7),
        Column(labels.columns["side"], 0.9),
        Column(labels.columns["organization"], 3.0),
    ]
    if with_role:
        columns.append(Column(labels.columns["role"], 0.9))
    return columns


def person_cells(
    index: int, person: PersonLine, labels: LogisticsLabels, with_role: bool = True
) -> list[Cell]:
    cells = [
        Cell(index),
        Cell(person.name, person.side, bold=True),
        Cell(person.cross_name, person.other_side),
        Cell(labels.sides[person.side], colour=SIDE_COLOURS[person.side]),
        Cell(person.organization, person.organization_side or person.side),
    ]
    if with_role:
        role = "" if person.role == "delegate" else labels.roles.get(person.role, person.role)
        cells.append(Cell(role))
    return cells


def people_counts(people: Sequence[PersonLine]) -> dict[str, int]:
    return side_counts(Counter(person.side for person in people))


def leftover_section(
    phrase: str, people: Sequence[PersonLine], labels: LogisticsLabels, new_page: bool = False
) -> Section:
    """The people no bus or table holds yet, listed after the others (buses, seating)."""
    rows = [person_cells(i, p, labels) for i, p in enumerate(people, start=1)]
    return Section(
        labels.phrases[phrase],
        tuple(person_columns(labels)),
        tuple(tuple(row) for row in rows),
        summary=(labels.count_line(people_counts(people)),),
        new_page=new_page,
        heading_colour=SIDE_COLOURS["china"],
    )


def manifest_document(
    buses: Sequence[BusManifest], unassigned: Sequence[PersonLine], labels: LogisticsLabels
) -> ListDocument:
    sections = [_bus_section(bus, labels) for bus in buses]
    if unassigned:
        sections.append(leftover_section("unassigned", unassigned, labels, new_page=True))
    return ListDocument(
        labels.titles["buses"],
        labels,
        tuple(sections),
        sheet_per_section=True,
        empty_text=labels.phrases["nothing"],
    )


def _bus_section(bus: BusManifest, labels: LogisticsLabels) -> Section:
    rows = [person_cells(i, p, labels) for i, p in enumerate(bus.passengers, start=1)]
    heading = labels.phrases["bus"] % {"number": bus.number}
    seats = {"taken": len(bus.passengers), "capacity": bus.capacity}
    return Section(
        heading,
        tuple(person_columns(labels)),
        tuple(tuple(row) for row in rows),
        note=labels.phrases["seats"] % seats,
        summary=(labels.count_line(people_counts(bus.passengers)),),
        new_page=True,
        sheet=heading,
    )


def build_bus_manifests(
    buses: Sequence[BusManifest],
    unassigned: Sequence[PersonLine],
    labels: LogisticsLabels,
    fmt: str = "pdf",
) -> bytes:
    """Manifest per bus (and the unassigned, if any) as 'pdf' or 'xlsx' bytes."""
    return render(manifest_document(buses, unassigned, labels), fmt)
