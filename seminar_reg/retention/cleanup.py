"""What is kept only for a while, deleted by `flask --app seminar_reg cleanup` (cron or a
systemd timer; see README): outbox mail files and sent or failed mail in the database,
personal links of seminars that ended, delegations' mailed requests whose links expired
(``delegations.expiry``), login failures that no longer count, import previews nobody
committed, and audit events past their retention."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

from flask import current_app
from sqlalchemy import delete, func, select, update

from ..audit.models import AuditEvent
from ..audit.trail import Kind, record
from ..auth import throttle
from ..clock import utcnow, venue_today
from ..console import uploads
from ..delegations.expiry import count_expired_requests, delete_expired_requests
from ..extensions import db
from ..mail.models import MailStatus, OutgoingMail
from ..mail.transport import outbox_directory
from ..program.models import Seminar
from ..registration.models import Delegate

DAY = 24 * 60 * 60


@dataclasses.dataclass
class CleanupReport:
    outbox_files: int = 0
    mails: int = 0
    links: int = 0
    requests: int = 0
    login_failures: int = 0
    uploads: int = 0
    audit_events: int = 0

    def describe(self) -> str:
        return (
            f"{self.outbox_files} outbox mail file(s), {self.mails} sent or failed mail(s), "
            f"{self.links} personal link(s), {self.requests} expired delegation request(s), "
            f"{self.login_failures} old login failure(s), {self.uploads} stale upload(s), "
            f"{self.audit_events} audit event(s)"
        )


def _days(name: str) -> int:
    return current_app.config[name]


def _old_files(directory: Path, max_age_days: int, now: float) -> list[Path]:
    if not directory.is_dir():
        return []
    cutoff = now - max_age_days * DAY
    return [p for p in directory.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]


def _expired_links():
    """Delegates whose seminar ended more than RETENTION_LINK_DAYS ago and still have a link."""
    last_day = venue_today() - dt.timedelta(days=_days("RETENTION_LINK_DAYS"))
    ended = select(Seminar.id).where(Seminar.end_date < last_day)
    return (Delegate.seminar_id.in_(ended), Delegate.manage_token_hash.is_not(None))


def _old_mail():
    """Sent mail (its recipient remains) and mail given up on (its message, with a live
    link, remains); never mail still waiting to go."""
    cutoff = utcnow() - dt.timedelta(days=_days("RETENTION_OUTBOX_DAYS"))
    return (OutgoingMail.status.in_((MailStatus.SENT, MailStatus.FAILED)),
            OutgoingMail.created_at < cutoff)


def _old_audit():
    return AuditEvent.at < utcnow() - dt.timedelta(days=_days("RETENTION_AUDIT_DAYS"))


def cleanup(*, dry_run: bool = False, now: float | None = None) -> CleanupReport:
    now = time.time() if now is None else now
    outbox = _old_files(outbox_directory(), _days("RETENTION_OUTBOX_DAYS"), now)
    stale_uploads = uploads.abandoned(now)
    report = CleanupReport(
        outbox_files=len(outbox),
        uploads=len(stale_uploads),
        links=db.session.execute(select(func.count(Delegate.id)).where(*_expired_links())
                                 ).scalar_one(),
        requests=count_expired_requests(),
        audit_events=db.session.execute(select(func.count(AuditEvent.id)).where(_old_audit())
                                        ).scalar_one(),
        mails=db.session.execute(select(func.count(OutgoingMail.id)).where(*_old_mail())
                                 ).scalar_one(),
    )
    if dry_run:
        report.login_failures = throttle.count_expired_failures()
        return report
    for path in (*outbox, *stale_uploads):
        path.unlink(missing_ok=True)
    db.session.execute(update(Delegate).where(*_expired_links()).values(
        manage_token_hash=None, updated_at=Delegate.updated_at))
    delete_expired_requests()
    db.session.execute(delete(AuditEvent).where(_old_audit()))
    db.session.execute(delete(OutgoingMail).where(*_old_mail()))
    db.session.commit()
    report.login_failures = throttle.delete_expired_failures()
    record(Kind.CLEANUP, detail=report.describe())
    return report
