"""The columns of a delegate export, with headers in Japanese and Chinese."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from ..registration.models import Delegate


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _hhmm(value) -> str:
    return value.strftime("%H:%M") if value else ""


# (header, how to read the value)
COLUMNS = (
    (_l("ID"), lambda d: d.id),
    (_l("Side"), lambda d: d.side),
    (_l("Family name"), lambda d: d.family_name),
    (_l("Given name"), lambda d: d.given_name),
    (_l("Family name reading"), lambda d: d.family_reading),
    (_l("Given name reading"), lambda d: d.given_reading),
    (_l("Family name in Latin letters"), lambda d: d.family_latin),
    (_l("Given name in Latin letters"), lambda d: d.given_latin),
    (_l("Family name in the other side's script"), lambda d: d.cross_family_name),
    (_l("Given name in the other side's script"), lambda d: d.cross_given_name),
    (_l("Organization"), lambda d: d.organization),
    (_l("Organization in the other side's script"), lambda d: d.cross_organization),
    (_l("Title or position"), lambda d: d.title),
    (_l("Email"), lambda d: d.email),
    (_l("Phone"), lambda d: d.phone),
    (_l("Role"), lambda d: d.role),
    (_l("Dietary requirement"), lambda d: d.dietary),
    (_l("Dietary requirement details"), lambda d: d.dietary_note),
    (_l("Program items"), lambda d: ";".join(d.item_codes)),
    (_l("Status"), lambda d: d.status),
    (_l("Arrival date"), lambda d: _iso(d.arrival_date)),
    (_l("Arrival time"), lambda d: _hhmm(d.arrival_time)),
    (_l("Arrival flight or train number"), lambda d: d.arrival_transport),
    (_l("Arrival airport or station"), lambda d: d.arrival_place),
    (_l("Departure date"), lambda d: _iso(d.departure_date)),
    (_l("Departure time"), lambda d: _hhmm(d.departure_time)),
    (_l("Departure flight or train number"), lambda d: d.departure_transport),
    (_l("Departure airport or station"), lambda d: d.departure_place),
    (_l("I need a hotel room"), lambda d: "1" if d.needs_hotel else "0"),
)
# The last column: the organisation whose delegation registered the delegate (delegations/).
DELEGATION_LABEL = _l("Delegation")


def export_header() -> list[str]:
    """Each header as "日本語 / 中文", so both secretariats read the same file."""
    headers = []
    for label in [label for label, _read in COLUMNS] + [DELEGATION_LABEL]:
        with force_locale("ja"):
            japanese = str(label)
        with force_locale("zh"):
            chinese = str(label)
        headers.append(japanese if japanese == chinese else f"{japanese} / {chinese}")
    return headers


def export_rows(
    delegates: Sequence[Delegate], delegations: Mapping[int, str] | None = None
) -> list[list[object]]:
    """One row per delegate; ``delegations`` maps invitation ids to organisation names."""
    names = delegations or {}
    return [
        [read(delegate) for _label, read in COLUMNS] + [names.get(delegate.invitation_id, "")]
        for delegate in delegates
    ]
