"""Anonymise the delegates of seminars that ended before a date.

Every row stays, with its side, role, status, places, check-ins, dietary category and
hotel need, so headcounts per side and item, rolls' totals and catering figures do not
change; everything that says who the person was goes: names in every script, readings,
Latin (passport) forms, organisation and title, email and phone, travel details, notes,
the personal link, the badge code, and the before/after values of the change history.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets

from sqlalchemy import delete, func, select, update

from ..audit.trail import Kind, record
from ..checkin.models import CheckIn
from ..clock import utcnow, venue_today
from ..delegations.purge import anonymise_invitations
from ..extensions import db
from ..mail.models import OutgoingMail
from ..program.models import Seminar
from ..registration.models import Delegate, DelegateChange

# Emptied (text) or cleared (None) on every anonymised delegate.
CLEARED_TEXT = (
    "family_name", "given_name", "family_reading", "given_reading", "family_latin",
    "given_latin", "cross_family_name", "cross_given_name", "sort_key", "search_text",
    "organization", "cross_organization", "title", "phone", "dietary_note",
    "arrival_transport", "arrival_place", "departure_transport", "departure_place",
)
CLEARED_NULL = ("arrival_date", "arrival_time", "departure_date", "departure_time",
                "manage_token_hash")


class PurgeRefused(ValueError):
    """``before`` is later than today: a seminar must have ended to be purged."""


@dataclasses.dataclass
class PurgeReport:
    before: dt.date
    editions: list[int] = dataclasses.field(default_factory=list)
    japan: int = 0
    china: int = 0
    changes: int = 0
    notes: int = 0
    mails: int = 0  # mail to them still stored (sent, failed or waiting), deleted

    @property
    def delegates(self) -> int:
        return self.japan + self.china


def finished_seminars(before: dt.date) -> list[Seminar]:
    return list(db.session.execute(
        select(Seminar).where(Seminar.end_date < before).order_by(Seminar.edition)
    ).scalars())


def _to_anonymise(seminar_ids: list[int]):
    return (Delegate.seminar_id.in_(seminar_ids), Delegate.anonymised_at.is_(None))


def plan(before: dt.date) -> PurgeReport:
    """What ``purge`` would do, changing nothing (the dry run)."""
    if before > venue_today():
        raise PurgeRefused(before)
    seminars = finished_seminars(before)
    report = PurgeReport(before, editions=[s.edition for s in seminars])
    ids = [s.id for s in seminars]
    if not ids:
        return report
    where = _to_anonymise(ids)
    for side, count in db.session.execute(
        select(Delegate.side, func.count(Delegate.id)).where(*where).group_by(Delegate.side)
    ):
        setattr(report, side, count)
    targets = select(Delegate.id).where(*where)
    report.changes = db.session.execute(
        select(func.count(DelegateChange.id)).where(DelegateChange.delegate_id.in_(targets))
    ).scalar_one()
    report.notes = db.session.execute(
        select(func.count(CheckIn.id)).where(CheckIn.delegate_id.in_(targets), CheckIn.note != "")
    ).scalar_one()
    addresses = select(Delegate.email_key).where(*where)
    report.mails = db.session.execute(select(func.count(OutgoingMail.id)).where(
        func.lower(OutgoingMail.recipient).in_(addresses))).scalar_one()
    return report


def purge(before: dt.date) -> PurgeReport:
    """Anonymise, in one transaction, and record it in the audit trail."""
    report = plan(before)
    if not report.delegates:
        return report
    ids = [s.id for s in finished_seminars(before)]
    delegate_ids = list(db.session.execute(
        select(Delegate.id).where(*_to_anonymise(ids))
    ).scalars())
    emails = list(db.session.execute(
        select(Delegate.email_key).where(Delegate.id.in_(delegate_ids))
    ).scalars())
    now = utcnow()
    for delegate_id in delegate_ids:
        db.session.execute(update(Delegate).where(Delegate.id == delegate_id).values(
            **dict.fromkeys(CLEARED_TEXT, ""), **dict.fromkeys(CLEARED_NULL),
            # Unique per seminar and never a real address (.invalid is reserved).
            email=f"anonymised-{delegate_id}@anonymised.invalid",
            email_key=f"anonymised-{delegate_id}@anonymised.invalid",
            checkin_code=secrets.token_urlsafe(12),
            anonymised_at=now,
            updated_at=Delegate.updated_at,
        ))
    db.session.execute(update(DelegateChange).where(
        DelegateChange.delegate_id.in_(delegate_ids)).values(before="", after=""))
    db.session.execute(update(CheckIn).where(
        CheckIn.delegate_id.in_(delegate_ids)).values(note=""))
    # Mail to an address that also registered for a seminar not purged stays.
    still_registered = select(Delegate.email_key).where(Delegate.id.not_in(delegate_ids))
    db.session.execute(delete(OutgoingMail).where(
        func.lower(OutgoingMail.recipient).in_(emails),
        func.lower(OutgoingMail.recipient).not_in(still_registered)))
    anonymise_invitations(ids)  # the delegations' contacts and history (delegations/)
    db.session.commit()
    record(Kind.PURGE, subject=f"before {before.isoformat()}", people=report.delegates,
           detail=describe(report))
    return report


def describe(report: PurgeReport) -> str:
    """One line for logs and the audit trail (English, like the other CLI output)."""
    editions = ", ".join(str(number) for number in report.editions) or "none"
    return (
        f"seminars ended before {report.before.isoformat()}: edition(s) {editions}; "
        f"{report.delegates} delegate(s) ({report.japan} Japanese side, {report.china} "
        f"Chinese side), {report.changes} change-history value pair(s), "
        f"{report.notes} desk note(s)"
        + (f", {report.mails} stored mail(s)" if report.mails else "")
    )
