"""From queries to document bytes, in a chosen language: shared by routes and commands.

Labels are translated here, under `force_locale(lang)`, and handed to the document
builders, which know nothing of Flask.

The document builders load reportlab and openpyxl, so each function imports them when it
runs: the app and its commands start without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from ..i18n import SHORT_DATE_PATTERNS
from ..names.display import organization_for_reader
from ..program.models import ProgramItem, Seminar
from ..registration.models import Delegate
from ..vocabulary.labels import DIETARY_LABELS, ROLE_LABELS, SIDE_LABELS
from . import queries

if TYPE_CHECKING:
    from .documents.cards import PlaceCard
    from .documents.lists import Passenger
    from .documents.manifests import PersonLine
    from .documents.render import LogisticsLabels

FORMATS = ("pdf", "xlsx")
PERIOD_PATTERNS = {"ja": "y年M月d日", "zh": "y年M月d日", "en": "MMMM d, y"}


def person_line(delegate: Delegate, lang: str) -> PersonLine:
    """The delegate as the lists in `lang` print them: the organisation as that
    language's readers read it (names.display.organization_for_reader, as on the rolls)."""
    from .documents.manifests import PersonLine

    organization, organization_side = organization_for_reader(
        delegate.side, delegate.organization, delegate.cross_organization, lang
    )
    return PersonLine(
        delegate.id,
        delegate.side,
        delegate.full_name,
        delegate.cross_name,
        organization,
        delegate.role,
        organization_side,
    )


def _field(obj, name: str, lang: str) -> str:
    return getattr(obj, f"{name}_{lang}", "") or getattr(obj, f"{name}_en", "")


def labels(seminar: Seminar, lang: str) -> LogisticsLabels:
    """Every label the logistics documents print, in `lang`."""
    from .documents.render import LogisticsLabels

    with force_locale(lang):
        return LogisticsLabels(
            language=lang,
            seminar=_field(seminar, "title", lang),
            period=_period(seminar, lang),
            sides={code: str(label) for code, label in SIDE_LABELS.items()},
            roles={code: str(label) for code, label in ROLE_LABELS.items()},
            dietary={**{c: str(v) for c, v in DIETARY_LABELS.items()}, "other": _("Other")},
            format_date=_date_formatter(lang),
            columns=_columns(),
            titles=_titles(),
            phrases=_phrases(),
        )


def _period(seminar: Seminar, lang: str) -> str:
    pattern = PERIOD_PATTERNS[lang]
    start = format_date(seminar.start_date, pattern)
    end = format_date(seminar.end_date, pattern)
    return f"{start} – {end} · {_field(seminar, 'city', lang)}"


def _date_formatter(lang: str):
    pattern = SHORT_DATE_PATTERNS[lang]

    def formatted(value) -> str:
        with force_locale(lang):
            return format_date(value, pattern)

    return formatted


def _columns() -> dict[str, str]:
    return {
        "number": _("No."),
        "name": _("Name"),
        "cross_name": _("Name in the other script"),
        "side": _("Side"),
        "organization": _("Organization"),
        "role": _("Role"),
        "dietary": _("Meal"),
        "note": _("Note"),
        "vehicle": _("Vehicle"),
        "time": _("Time"),
        "transport": _("Flight or train"),
        "arrival": _("Arrival"),
        "departure": _("Departure"),
        "nights": _("Nights"),
        "night": _("Night of"),
    }


def _titles() -> dict[str, str]:
    return {
        "buses": _("Site-visit buses"),
        "catering": _("Reception catering"),
        "seating": _("Seating plan"),
        "place_cards": _("Place cards"),
        "arrivals": _("Arrival pickups"),
        "departures": _("Departure transfers"),
        "rooming": _("Rooming list"),
    }


def _phrases() -> dict[str, str]:
    # Placeholders are filled in by the documents, so gettext gets no arguments here.
    return {
        "total": _("Total"),
        "page": _("Page %(page)s of %(pages)s"),
        "continued": _("(continued)"),
        "bus": _("Bus %(number)s"),
        "seats": _("%(taken)s of %(capacity)s seats"),
        "unassigned": _("Not on a bus"),
        "nothing": _("Nothing planned yet."),
        "kitchen_notes": _("Notes for the kitchen"),
        "table": _("Table %(number)s"),
        "head_table": _("Head table"),
        "unseated": _("Without a table"),
        "vehicle_count": _("Vehicle %(number)s: %(count)s"),
        "missing_arrivals": _("No arrival details: to chase"),
        "missing_departures": _("No departure details: to chase"),
        "guests": _("Guests"),
        "rooms_per_night": _("Rooms per night"),
        "room_nights": _("Room nights"),
        "undated": _("Hotel needed, dates missing: to chase"),
    }


