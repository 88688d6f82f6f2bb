"""State changes for buses and seating: plan, move, place newcomers. Commit or raise.

Refusals raise `Refused` with a message already translated into the current locale
(the request's, or the one the command line forces), so callers only show it.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from ..database import lock_rows
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..registration.models import Delegate
from . import planning, queries
from .models import Bus, BusSeat, ReceptionTable, TableSeat


class Refused(Exception):
    """The change was not made; `message` says why, in the user's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- buses ----------------------------------------------------------------------------------


def plan_buses(seminar: Seminar, size: int) -> queries.BusOverview:
    """Replace the bus plan with a fresh one for the current site-visit participants."""
    if size < 1:
        raise Refused(_("The size must be at least 1."))
    item = _site_visit_or_refuse(seminar)
    _lock_plan(Bus, Bus.seminar_id == seminar.id)
    people = [queries.as_person(d) for d in queries.participants(item)]
    db.session.execute(delete(Bus).where(Bus.seminar_id == seminar.id))
    for number, members in enumerate(planning.plan_buses(people, size), start=1):
        bus = Bus(seminar_id=seminar.id, number=number, capacity=size)
        bus.seats = [BusSeat(delegate_id=delegate_id) for delegate_id in members]
        db.session.add(bus)
    db.session.commit()
    return queries.bus_overview(seminar)


def move_to_bus(
    seminar: Seminar, delegate_id: int, bus_number: int, plan: str | None = None
) -> None:
    """Put a participant on bus `bus_number` of the plan `plan` (the stamp of the page the
    move was chosen on, `queries.plan_stamp`; None: the current plan, the command line);
    refused when that bus is full."""
    missing = _("There is no bus %(number)s.")
    changed = _(
        "The buses have been planned again since this page was loaded. "
        "Please reload the page and move the person again."
    )
    target_id = _lock_target(
        Bus, Bus.seminar_id == seminar.id, bus_number, plan, missing, changed
    )
    overview = queries.bus_overview(seminar)  # read under the lock: seats and participants
    target = _claimed(overview.buses, target_id, overview.unassigned, delegate_id)
    if target is None:
        return
    full = _("Bus %(number)s is full (%(capacity)s seats).")
    _refuse_if_full(target, full)
    db.session.execute(delete(BusSeat).where(BusSeat.delegate_id == delegate_id))
    _commit_seat(BusSeat(bus_id=target.id, delegate_id=delegate_id))


def place_new_bus_riders(seminar: Seminar) -> int:
    """Seat participants who registered after planning on a bus with room (with their
    organisation when possible, see planning.best_bus_for); the rest stay unassigned.
    Returns how many were placed."""
    locked = _lock_plan(Bus, Bus.seminar_id == seminar.id)
    overview = queries.bus_overview(seminar)  # read under the lock: the seats moves left
    _drop_stale_bus_seats(seminar, overview)
    state = {bus.id: (bus.free, bus.organizations) for bus in overview.buses if bus.id in locked}
    placed = 0
    for delegate in overview.unassigned:
        options = [(bus_id, free, orgs) for bus_id, (free, orgs) in state.items()]
        bus_id = planning.best_bus_for(queries.as_person(delegate), options)
        if bus_id is None:
            break
        db.session.add(BusSeat(bus_id=bus_id, delegate_id=delegate.id))
        free, orgs = state[bus_id]
        orgs[delegate.organization] += 1
        state[bus_id] = (free - 1, orgs)
        placed += 1
    db.session.commit()
    return placed


def _drop_stale_bus_seats(seminar: Seminar, overview: queries.BusOverview) -> None:
    """Seats of people who cancelled or left the visit: freed before placing newcomers."""
    current = {d.id for bus in overview.buses for d in bus.passengers}
    bus_ids = [bus.id for bus in overview.buses]
    if bus_ids:
        db.session.execute(
            delete(BusSeat).where(BusSeat.bus_id.in_(bus_ids), BusSeat.delegate_id.not_in(current))
        )


def _site_visit_or_refuse(seminar: Seminar) -> ProgramItem:
    item = queries.site_visit(seminar)
    if item is None:
        raise Refused(_("The programme has no site visit."))
    return item


# --- seating --------------------------------------------------------------------------------


def plan_seating(item: ProgramItem, table_size: int) -> queries.SeatingOverview:
    """Replace the seating plan of reception `item` with a fresh one."""
    if table_size < 2:
        raise Refused(_("A table needs at least 2 seats, so that both sides can sit at it."))
    _lock_plan(ReceptionTable, ReceptionTable.item_id == item.id)
    people = [queries.as_person(d) for d in queries.participants(item)]
    db.session.execute(delete(ReceptionTable).where(ReceptionTable.item_id == item.id))
    for plan in planning.plan_seating(people, table_size):
        table = ReceptionTable(
            item_id=item.id, number=plan.number, capacity=plan.capacity, is_head=plan.is_head
        )
        table.seats = [TableSeat(item_id=item.id, delegate_id=d) for d in plan.members]
        db.session.add(table)
    db.session.commit()
    return queries.seating_overview(item)


