"""What the desk shows: scan results and look-up hits as JSON, in the desk's language.

Messages are translated here, on the server, in the locale of the request, so the
desk's JavaScript only displays them and never needs a catalogue of its own.
"""

from __future__ import annotations

from flask_babel import gettext as _

from ..clock import venue_time
from ..i18n import current_language
from ..names.display import crossed_side
from ..registration.models import Delegate
from ..vocabulary import AttendanceStatus, name_lang
from ..vocabulary.labels import SIDE_LABELS
from .models import CheckIn
from .operations import Outcome, ScanResult
from .queries import LookupRow

# How loudly the desk shows each outcome: go ahead, look again, stop.
LEVELS = {
    Outcome.CHECKED_IN: "ok",
    Outcome.ALREADY: "warn",
    Outcome.NOT_REGISTERED: "warn",
    Outcome.CANCELLED: "stop",
    Outcome.UNKNOWN: "stop",
}
# The outcomes and their levels as the desk's scripts read them from the page (desk.html,
# "desk-outcomes"): an answer the device makes from its list is the server's, by name.
DESK_OUTCOMES = {
    "codes": {outcome.name: outcome.value for outcome in Outcome},
    "levels": {outcome.value: level for outcome, level in LEVELS.items()},
}


def desk_reader() -> dict:
    """What the desk's scripts need of the page's reader (desk.html, "desk-reader"): the
    side whose organisations it shows in the reader's script (`cross_organization`, with
    the person's `cross_lang`), by names.display's rule. The list on the device holds both
    forms, so a desk that changes language shows the other form without a new list."""
    return {"crossed_side": crossed_side(current_language())}


def delegate_card(delegate: Delegate) -> dict:
    """The person as the desk shows them: own-script and cross-script name, side, organisation."""
    return {
        "id": delegate.id,
        "name": delegate.full_name,
        "name_lang": name_lang(delegate.side),
        "cross_name": delegate.cross_name,
        "cross_lang": name_lang(delegate.side, cross=True),
        "latin_name": delegate.latin_name,
        "side": delegate.side,
        "side_label": str(SIDE_LABELS.get(delegate.side, delegate.side)),
        "organization": delegate.organization,
        "cross_organization": delegate.cross_organization,
    }


def _message(result: ScanResult) -> str:
    if result.outcome == Outcome.CHECKED_IN:
        return _("Admitted with a note") if result.checkin.note else _("Checked in")
    if result.outcome == Outcome.ALREADY:
        return _("Already checked in at %(time)s", time=venue_time(result.checkin.checked_in_at))
    if result.outcome == Outcome.NOT_REGISTERED:
        if result.waitlisted:
            return _("On the waiting list for this item, not confirmed")
        return _("Not registered for this item")
    if result.outcome == Outcome.CANCELLED:
        return _("Registration cancelled: do not admit")
    return _("Unknown code: not a badge of this seminar")


def _checkin_fields(checkin: CheckIn | None) -> dict:
    if checkin is None:
        return {"checked_in_at": None, "note": "", "method": None}
    return {
        "checked_in_at": venue_time(checkin.checked_in_at),
        "note": checkin.note,
        "method": checkin.method,
    }


def scan_answer(result: ScanResult, *, client_scan_id: str | None, checked_in: int) -> dict:
    """The JSON answer to one scan; ``checked_in`` is the item's count after it."""
    return {
        "outcome": str(result.outcome),
        "level": LEVELS[result.outcome],
        "message": _message(result),
        "delegate": delegate_card(result.delegate) if result.delegate else None,
        "client_scan_id": client_scan_id,
        "replayed": result.replayed,
        # Staff may let in someone without a confirmed place, giving a reason.
        "may_admit": result.outcome == Outcome.NOT_REGISTERED,
        "checked_in_count": checked_in,
        **_checkin_fields(result.checkin),
    }


def _place_label(row: LookupRow) -> str:
    if row.checkin is not None:
        return _("Already checked in at %(time)s", time=venue_time(row.checkin.checked_in_at))
    if row.place == AttendanceStatus.CONFIRMED:
        return _("Registered for this item")
    if row.place == AttendanceStatus.WAITLISTED:
        return _("On the waiting list for this item, not confirmed")
    return _("Not registered for this item")


def lookup_answer(rows: list[LookupRow]) -> dict:
    return {
        "results": [
            {
                **delegate_card(row.delegate),
                "registered": row.place == AttendanceStatus.CONFIRMED,
                "checked_in": row.checkin is not None,
                "status": _place_label(row),
            }
            for row in rows
        ]
    }
