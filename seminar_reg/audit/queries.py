"""Reading the audit trail with the admins' filters (dates are the venue's calendar)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import Select, func, select

from ..clock import venue_to_utc
from ..extensions import db
from ..names import like_pattern
from .models import AuditEvent

PAGE_SIZE = 100
# A page number beyond any real trail is the (empty) last page, not an OFFSET overflow.
MAX_PAGE = 100_000


@dataclasses.dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    kind: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    def as_args(self) -> dict[str, str]:
        values = dataclasses.asdict(self)
        return {key: str(value) for key, value in values.items() if value}


def _start_of(day: dt.date) -> dt.datetime:
    return venue_to_utc(dt.datetime.combine(day, dt.time()))


def filtered(filters: AuditFilters) -> Select:
    statement = select(AuditEvent)
    if filters.actor:
        pattern = like_pattern(filters.actor.strip().casefold())
        statement = statement.where(func.lower(AuditEvent.actor).like(pattern, escape="\\"))
    if filters.kind:
        statement = statement.where(AuditEvent.kind == filters.kind)
    if filters.since:
        statement = statement.where(AuditEvent.at >= _start_of(filters.since))
    if filters.until:
        statement = statement.where(AuditEvent.at < _start_of(filters.until + dt.timedelta(1)))
    return statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def page_of_events(filters: AuditFilters, page: int):
    page = min(max(page, 1), MAX_PAGE)
    return db.paginate(filtered(filters), page=page, per_page=PAGE_SIZE, error_out=False)


def all_events(filters: AuditFilters) -> list[AuditEvent]:
    return list(db.session.execute(filtered(filters)).scalars())
