"""Who holds a place and who attends an item: the one owner of seats, the waiting list,
promotion from it, the participation conditions every feature queries with, and the
lock that keeps two registrations from taking the same last seat.

The rules, in one place:
- A *place* is an `Attendance`: confirmed (holds a seat) or waitlisted.
- A delegate *attends an item* when their place on it is confirmed and they are not
  cancelled (`attends()`): that is the item's roll, headcount, bus and seating.
- A delegate *attends the seminar* when their status is confirmed (`attends_seminar()`):
  the whole-seminar roll and the logistics lists. Status follows the places: a delegate
  is waitlisted only while every place they hold is waitlisted (`delegate_status`), so
  "confirmed" means "holds at least one seat, or registered for no item at all".
- A delegate is *registered* until cancelled (`registered()`), waitlisted or not. Badges
  print for every registered delegate, and the check-in desk finds them: a seat that
  frees up on the day then needs no reprint, and the desk sees the waiting-list place
  and can admit with a note. Rolls and headcounts list only who attends.
- Cancelled delegates appear in no list, count nowhere and hold no seat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import PassiveFlag
from sqlalchemy.orm.attributes import get_history, set_committed_value
from sqlalchemy.orm.util import identity_key

from ..clock import utcnow
from ..database import lock_rows
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..program.signals import capacity_changed, time_or_place_changed
from ..vocabulary import side_counts
from .history import record_changes
from .models import Attendance, AttendanceStatus, Delegate, DelegateStatus
from .notifications import MailKind, notify, status_change_mail

# --- who counts (SQL conditions on Delegate, and on Attendance joined to it) -----------------


def registered() -> ColumnElement[bool]:
    """Not cancelled: has a badge and is found at the desk, waitlisted or not."""
    return Delegate.status != DelegateStatus.CANCELLED


def attends() -> ColumnElement[bool]:
    """A confirmed place of a registered delegate: holds a seat on the item."""
    return and_(Attendance.status == AttendanceStatus.CONFIRMED, registered())


def attends_seminar() -> ColumnElement[bool]:
    """Holds a seat somewhere (or asked for no item): on the whole-seminar roll."""
    return Delegate.status == DelegateStatus.CONFIRMED


def attendee_ids_by_code(seminar: Seminar, item_code: str) -> Select:
    """Ids of the delegates attending the seminar's item `item_code` (for `in_`)."""
    return (
        select(Attendance.delegate_id)
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .join(ProgramItem, ProgramItem.id == Attendance.item_id)
        .where(ProgramItem.seminar_id == seminar.id, ProgramItem.code == item_code, attends())
    )


def attendees(item: ProgramItem) -> Select:
    """The delegates attending `item`, unordered."""
    return (
        select(Delegate)
        .join(Attendance, Attendance.delegate_id == Delegate.id)
        .where(Attendance.item_id == item.id, attends())
    )


# --- counting seats --------------------------------------------------------------------------


def seats_taken(item: ProgramItem) -> int:
    return db.session.execute(
        select(func.count(Attendance.id))
        .join(Delegate)
        .where(Attendance.item_id == item.id, attends())
    ).scalar_one()


def seats_taken_by_item(seminar: Seminar) -> dict[int, int]:
    rows = db.session.execute(
        select(Attendance.item_id, func.count(Attendance.id))
        .join(Delegate)
        .where(Delegate.seminar_id == seminar.id, attends())
        .group_by(Attendance.item_id)
    ).all()
    return dict(rows)


def seats_by_item_and_side(seminar: Seminar) -> dict[int, dict[str, int]]:
    """Item id -> side -> seats taken."""
    rows = db.session.execute(
        select(Attendance.item_id, Delegate.side, func.count(Attendance.id))
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(Delegate.seminar_id == seminar.id, attends())
        .group_by(Attendance.item_id, Delegate.side)
    )
    counts: dict[int, dict[str, int]] = {}
    for item_id, side, count in rows:
        counts.setdefault(item_id, {})[side] = count
    return counts


def seminar_attendance_by_side(seminar: Seminar) -> dict[str, int]:
    """`{"japan", "china", "all"}`: delegates attending the seminar."""
    rows = db.session.execute(
        select(Delegate.side, func.count(Delegate.id))
        .where(Delegate.seminar_id == seminar.id, attends_seminar())
        .group_by(Delegate.side)
    ).all()
    return side_counts(dict(rows))