def move_to_table(
    item: ProgramItem, delegate_id: int, table_number: int, plan: str | None = None
) -> None:
    """Seat a guest at table `table_number` of the plan `plan` (as `move_to_bus`); refused
    when that table is full."""
    missing = _("There is no table %(number)s.")
    changed = _(
        "The tables have been planned again since this page was loaded. "
        "Please reload the page and move the person again."
    )
    target_id = _lock_target(
        ReceptionTable, ReceptionTable.item_id == item.id, table_number, plan, missing, changed
    )
    overview = queries.seating_overview(item)  # read under the lock: seats and participants
    target = _claimed(overview.tables, target_id, overview.unseated, delegate_id)
    if target is None:
        return
    _refuse_if_full(target, _("Table %(number)s is full (%(capacity)s seats)."))
    db.session.execute(
        delete(TableSeat).where(TableSeat.item_id == item.id, TableSeat.delegate_id == delegate_id)
    )
    _commit_seat(TableSeat(table_id=target.id, item_id=item.id, delegate_id=delegate_id))


def place_new_guests(item: ProgramItem) -> int:
    """Seat guests who registered after planning at the regular table with the fewest of
    their own side (then most free seats), which keeps tables mixed. Returns how many."""
    locked = _lock_plan(ReceptionTable, ReceptionTable.item_id == item.id)
    overview = queries.seating_overview(item)  # read under the lock: the seats moves left
    current = {d.id for table in overview.tables for d in table.guests}
    db.session.execute(
        delete(TableSeat).where(TableSeat.item_id == item.id, TableSeat.delegate_id.not_in(current))
    )
    placed = 0
    regular = [table for table in overview.tables if not table.is_head and table.id in locked]
    for delegate in overview.unseated:
        open_tables = [table for table in regular if table.free > 0]
        if not open_tables:
            break
        table = min(open_tables, key=lambda t: (t.count(delegate.side), -t.free, t.number))
        db.session.add(TableSeat(table_id=table.id, item_id=item.id, delegate_id=delegate.id))
        table.guests.append(delegate)
        placed += 1
    db.session.commit()
    return placed


# --- shared ---------------------------------------------------------------------------------


def _lock_target(model, where, number: int, plan: str | None, missing: str, changed: str) -> int:
    """Lock the bus or table numbered `number` (the row lock `_lock_plan` takes too) and
    return its id; everything the move decides is read after this, under the lock (a
    seat taken meanwhile by a newcomer placed or a move counts).

    Refused with `changed` when the plan is not the one the page showed (`plan`), or a
    re-plan replaced the target while this waited for its lock: a seat on it would point
    at nothing, and 'no bus N' would be wrong when the new plan has one. The row is the
    one read only if it was made at the same time: SQLite gives a new row the id of a
    deleted one, maybe another bus. `missing` (%(number)s) when the number is not in the
    plan the page showed."""
    rows = db.session.execute(select(model.id, model.number, model.created_at).where(where)).all()
    if plan and plan != queries.plan_stamp((row.id, row.created_at) for row in rows):
        raise Refused(changed)
    target = next((row for row in rows if row.number == number), None)
    if target is None:
        raise Refused(missing % {"number": number})
    (made_at,) = lock_rows(model, [target.id], model.created_at).get(target.id, (None,))
    if made_at != target.created_at:
        db.session.rollback()
        raise Refused(changed)
    return target.id


def _claimed(groups: list, target_id: int, waiting: list[Delegate], delegate_id: int):
    """The locked bus or table among `groups` (read under its lock), or None when the
    participant is in it already; refused when `delegate_id` is not a participant."""
    target = next(group for group in groups if group.id == target_id)
    everyone = [member for group in groups for member in group.people] + waiting
    if not any(delegate.id == delegate_id for delegate in everyone):
        db.session.rollback()
        raise Refused(_("Delegate %(id)s is not a confirmed participant.", id=delegate_id))
    if any(delegate.id == delegate_id for delegate in target.people):
        db.session.rollback()
        return None
    return target


def _commit_seat(seat: BusSeat | TableSeat) -> None:
    """Commit a move's new seat. A move locks only its target, so two moves of one person
    to two groups can both delete the old seat and insert a new one; on PostgreSQL the
    second then breaks the one seat per person (the only unique key a seat can collide
    on, the target's lock keeps the group itself). It was a 500; now a refusal."""
    db.session.add(seat)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Refused(
            _("This person was moved by someone else meanwhile. Please reload the page.")
        ) from None


def _refuse_if_full(target: queries.SeatGroup, full: str) -> None:
    """`full` (%(number)s, %(capacity)s) when the seats held by current participants,
    read under the lock, leave none free: two moves cannot both take the last one."""
    if target.free <= 0:
        db.session.rollback()
        raise Refused(full % {"number": target.number, "capacity": target.capacity})


def _lock_plan(model, where) -> dict[int, tuple]:
    """Take the row lock of every bus or table of a plan, the one a move takes on its
    target (`_lock_target`): before a re-plan deletes them (a move already holding one
    finishes first, one waiting for it then finds its target gone and is refused) and
    before newcomers are placed (on the rows locked only: one a re-plan made while this
    waited is not). Returns the rows locked (id -> ())."""
    return lock_rows(model, db.session.scalars(select(model.id).where(where)))
