"""A delegate's change history: recording one row per changed field, and reading it as
people do: labels in the reader's language, item titles instead of codes, coded values
in words, times on the venue's clock with its zone.

The stored rows (``DelegateChange``) keep field names and codes, so the history reads
right in whichever language it is opened; this module is the one place that words them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clock import venue_stamp
from ..extensions import db
from ..i18n import localized, word_list
from ..program.models import ProgramItem
from ..vocabulary import LANGUAGE_NAMES
from ..vocabulary.labels import (
    DIETARY_LABELS,
    INVITATION_STATUS_LABELS,
    ORGANIZATION_TYPE_LABELS,
    ROLE_LABELS,
    SIDE_LABELS,
    STATUS_LABELS,
)
from .data import MANUAL_FIELDS, STORED_FIELDS
from .models import Delegate, DelegateChange

TRACKED_FIELDS = STORED_FIELDS + MANUAL_FIELDS


# --- recording -------------------------------------------------------------------------------


def snapshot(delegate: Delegate) -> dict[str, object]:
    values: dict[str, object] = {field: getattr(delegate, field) for field in TRACKED_FIELDS}
    values["item_codes"] = sorted(delegate.item_codes)
    values["status"] = delegate.status
    return values


def record_changes(delegate: Delegate, before: dict[str, object], actor: str) -> list[str]:
    """Write one history row per field whose value differs from ``before``.

    Added to the session, not appended to ``delegate.changes``: appending would first
    read the delegate's whole history (a statement growing with it) to add one row."""
    after = snapshot(delegate)
    changed = []
    for field, old in before.items():
        new = after[field]
        if old != new:
            changed.append(field)
            db.session.add(
                DelegateChange(
                    delegate=delegate, actor=actor, field=field, before=_text(old),
                    after=_text(new),
                )
            )
    return changed


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value)


# --- reading ---------------------------------------------------------------------------------

FIELD_LABELS = {
    "side": _l("Side"),
    "family_name": _l("Family name"),
    "given_name": _l("Given name"),
    "family_reading": _l("Family name reading"),
    "given_reading": _l("Given name reading"),
    "family_latin": _l("Family name in Latin letters"),
    "given_latin": _l("Given name in Latin letters"),
    "cross_family_name": _l("Family name in the other side's script"),
    "cross_given_name": _l("Given name in the other side's script"),
    "cross_organization": _l("Organization in the other side's script"),
    "organization": _l("Organization"),
    "organization_type": _l("Type of organization"),
    "title": _l("Title or position"),
    "email": _l("Email"),
    "phone": _l("Phone"),
    "role": _l("Role"),
    "dietary": _l("Dietary requirement"),
    "dietary_note": _l("Dietary requirement details"),
    "language": _l("Language"),
    "item_codes": _l("Program items"),
    "arrival_date": _l("Arrival date"),
    "arrival_time": _l("Arrival time"),
    "arrival_transport": _l("Arrival flight or train number"),
    "arrival_place": _l("Arrival airport or station"),
    "departure_date": _l("Departure date"),
    "departure_time": _l("Departure time"),
    "departure_transport": _l("Departure flight or train number"),
    "departure_place": _l("Departure airport or station"),
    "needs_hotel": _l("I need a hotel room"),
    "status": _l("Status"),
    "manage_link": _l("Personal link"),
    # A delegation's changes (delegations/): the delegate's, and the invitation's own.
    "delegation": _l("Delegation"),
    "invitation_status": _l("Invitation"),
    "invitation_mail": _l("Invitation mail"),
    "member_added": _l("Member added"),
    "member_removed": _l("Member removed"),
    "member_requested": _l("Member asked to confirm by mail"),
    "member_request_refused": _l("Member declined to join"),
    "member_request_withdrawn": _l("Request to join withdrawn"),
    "member_joined": _l("Member joined by mail"),
    "contact_email": _l("Contact's email"),
    "deadline": _l("Deadline"),
    "name_ja": _l("Name in Japanese"),
    "name_zh": _l("Name in Chinese"),
    "name_en": _l("Name in English"),
    "head_name": _l("Name of the head"),
    "head_title": _l("Title of the head"),
}
CODED_VALUES = {
    "side": SIDE_LABELS,
    "role": ROLE_LABELS,
    "dietary": DIETARY_LABELS,
    "organization_type": ORGANIZATION_TYPE_LABELS,
    "status": STATUS_LABELS,
    "needs_hotel": {"True": _l("Yes"), "False": _l("No")},
    "manage_link": {"renewed": _l("A new link was sent")},
    "language": LANGUAGE_NAMES,
    "invitation_status": INVITATION_STATUS_LABELS,
    "invitation_mail": {"sent": _l("Sent"), "reminded": _l("Reminder sent")},
}


@dataclass(frozen=True)
class ChangeLine:
    when: str
    when_iso: str
    who: str
    field: str
    before: str
    after: str


def field_label(field: str) -> str:
    return str(FIELD_LABELS.get(field, field))


def _actor(actor: str, for_staff: bool) -> str:
    names = {"self": _("The delegate"), "system": _("Automatic (waiting list)"),
             "import": _("Import"), "contact": _("The delegation's contact"),
             "cli": _("Secretariat (command line)")}
    if actor in names:
        return names[actor]
    # Delegates see that the secretariat changed something, not which account did.
    return actor if for_staff else _("Secretariat")


def _value(field: str, text: str, titles: dict[str, str]) -> str:
    if field == "item_codes":
        codes = [code for code in text.split(";") if code]
        # In programme order (``titles`` is), whatever order the row stored them in.
        ordered = [titles[c] for c in titles if c in codes] + [c for c in codes if c not in titles]
        return word_list(ordered)
    if field == "deadline" and text:
        return venue_stamp(dt.datetime.fromisoformat(text))
    if field.endswith("_time") and len(text) == 8 and text.endswith(":00"):
        return text[:5]  # 14:30, as the form shows it, not 14:30:00
    coded = CODED_VALUES.get(field, {})
    return str(coded.get(text, text))


def item_titles(items: list[ProgramItem]) -> dict[str, str]:
    return {item.code: localized(item, "title") for item in items}


# Values only the secretariat reads: an earlier contact's address is not the next
# contact's business (the delegation page shows the current one); others see that it
# changed, and when.
STAFF_ONLY_VALUES = frozenset({"contact_email"})
# Lines only the secretariat reads: how a member at an address registered already
# joins. The contact sees that member as a new one (``delegations.joining``).
STAFF_ONLY_FIELDS = frozenset({
    "member_requested", "member_request_refused", "member_request_withdrawn", "member_joined",
})


def readable_changes(
    changes: list[DelegateChange], titles: dict[str, str], *, for_staff: bool = False
) -> list[ChangeLine]:
    """Newest first, worded for the current request's language."""
    return [
        ChangeLine(
            when=venue_stamp(change.changed_at),
            when_iso=change.changed_at.isoformat() + "Z",
            who=_actor(change.actor, for_staff),
            field=field_label(change.field),
            before=_shown(change, change.before, titles, for_staff) or "—",
            after=_shown(change, change.after, titles, for_staff) or "—",
        )
        for change in reversed(changes)
        if for_staff or change.field not in STAFF_ONLY_FIELDS
    ]


def _shown(change: DelegateChange, text: str, titles: dict[str, str], for_staff: bool) -> str:
    if change.field in STAFF_ONLY_VALUES and not for_staff:
        return ""
    return _value(change.field, text, titles)


def delegate_history(delegate: Delegate, items: list[ProgramItem], *, for_staff: bool = False):
    return readable_changes(delegate.changes, item_titles(items), for_staff=for_staff)
