"""Two secretariat members move the same person at once, to two different buses (or
tables). Each move locks only its own target, so on PostgreSQL both can insert a seat
for the person; the unique seat per person (BusSeat.delegate_id, TableSeat per item)
then failed the second (an IntegrityError, a 500). It is refused instead, in the
user's language; the person keeps the one seat the first move gave.

Two threads, one connection each, both through the console's move form: the first
holds its new seat (inserted, not committed) until the second is seen waiting for a
lock (PostgreSQL: in pg_stat_activity; SQLite: sending its first write, which then
waits for the first's write lock and so moves the person after it, no race).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event

from seminar_reg.extensions import db
from tests.factories import add_japanese
from tests.forms import open_form
from tests.lock_waits import WAIT, submitter, until, waiting_for_a_lock
from tests.logistics.test_replan_race import BUSES, ITEMS, TABLES, _groups, _people, _plan

REFUSAL = "此人已被他人同时移动。请刷新页面。"


def _move_forms(login_as, kind, delegate_id: int):
    """The move form of one person to group 1 and to group 2, on the pages of two
    secretariat members, the second in Chinese."""
    forms = []
    for role, target in (("admin", "1"), ("secretariat", "2")):
        client = login_as(role)
        if role == "secretariat":
            client.get("/language/zh")
        form = open_form(client, kind["page"], action=kind["page"] + "/move")
        form["delegate_id"], form["target"] = str(delegate_id), target
        forms.append((form, client))
    return forms


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
def test_two_moves_of_one_person_at_once(app, seminar, login_as, kind):
    _people(seminar)
    _plan(seminar, kind, 4)  # two groups with a free seat each
    late = add_japanese(seminar, "森", "もり", items=ITEMS).id  # not seated yet
    db.session.commit()
    (first_form, first_client), (second_form, second_client) = _move_forms(login_as, kind, late)
    holding, go_on, writing = (threading.Event() for _ in range(3))
    failures: list[str] = []
    answers: dict[str, object] = {}

    def note(_conn, _cursor, sql, *_args):
        if threading.current_thread() is first and sql.lstrip().startswith("INSERT"):
            holding.set()  # the first move's seat is inserted, not committed
            if not go_on.wait(WAIT):
                failures.append("the second move never waited for a lock")
        if threading.current_thread() is second and holding.is_set():
            writing.set()

    submit = submitter(answers, failures, holding)

    first = threading.Thread(target=submit, args=("first", first_form, first_client))
    second = threading.Thread(target=submit, args=("second", second_form, second_client))
    event.listen(db.engine, "after_cursor_execute", note)
    try:
        first.start()
        assert holding.wait(WAIT) and not failures, failures
        second.start()
        assert writing.wait(WAIT), "the second move never sent a statement"
        postgresql = db.engine.dialect.name == "postgresql"
        if postgresql:
            until(lambda: waiting_for_a_lock(app), "the second move never waited")
        go_on.set()
        first.join(WAIT)
        second.join(WAIT)
    finally:
        go_on.set()
        event.remove(db.engine, "after_cursor_execute", note)
    assert not failures, failures
    assert [answers[name].status_code for name in ("first", "second")] == [302, 302]
    shown = second_client.get(answers["second"].headers["Location"]).get_data(as_text=True)
    db.session.expire_all()
    seated = [number for number, members in _groups(seminar, kind) for d in members if d.id == late]
    if postgresql:  # the second raced the first: refused, the first's move stands
        assert REFUSAL in shown
        assert seated == [1]
    else:  # SQLite ran the second after the first: it moved the person on
        assert REFUSAL not in shown
        assert seated == [2]
