"""The dashboard's figures as counters the database keeps, and the recount they equal.

What each counter counts (in places.py's words; `recount` spells it as queries):
- per item, side and dietary need: the places of *registered* delegates, "confirmed" or
  "waitlisted" (registration/models.ItemHeadcount);
- per item and side, "checked_in": check-ins of registered delegates;
- per edition and side: delegates by status, cancelled ones too, and "present": registered
  delegates checked in at one item or more (SeminarHeadcount).

Triggers on delegate, attendance and check_in change them in the transaction of every
change, whatever makes it (forms, imports' bulk inserts, promotions from the waiting
list, cancellations, scans, undoing a check-in, cascades): the SQL and why it is there
are in migrations/versions/0017_headcounts.py. So the dashboard reads two small tables
whatever the number of delegates, and nothing in the application writes them.
tests/console/test_headcounts.py compares them with `recount` after random changes,
racing ones too, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from ..checkin.models import CheckIn
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..registration import places
from ..registration.models import Attendance, Delegate, ItemHeadcount, SeminarHeadcount

CHECKED_IN, PRESENT = "checked_in", "present"


@dataclass(frozen=True)
class Headcounts:
    # (item id, side, figure, dietary need) -> people; figure: a place's status or
    # CHECKED_IN (dietary "" then). Zeros are left out.
    items: dict[tuple[int, str, str, str], int]
    # (side, figure) -> people; figure: a delegate status or PRESENT.
    seminar: dict[tuple[str, str], int]


def _nonzero(rows) -> dict:
    return {tuple(key): people for *key, people in rows if people}


def counted(seminar: Seminar) -> Headcounts:
    """The counters: two statements over a few rows per item."""
    items = db.session.execute(
        select(
            ItemHeadcount.item_id,
            ItemHeadcount.side,
            ItemHeadcount.figure,
            ItemHeadcount.dietary,
            ItemHeadcount.people,
        )
        .join(ProgramItem, ProgramItem.id == ItemHeadcount.item_id)
        .where(ProgramItem.seminar_id == seminar.id)
    )
    totals = db.session.execute(
        select(SeminarHeadcount.side, SeminarHeadcount.figure, SeminarHeadcount.people).where(
            SeminarHeadcount.seminar_id == seminar.id
        )
    )
    return Headcounts(_nonzero(items), _nonzero(totals))


def recount(seminar: Seminar) -> Headcounts:
    """The same figures counted from the rows (every place and check-in: linear in the
    delegates). What the counters must always equal."""
    of_seminar = Delegate.seminar_id == seminar.id
    places_held = db.session.execute(
        select(Attendance.item_id, Delegate.side, Attendance.status, Delegate.dietary, func.count())
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(of_seminar, places.registered())
        .group_by(Attendance.item_id, Delegate.side, Attendance.status, Delegate.dietary)
    )
    arrivals = db.session.execute(
        select(CheckIn.item_id, Delegate.side, func.count())
        .join(Delegate, Delegate.id == CheckIn.delegate_id)
        .where(of_seminar, places.registered())
        .group_by(CheckIn.item_id, Delegate.side)
    )
    items = _nonzero(places_held) | {
        (item_id, side, CHECKED_IN, ""): people for item_id, side, people in arrivals
    }
    statuses = db.session.execute(
        select(Delegate.side, Delegate.status, func.count())
        .where(of_seminar)
        .group_by(Delegate.side, Delegate.status)
    )
    present = db.session.execute(
        select(Delegate.side, func.count(func.distinct(CheckIn.delegate_id)))
        .join(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(of_seminar, places.registered())
        .group_by(Delegate.side)
    )
    totals = _nonzero(statuses) | {(side, PRESENT): people for side, people in present}
    return Headcounts(items, totals)


def by_item(counts: Headcounts) -> dict[int, Counter]:
    """Item id -> (side, figure) -> people, dietary needs added up."""
    result: dict[int, Counter] = {}
    for (item_id, side, figure, _dietary), people in counts.items.items():
        result.setdefault(item_id, Counter())[side, figure] += people
    return result
