"""Badge print jobs: build the PDF for a selection, then log who was printed when.

The print log is ``Delegate.badge_printed_at`` (what "not printed since" asks) plus one
``DelegateChange`` row (field ``badge_printed``) per printed badge, so the delegate's
history shows who printed which badge when. Skipped badges are not marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import insert, select, update

from ..audit.trail import Kind, record
from ..clock import utcnow
from ..extensions import db
from ..names.display import printed_readings
from ..program.models import Seminar
from ..program.queries import accepts_changes
from ..registration.models import Delegate, DelegateChange
from .queries import Selection, iter_selected
from .texts import badge_texts

if TYPE_CHECKING:
    from .layout import BadgeData, BadgeResult

PRINT_LOG_FIELD = "badge_printed"
# Rows per UPDATE/INSERT: stays far below SQLite's bound-parameter limit.
BATCH = 500

Progress = Callable[[int], None]


@dataclass(frozen=True)
class PreparedJob:
    badges: list[BadgeData]
    # Taken before the delegates are read: a change saved while the job runs is newer
    # than the printed stamp, so that badge still counts as "not printed since".
    started_at: dt.datetime


@dataclass(frozen=True)
class PrintJob:
    result: BadgeResult
    started_at: dt.datetime


def badge_data(delegate: Delegate) -> BadgeData:
    from .layout import BadgeData  # reportlab: only when printing

    family_reading, given_reading = printed_readings(
        delegate.side, delegate.family_reading, delegate.given_reading
    )
    return BadgeData(
        delegate_id=delegate.id,
        side=delegate.side,
        family=delegate.family_name,
        given=delegate.given_name,
        cross_name=delegate.cross_name,
        latin_name=delegate.latin_name,
        organization=delegate.organization,
        title=delegate.title,
        role=delegate.role,
        token=delegate.checkin_code,
        family_reading=family_reading,
        given_reading=given_reading,
    )


def prepare_job(
    seminar: Seminar, selection: Selection, *, progress: Progress | None = None
) -> PreparedJob:
    """Read the selected delegates as badge data; `progress(1)` after each one.

    Raises EmptySelectionError when nothing is selected."""
    started_at = utcnow()
    badges = []
    for delegate in iter_selected(seminar, selection):
        badges.append(badge_data(delegate))
        if progress is not None:
            progress(1)
    if not badges:
        from .layout import EmptySelectionError

        raise EmptySelectionError("no badges selected")
    return PreparedJob(badges, started_at)


def render_job(
    seminar: Seminar,
    prepared: PreparedJob,
    *,
    layout: str,
    progress: Callable[[int], object] | None = None,
) -> PrintJob:
    """The PDF of a prepared job. Raises NothingPrintableError when every badge has a
    character no font can draw."""
    from .layout import build_badges  # reportlab: only when printing

    result = build_badges(
        prepared.badges, layout=layout, texts=badge_texts(seminar), progress=progress
    )
    return PrintJob(result, prepared.started_at)


def build_job(seminar: Seminar, selection: Selection, *, layout: str) -> PrintJob:
    """Prepare and render a job without logging anything (see record_job)."""
    return render_job(seminar, prepare_job(seminar, selection), layout=layout)


def record_job(job: PrintJob, seminar: Seminar, *, actor: str) -> None:
    """Mark the printed badges (never the skipped ones) and commit. Badges of another
    edition than the current one are printed as they are: their print log is that
    edition's record and stays unchanged (the audit trail still says who printed)."""
    printed = [int(delegate_id) for delegate_id in job.result.printed]
    if accepts_changes(seminar):
        for start in range(0, len(printed), BATCH):
            _mark_printed(printed[start : start + BATCH], job.started_at, actor)
        db.session.commit()
    record(
        Kind.BADGES,
        subject=f"badges {job.started_at:%Y-%m-%d %H:%M:%S}",
        people=len(printed),
        detail=f"{len(job.result.skipped)} skipped",
    )


def _mark_printed(ids: Sequence[int], printed_at: dt.datetime, actor: str) -> None:
    previous = dict(
        db.session.execute(
            select(Delegate.id, Delegate.badge_printed_at).where(Delegate.id.in_(ids))
        ).all()
    )
    db.session.execute(
        update(Delegate)
        .where(Delegate.id.in_(ids))
        # Assigning updated_at its own value keeps its onupdate hook from firing:
        # printing is not a change of the delegate, and "not printed since the last
        # change" compares these two columns.
        .values(badge_printed_at=printed_at, updated_at=Delegate.updated_at)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        insert(DelegateChange),
        [
            {
                "delegate_id": delegate_id,
                "changed_at": printed_at,
                "actor": actor,
                "field": PRINT_LOG_FIELD,
                "before": _stamp(previous.get(delegate_id)),
                "after": _stamp(printed_at),
            }
            for delegate_id in ids
        ],
    )


def _stamp(value: dt.datetime | None) -> str:
    return value.isoformat(sep=" ", timespec="seconds") if value else ""
