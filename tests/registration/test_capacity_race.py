"""A capacity changed while a registration waits for the item's lock decides its seat.

The registration POST reads the seminar's items (their capacity with them) before it
locks them; the secretariat's programme edit commits a new capacity in between. The
seat must follow the capacity committed, read under the lock (places.lock_items), not
the one the page read: else a reduction overbooks and an increase waitlists someone
for whom there is a seat. Two threads, one connection each; the edit holds the lock
until the registration is seen waiting for it (PostgreSQL: in pg_stat_activity; SQLite:
sending its lock statement, which then waits for the edit's write lock).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event, select

from seminar_reg.extensions import db
from seminar_reg.program.models import ProgramItem, Seminar
from seminar_reg.program.operations import VENUE_FIELDS, update_item
from seminar_reg.program.queries import item_by_code
from seminar_reg.program.signals import capacity_changed
from seminar_reg.registration.models import Attendance, Delegate
from tests.forms import open_form
from tests.lock_waits import WAIT, until, waiting_for_a_lock

from .helpers import CHINESE, JAPANESE, fill, payload, register_through_form


def _edit_capacity(app, seminar_id: int, capacity: int, locked, go_on, failures) -> None:
    """The console's programme edit, holding the item's lock until `go_on` is set."""
    edit_thread = threading.current_thread()

    def hold_the_lock(_item, **_extra):
        if threading.current_thread() is edit_thread:
            locked.set()
            if not go_on.wait(WAIT):
                failures.append("the registration never waited for the lock")

    capacity_changed.connect(hold_the_lock, weak=False)
    try:
        with app.app_context():
            item = item_by_code(db.session.get(Seminar, seminar_id), "site-visit")
            update_item(
                item,
                start_time=item.start_time,
                end_time=item.end_time,
                capacity=capacity,
                venues={name: getattr(item, name) for name in VENUE_FIELDS},
            )
    except Exception as error:  # reported by the test, not lost in the thread
        failures.append(repr(error))
        locked.set()
    finally:
        capacity_changed.disconnect(hold_the_lock)






@pytest.mark.parametrize(
    ("before", "after", "place"), [(2, 1, "waitlisted"), (1, 2, "confirmed")]
)
def test_the_capacity_committed_while_waiting_for_the_lock_decides(
    app, seminar, before, after, place
):
    item_by_code(seminar, "site-visit").capacity = before
    db.session.commit()
    first = payload(JAPANESE, item_codes=["site-visit"])
    assert register_through_form(app.test_client(), "japan", first).status_code == 302
    client = app.test_client()
    form = open_form(client, "/register/china?lang=ja", field="consent")
    fill(form, {**payload(CHINESE, item_codes=["site-visit"]), "consent": True})
    seminar_id, postgres = seminar.id, db.engine.dialect.name == "postgresql"
    locked, go_on, sending_lock = (threading.Event() for _ in range(3))
    failures: list[str] = []

    def note_lock(_conn, _cursor, sql, *_args):
        if threading.current_thread() is registration and "program_item" in sql and (
            sql.startswith("UPDATE") or "FOR NO KEY UPDATE" in sql
        ):
            sending_lock.set()

    edit = threading.Thread(
        target=_edit_capacity, args=(app, seminar_id, after, locked, go_on, failures)
    )
    responses = []
    registration = threading.Thread(target=lambda: responses.append(form.submit(client)))
    event.listen(db.engine, "before_cursor_execute", note_lock)
    try:
        edit.start()
        assert locked.wait(WAIT) and not failures, failures
        registration.start()  # reads the items (old capacity), then waits for the lock
        assert sending_lock.wait(WAIT), "the registration never locked the item"
        if postgres:
            until(lambda: waiting_for_a_lock(app), "the registration never waited")
        go_on.set()
        edit.join(WAIT)
        registration.join(WAIT)
    finally:
        go_on.set()
        event.remove(db.engine, "before_cursor_execute", note_lock)
    assert not failures and [r.status_code for r in responses] == [302]
    db.session.expire_all()
    assert db.session.get(ProgramItem, item_by_code(seminar, "site-visit").id).capacity == after
    places = dict(
        db.session.execute(
            select(Delegate.email, Attendance.status).join(Attendance.delegate)
        ).all()
    )
    assert places == {JAPANESE["email"]: "confirmed", CHINESE["email"]: place}