# --- giving and freeing seats ----------------------------------------------------------------


def lock_items(item_ids: Iterable[int]) -> None:
    """Serialise every change of seats on these items until the commit, and give the
    session's copies of them the capacity read under the lock, in the lock's statement.
    Seats are decided by that one: the items were read before (a form's choices), and a
    capacity committed while this waited for the lock (a console edit) would be missed,
    confirming a place the new capacity has no seat for."""
    locked = lock_rows(ProgramItem, item_ids, ProgramItem.capacity)
    for item_id, (capacity,) in locked.items():
        item = db.session.identity_map.get(identity_key(ProgramItem, item_id))
        if item is not None and not _capacity_changed(item):
            set_committed_value(item, "capacity", capacity)


def _capacity_changed(item: ProgramItem) -> bool:
    # As inspect(item).attrs.capacity.history, without building an AttributeState for
    # every attribute of the item: each refers to the item's state, which keeps them,
    # a cycle left to the garbage collector on every registration (issue 18).
    return get_history(item, "capacity", PassiveFlag.PASSIVE_NO_INITIALIZE).has_changes()


def place_status(item: ProgramItem, seats_already_taken: int) -> str:
    if item.capacity is None or seats_already_taken < item.capacity:
        return AttendanceStatus.CONFIRMED
    return AttendanceStatus.WAITLISTED


def new_place_status(item: ProgramItem) -> str:
    """`place_status` of a place taken now, under the item's lock: the seats are counted
    only where the item has a capacity (without one every place is a seat, and counting
    walked the item's places on every registration)."""
    if item.capacity is None:
        return AttendanceStatus.CONFIRMED
    return place_status(item, seats_taken(item))


def delegate_status(attendances: Iterable[Attendance], default: str) -> str:
    """Waitlisted only while the delegate holds no confirmed place at all: someone with
    a seat at the plenary and a waiting-list place on the site visit is confirmed, and
    is on the plenary's roll, headcount and badge run."""
    return status_from([a.status for a in attendances], default)


def status_from(place_statuses: Sequence[str], default: str) -> str:
    """`delegate_status` from the places' statuses alone (before any row exists)."""
    if place_statuses and all(s == AttendanceStatus.WAITLISTED for s in place_statuses):
        return DelegateStatus.WAITLISTED
    return default


def new_places(items: Sequence[ProgramItem], status: str) -> tuple[list[str], str]:
    """A new delegate's places, in arrival order under the items' lock (held until the
    commit: the caller stores them in this transaction): one status per item, a seat
    where one is free, else the waiting list; and the delegate's status (``status``
    unless every place is waitlisted)."""
    lock_items(item.id for item in items)
    statuses = [new_place_status(item) for item in items]
    return statuses, status_from(statuses, status)


def count_places(items: Sequence[ProgramItem], seats_taken: dict[int, int]) -> list[str]:
    """Place statuses for a batch (imports, demo data), one per item: the caller has
    locked the items and read `seats_taken_by_item` once; seats given are counted on in
    `seats_taken`."""
    statuses = []
    for item in items:
        status = place_status(item, seats_taken.get(item.id, 0))
        if status == AttendanceStatus.CONFIRMED:
            seats_taken[item.id] = seats_taken.get(item.id, 0) + 1
        statuses.append(status)
    return statuses


def change_places(delegate: Delegate, items: list[ProgramItem]) -> None:
    """Drop places no longer wanted (freeing seats for the waiting list), add new ones."""
    wanted = {item.id for item in items}
    held = {a.item_id for a in delegate.attendances}
    if wanted != held:  # else no seat is taken or freed: nothing to lock (most /my saves)
        _move_places(delegate, items, wanted | held)
    if delegate.status != DelegateStatus.CANCELLED:
        delegate.status = delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)


def _move_places(delegate: Delegate, items: list[ProgramItem], touched: set[int]) -> None:
    lock_items(touched)
    wanted = {item.id for item in items}
    dropped = [a for a in delegate.attendances if a.item_id not in wanted]
    freed_items = [attendance.item for attendance in dropped]
    for attendance in dropped:
        delegate.attendances.remove(attendance)
    held = {a.item_id for a in delegate.attendances}
    for item in items:
        if item.id not in held:
            # Setting the relationship (not only item_id) lets item_codes read it before flush.
            delegate.attendances.append(
                Attendance(item=item, status=new_place_status(item))
            )
    db.session.flush()
    for item in freed_items:
        promote_waitlist(item)