# --- documents ------------------------------------------------------------------------------


def bus_manifests(seminar: Seminar, lang: str, fmt: str) -> bytes:
    from .documents.manifests import BusManifest, manifest_document
    from .documents.render import render

    overview = queries.bus_overview(seminar)
    buses = [
        BusManifest(bus.number, bus.capacity, tuple(person_line(d, lang) for d in bus.passengers))
        for bus in overview.buses
    ]
    unassigned = [person_line(d, lang) for d in overview.unassigned]
    return render(manifest_document(buses, unassigned, labels(seminar, lang)), fmt)


def catering(seminar: Seminar, lang: str, fmt: str, items: list[ProgramItem]) -> bytes:
    from .documents.lists import CateringSheet, DietNote, catering_document
    from .documents.render import render

    sheets = []
    for item in items:
        data = queries.catering(item)
        notes = tuple(
            DietNote(
                person_line(d, lang),
                d.dietary if d.dietary in data.counts else "other",
                d.dietary_note,
            )
            for d in data.notes
        )
        sheets.append(CateringSheet(_field(item, "title", lang), data.counts, notes))
    return render(catering_document(sheets, labels(seminar, lang)), fmt)


def seating(seminar: Seminar, item: ProgramItem, lang: str, fmt: str) -> bytes:
    from .documents.lists import TableList, seating_document
    from .documents.render import render

    overview = queries.seating_overview(item)
    tables = [
        TableList(t.number, t.capacity, t.is_head, tuple(person_line(d, lang) for d in t.guests))
        for t in overview.tables
    ]
    unseated = [person_line(d, lang) for d in overview.unseated]
    document = seating_document(
        _field(item, "title", lang), tables, unseated, labels(seminar, lang)
    )
    return render(document, fmt)


def place_cards(seminar: Seminar, item: ProgramItem, lang: str) -> bytes:
    """One tent card per seated guest, table by table (cards are laid out in that order)."""
    from .documents.cards import build_place_cards

    document_labels = labels(seminar, lang)
    cards = []
    for table in queries.seating_overview(item).tables:
        with force_locale(lang):
            table_label = _("Table %(number)s", number=table.number)
        for delegate in table.guests:
            cards.append(_card(delegate, table_label, lang))
    return build_place_cards(cards, document_labels, _field(item, "title", lang))


def _card(delegate: Delegate, table_label: str, lang: str) -> PlaceCard:
    from .documents.cards import PlaceCard

    line = person_line(delegate, lang)
    return PlaceCard(
        line.side,
        line.name,
        line.cross_name,
        delegate.organization,
        delegate.cross_organization,
        table_label,
    )


def pickups(
    seminar: Seminar, lang: str, fmt: str, direction: str, window: int, vehicle_size: int
) -> bytes:
    from .documents.lists import PickupWindow, pickups_document
    from .documents.render import render

    data = queries.pickups(seminar, direction, window, vehicle_size)
    prefix = "arrival" if direction == "arrivals" else "departure"
    windows = []
    for group in data.groups:
        vehicles = tuple(
            tuple(_passenger(data.delegates[i], prefix, lang) for i in vehicle)
            for vehicle in group.vehicles
        )
        windows.append(PickupWindow(group.date, group.place, group.start, group.end, vehicles))
    missing = [person_line(d, lang) for d in data.missing]
    return render(pickups_document(direction, windows, missing, labels(seminar, lang)), fmt)


def _passenger(delegate: Delegate, prefix: str, lang: str) -> Passenger:
    from .documents.lists import Passenger

    return Passenger(
        person_line(delegate, lang),
        getattr(delegate, f"{prefix}_time"),
        getattr(delegate, f"{prefix}_transport"),
    )


def rooming(seminar: Seminar, lang: str, fmt: str) -> bytes:
    from .documents.lists import RoomGuest, rooming_document
    from .documents.render import render

    data = queries.rooming(seminar)
    guests = [
        RoomGuest(person_line(data.delegates[g.id], lang), g.arrival, g.departure, len(g.nights))
        for g in data.plan.guests
    ]
    undated = [person_line(data.delegates[g.id], lang) for g in data.plan.undated]
    document = rooming_document(guests, data.plan.per_night, undated, labels(seminar, lang))
    return render(document, fmt)


def filename(kind: str, lang: str, fmt: str, item: ProgramItem | None = None) -> str:
    stem = f"{kind}-{item.code}" if item is not None else kind
    return f"{stem}-{lang}.{fmt}"
