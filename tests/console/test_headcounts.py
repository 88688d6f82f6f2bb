"""The dashboard's counters never drift: after every kind of change, one at a time and
racing, they equal a recount of the rows (headcounts.recount), on both databases."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import delete, inspect, select

from seminar_reg.checkin.operations import Scan, check_in, undo_check_in
from seminar_reg.checkin.walk_in import WalkIn, admit_walk_in
from seminar_reg.console.headcounts import counted, recount
from seminar_reg.extensions import db
from seminar_reg.program.editions import create_edition
from seminar_reg.program.models import ProgramItem, Seminar
from seminar_reg.program.operations import update_item
from seminar_reg.program.queries import item_by_code, program_items
from seminar_reg.registration import operations
from seminar_reg.registration.data import RegistrationError
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from seminar_reg.registration.models import Attendance, Delegate
from seminar_reg.registration.places import set_status
from seminar_reg.retention.purge import purge
from seminar_reg.vocabulary import DIETARY_CODES
from tests.databases import trigger_names

MIGRATION_TRIGGERS = {
    f"headcount_{table}_{event}"
    for table in ("delegate", "attendance", "check_in")
    for event in ("insert", "delete")
} | {"headcount_delegate_update", "headcount_attendance_update"}


def _assert_counts_hold(seminar: Seminar) -> None:
    db.session.expire_all()
    assert counted(seminar) == recount(seminar)


def _people(count: int, seed: int) -> list:
    """Demo delegates with addresses of their own (a seed's are unique only within it)."""
    people = demo_delegates(count, count, seed=seed)
    return [
        dataclasses.replace(person, email=f"s{seed}-{number}@example.org")
        for number, person in enumerate(people)
    ]


def _small_capacities(seminar: Seminar) -> None:
    """Waiting lists everywhere: capacity 3 on every item."""
    for item in program_items(seminar):
        update_item(item, start_time=item.start_time, end_time=item.end_time, capacity=3,
                    venues={})


def _some(rng: random.Random, seminar: Seminar) -> Delegate | None:
    ids = db.session.execute(
        select(Delegate.id).where(Delegate.seminar_id == seminar.id).order_by(Delegate.id)
    ).scalars().all()
    return db.session.get(Delegate, rng.choice(ids)) if ids else None


def _register(rng, seminar, people):
    try:
        operations.register(seminar, people.pop())
    except RegistrationError:
        db.session.rollback()


def _import(rng, seminar, people):
    store_rows(seminar, [people.pop() for _ in range(rng.randint(1, 6))])


def _change(rng, seminar, _people):
    delegate = _some(rng, seminar)
    data = operations.data_from_delegate(delegate)
    codes = [code for code in data.item_codes if rng.random() < 0.7]
    if rng.random() < 0.5:
        codes.append(rng.choice(("plenary", "clair-reception", "welcome-reception")))
    data = dataclasses.replace(
        data, dietary=rng.choice(DIETARY_CODES), item_codes=tuple(dict.fromkeys(codes))
    )
    try:
        operations.update(delegate, data, actor="test")
    except RegistrationError:
        db.session.rollback()


def _status(rng, seminar, _people):
    delegate = _some(rng, seminar)
    set_status(delegate, rng.choice(("cancelled", "confirmed", "waitlisted")), actor="test")


def _capacity(rng, seminar, _people):
    item = rng.choice(program_items(seminar))
    capacity = rng.choice((None, 1, 3, 6, 40))
    update_item(item, start_time=item.start_time, end_time=item.end_time, capacity=capacity,
                venues={})


def _scan(rng, seminar, _people):
    delegate = _some(rng, seminar)
    item = rng.choice(program_items(seminar))
    scan = Scan(delegate_id=delegate.id, admit=True, note="at the door")
    check_in(item, scan, staff_id=None)


def _undo(rng, seminar, _people):
    delegate = _some(rng, seminar)
    item = rng.choice(program_items(seminar))
    with contextlib.suppress(LookupError):  # not checked in there
        undo_check_in(item, delegate, reason="scanned by mistake")


def _walk_in(rng, seminar, _people):
    person = WalkIn("china", "李", "娜", "", "", "沈阳市外事办公室")
    try:
        admit_walk_in(seminar, item_by_code(seminar, "plenary"), person, staff_id=None)
    except RegistrationError:
        db.session.rollback()


def _side(rng, seminar, _people):
    """A side corrected by hand (no form does it: the trigger must still follow)."""
    delegate = _some(rng, seminar)
    delegate.side = "china" if delegate.side == "japan" else "japan"
    db.session.commit()


CHANGES = (_register, _import, _change, _status, _capacity, _scan, _undo, _walk_in, _side)


@pytest.mark.slow
def test_counters_equal_a_recount_after_every_kind_of_change(seminar):
    rng, people = random.Random(18), _people(150, 18)
    _small_capacities(seminar)
    store_rows(seminar, [people.pop() for _ in range(12)])
    _assert_counts_hold(seminar)
    for _step in range(120):
        change = rng.choice(CHANGES)
        change(rng, seminar, people)
        _assert_counts_hold(seminar)
    # A copied edition starts at nothing, and its first registrants count there only.
    copy = create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    assert counted(copy) == recount(copy)
    store_rows(copy, [people.pop() for _ in range(4)])
    _assert_counts_hold(copy)
    _assert_counts_hold(seminar)
    # Purging keeps every row and figure; deleting rows (cascades, bulk) counts them out.
    purge(dt.date(2018, 1, 1))
    _assert_counts_hold(seminar)
    db.session.delete(_some(rng, seminar))
    db.session.commit()
    _assert_counts_hold(seminar)
    db.session.execute(delete(Delegate).where(Delegate.id == _some(rng, seminar).id))
    db.session.execute(delete(Attendance).where(Attendance.id == db.session.execute(
        select(Attendance.id).limit(1)).scalar_one()))
    db.session.commit()
    _assert_counts_hold(seminar)
    db.session.execute(delete(ProgramItem).where(ProgramItem.seminar_id == copy.id))
    db.session.commit()
    _assert_counts_hold(copy)


def _in_thread(app, work):
    def run(argument):
        with app.app_context():
            try:
                seminar = db.session.execute(
                    select(Seminar).where(Seminar.edition == 16)
                ).scalar_one()
                work(seminar, argument)
            finally:
                db.session.remove()

    return run


@pytest.mark.slow
def test_counters_hold_when_changes_race(app, seminar):
    """Eight at a time: first check-ins of one person at several items (who is present
    at the seminar is the question two desks ask at once), registrations for a full
    item, cancellations that promote the waiting list, and changes of one delegate's
    places beside its cancellation."""
    people = _people(40, 19)
    update_item(item_by_code(seminar, "site-visit"), start_time=None, end_time=None,
                capacity=4, venues={})
    stored = [d.id for d in store_rows(seminar, people[:24])]
    codes = [item.code for item in program_items(seminar)]
    db.session.commit()

    def scan(seminar, pair):
        delegate_id, code = pair
        item = item_by_code(seminar, code)
        check_in(item, Scan(delegate_id=delegate_id, admit=True, note="door"), staff_id=None)

    def register(seminar, data):
        operations.register(seminar, dataclasses.replace(data, item_codes=("site-visit",)))

    def cancel_or_change(seminar, number):
        # Each of four delegates is changed by one thread and cancelled by another.
        delegate = db.session.get(Delegate, stored[number // 2])
        if number % 2:
            set_status(delegate, "cancelled", actor="test")
        else:
            data = operations.data_from_delegate(delegate)
            operations.update(delegate, dataclasses.replace(
                data, item_codes=(*data.item_codes, "site-visit"), dietary="halal"), actor="test")

    with ThreadPoolExecutor(max_workers=8) as pool:
        firsts = [(stored[number], code) for number in (4, 5, 6) for code in codes[:3]]
        list(pool.map(_in_thread(app, scan), firsts))
        list(pool.map(_in_thread(app, register), people[24:40]))
        list(pool.map(_in_thread(app, cancel_or_change), range(8)))
    _assert_counts_hold(seminar)
    present = counted(seminar).seminar
    assert present.get(("japan", "present"), 0) + present.get(("china", "present"), 0) == 3


def test_every_counting_trigger_exists_at_head(app):
    """A SQLite migration that rebuilds delegate, attendance or check_in drops their
    triggers: it must create them again (0017_headcounts.create_triggers)."""
    names = trigger_names()
    assert names >= MIGRATION_TRIGGERS, MIGRATION_TRIGGERS - names
    assert inspect(db.engine).has_table("item_headcount")


@pytest.mark.slow
@pytest.mark.db
def test_the_migration_counts_what_is_already_stored(test_databases, tmp_path):
    """A database with delegates, places, cancellations and check-ins from before the
    counters: upgraded, its counters equal the recount (the migration's backfill)."""
    from flask_migrate import downgrade, upgrade

    from seminar_reg.program.queries import current_seminar
    from seminar_reg.program.seeding import seed_program
    from tests.conftest import make_test_app
    from tests.databases import unique_name

    url = test_databases.new(unique_name("seminar_reg_headcounts"), tmp_path)
    try:
        with make_test_app(url, tmp_path).app_context():
            downgrade(revision="0016_seminar_signatory")  # the triggers and counters go
            seed_program()
            seminar = current_seminar()
            stored = store_rows(seminar, _people(30, 20))
            set_status(stored[0], "cancelled", actor="test")
            for delegate in stored[1:6]:
                scan = Scan(delegate_id=delegate.id, admit=True, note="door")
                check_in(item_by_code(seminar, "plenary"), scan, staff_id=None)
            upgrade()
            _assert_counts_hold(seminar)
            assert counted(seminar).seminar  # something was counted
            db.session.remove()
            db.engine.dispose()
    finally:
        test_databases.drop(url)