def set_status(delegate: Delegate, status: str, *, actor: str) -> list[ProgramItem]:
    """Confirm, cancel or move a delegate to the waiting list, never overbooking.

    Confirming (approving, re-opening a cancelled registration, taking someone off the
    waiting list) gives each place a seat only where one is free; cancelling or moving to
    the waiting list frees seats for those waiting, and a delegate moved to the waiting
    list joins the back of each queue. Returns the items whose place is (still)
    waitlisted, so the secretariat can be told.
    """
    before = {"status": delegate.status}
    items = [a.item for a in delegate.attendances]
    lock_items(item.id for item in items)
    new_status = status
    if status == DelegateStatus.CONFIRMED:
        _seat_where_free(delegate)
        new_status = delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)
    elif status == DelegateStatus.WAITLISTED:
        for attendance in delegate.attendances:
            attendance.status = AttendanceStatus.WAITLISTED
            attendance.registered_at = utcnow()
    delegate.status = new_status
    db.session.flush()
    if status in (DelegateStatus.CANCELLED, DelegateStatus.WAITLISTED):
        for item in items:
            promote_waitlist(item, passing_over=delegate)
    if record_changes(delegate, before, actor):
        notify(delegate, status_change_mail(before["status"], delegate.status))
    db.session.commit()
    return [a.item for a in delegate.attendances if a.status == AttendanceStatus.WAITLISTED]


def _seat_where_free(delegate: Delegate) -> None:
    """Confirm each of the delegate's places that a free seat allows."""
    was_cancelled = delegate.status == DelegateStatus.CANCELLED
    for attendance in delegate.attendances:
        # A confirmed place of a live delegate already holds its seat; any other place
        # (waitlisted, or a cancelled delegate's) competes for the seats left.
        if attendance.status == AttendanceStatus.CONFIRMED and not was_cancelled:
            continue
        attendance.status = new_place_status(attendance.item)
        db.session.flush()


def promote_waitlist(item: ProgramItem, passing_over: Delegate | None = None) -> list[Delegate]:
    """Fill free seats from the item's waiting list, first come first served, passing
    over `passing_over` (someone just moved to the waiting list must not bounce back)."""
    if item.capacity is None:
        free = None
    else:
        free = item.capacity - seats_taken(item)
        if free <= 0:
            return []
    queue = (
        select(Attendance)
        .join(Delegate)
        .where(
            Attendance.item_id == item.id,
            Attendance.status == AttendanceStatus.WAITLISTED,
            registered(),
        )
        .order_by(Attendance.registered_at, Attendance.id)
        .limit(free)
    )
    if passing_over is not None:
        queue = queue.where(Delegate.id != passing_over.id)
    promoted = []
    for attendance in db.session.execute(queue).scalars().all():
        attendance.status = AttendanceStatus.CONFIRMED
        delegate = attendance.delegate
        notify(delegate, MailKind.PROMOTED)
        if delegate.status == DelegateStatus.WAITLISTED:
            before = {"status": delegate.status}
            delegate.status = delegate_status(delegate.attendances, DelegateStatus.CONFIRMED)
            record_changes(delegate, before, "system")
        promoted.append(delegate)
    db.session.flush()
    return promoted


@capacity_changed.connect
def _seat_waiting_list(item: ProgramItem, **_extra) -> list[Delegate]:
    """More room on an item seats its waiting list at once, in arrival order."""
    return promote_waitlist(item)


@time_or_place_changed.connect
def _tell_holders(item: ProgramItem, promoted: list[Delegate], **_extra) -> None:
    """Mail everyone holding a place at the item its new time or place (those just moved
    up hear it in their move-up mail)."""
    moved_up = {delegate.id for delegate in promoted}
    holders = db.session.execute(
        select(Delegate)
        .join(Attendance, Attendance.delegate_id == Delegate.id)
        .where(Attendance.item_id == item.id, registered())
    ).scalars()
    for delegate in holders:
        if delegate.id not in moved_up:
            notify(delegate, MailKind.PROGRAMME_CHANGED)
