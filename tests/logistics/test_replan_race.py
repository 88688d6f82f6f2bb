"""A move to a bus or table that a re-plan deletes while the move waits for its lock.

The console's move finds its target in the plan, then locks it and reads the seats on
it (operations._lock_target); a re-plan deletes every bus (or table) and makes new ones.
The move must then be refused as what happened ("the buses have been planned again since
this page was loaded", in the user's language; not "there is no bus 2": the new plan has
one), not seat someone on a row that is gone (a foreign-key IntegrityError, a 500;
SQLite enforces foreign keys, database._tune_sqlite). Re-planning takes the same row
lock on what it deletes (lock_rows), so the two run one after the other.

Placing newcomers locks the plan's rows too, and seats no one on a bus or table a
re-plan replaced while it waited (before: a foreign-key or unique IntegrityError, a 500).

Two threads, one connection each, both through the console forms: the re-plan holds
its rows (deleted, not yet committed) until the other request is seen waiting for a
lock (PostgreSQL: in pg_stat_activity; SQLite: sending its first write, which then
waits for the re-plan's write lock).
"""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import event, func, select

from seminar_reg.extensions import db
from seminar_reg.logistics import operations, planning, queries
from seminar_reg.logistics.models import Bus, BusSeat, ReceptionTable, TableSeat
from tests.factories import add_chinese, add_japanese
from tests.forms import open_form
from tests.lock_waits import WAIT, submitter, until, waiting_for_a_lock
from tests.logistics.helpers import cancel

ITEMS = ("site-visit", "clair-reception")

BUSES = {
    "page": "/console/logistics/buses",
    "plan_field": "size",
    "planner": "plan_buses",
    "table": "bus",
    "refusal": "打开本页后，车辆已重新分配。请刷新页面后再移动。",
}
TABLES = {
    "page": "/console/logistics/seating/clair-reception",
    "plan_field": "table_size",
    "planner": "plan_seating",
    "table": "reception_table",
    "refusal": "打开本页后，座位已重新安排。请刷新页面后再移动。",
}


def _people(seminar) -> None:
    for family, reading in [("加藤", "かとう"), ("鈴木", "すずき"), ("小野", "おの")]:
        add_japanese(seminar, family, reading, items=ITEMS)
    for family in ["王", "张", "李"]:
        add_chinese(seminar, family, items=ITEMS)


def _groups(seminar, kind):
    if kind is BUSES:
        return [(bus.number, bus.passengers) for bus in queries.bus_overview(seminar).buses]
    overview = queries.seating_overview(queries.reception(seminar, "clair-reception"))
    return [(table.number, table.guests) for table in overview.tables]


def _plan(seminar, kind, size: int = 3) -> None:
    if kind is BUSES:
        operations.plan_buses(seminar, size)
    else:
        operations.plan_seating(queries.reception(seminar, "clair-reception"), size)






def _dangling_seats() -> int:
    buses = select(func.count()).select_from(BusSeat).where(BusSeat.bus_id.not_in(select(Bus.id)))
    tables = (
        select(func.count())
        .select_from(TableSeat)
        .where(TableSeat.table_id.not_in(select(ReceptionTable.id)))
    )
    return db.session.scalar(buses) + db.session.scalar(tables)


FIRST_WRITE = re.compile(r"^\s*(UPDATE|DELETE|INSERT)\b|FOR NO KEY UPDATE")


def _while_replanning(app, monkeypatch, kind, plan: tuple, other: tuple) -> dict:
    """Submit `other` (form, client) while the re-plan `plan` (form, client) holds the
    rows it deleted; the answers by name ("replan", "other")."""
    holding, go_on, writing = (threading.Event() for _ in range(3))
    failures: list[str] = []
    answers: dict[str, object] = {}
    make_plan = getattr(planning, kind["planner"])

    def plan_holding_the_rows(*args, **kwargs):
        # Runs after the re-plan has deleted the old rows, before it commits.
        if threading.current_thread() is replan:
            holding.set()
            if not go_on.wait(WAIT):
                failures.append("the other request never waited for a lock")
        return make_plan(*args, **kwargs)

    def note_write(_conn, _cursor, sql, *_args):
        if threading.current_thread() is second and FIRST_WRITE.search(sql):
            writing.set()

    submit = submitter(answers, failures, holding)

    monkeypatch.setattr(planning, kind["planner"], plan_holding_the_rows)
    replan = threading.Thread(target=submit, args=("replan", *plan))
    second = threading.Thread(target=submit, args=("other", *other))
    event.listen(db.engine, "before_cursor_execute", note_write)
    try:
        replan.start()
        assert holding.wait(WAIT) and not failures, failures
        second.start()  # reads the old plan, then waits for a lock
        assert writing.wait(WAIT), "the other request never wrote"
        if db.engine.dialect.name == "postgresql":
            until(lambda: waiting_for_a_lock(app), "the other request never waited")
        go_on.set()
        replan.join(WAIT)
        second.join(WAIT)
    finally:
        go_on.set()
        event.remove(db.engine, "before_cursor_execute", note_write)
    assert not failures, failures
    assert answers["replan"].status_code == 302 and answers["other"].status_code == 302
    return answers


def _forms(login_as, kind, action: str):
    """The re-plan form (5 seats: the new plan has room on bus or table 2) and the form
    of `action`, each on the page of its own logged-in secretariat, the second in Chinese."""
    planner, other = login_as("admin"), login_as("secretariat")
    other.get("/language/zh")
    plan_form = open_form(planner, kind["page"], action=kind["page"] + "/plan")
    plan_form[kind["plan_field"]] = "5"
    return (plan_form, planner), (
        open_form(other, kind["page"], action=kind["page"] + action),
        other,
    )


def _seated(seminar, kind) -> list[int]:
    db.session.expire_all()
    assert _dangling_seats() == 0
    return sorted(d.id for _number, members in _groups(seminar, kind) for d in members)


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
def test_a_move_to_a_bus_or_table_deleted_by_a_replan_is_refused(
    app, seminar, login_as, monkeypatch, kind
):
    _people(seminar)
    _plan(seminar, kind)
    groups = _groups(seminar, kind)
    assert [number for number, _members in groups][:2] == [1, 2]
    mover = groups[0][1][0].id
    everyone = sorted(d.id for _number, members in groups for d in members)
    db.session.rollback()  # the test's own connection holds nothing while the threads run
    plan, (move_form, client) = _forms(login_as, kind, "/move")
    move_form["delegate_id"] = str(mover)
    move_form["target"] = "2"

    answers = _while_replanning(app, monkeypatch, kind, plan, (move_form, client))

    shown = client.get(answers["other"].headers["Location"]).get_data(as_text=True)
    assert kind["refusal"] in shown
    # The new plan as the re-plan made it: everyone seated once, the move not applied.
    assert _seated(seminar, kind) == everyone


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
def test_placing_newcomers_while_a_replan_replaces_the_plan(
    app, seminar, login_as, monkeypatch, kind
):
    _people(seminar)
    _plan(seminar, kind, 4)  # room for the newcomer on the old plan
    late = add_japanese(seminar, "森", "もり", items=ITEMS).id
    everyone = sorted([late] + [d.id for _n, members in _groups(seminar, kind) for d in members])
    db.session.rollback()
    plan, place = _forms(login_as, kind, "/place-new")

    _while_replanning(app, monkeypatch, kind, plan, place)

    # The re-plan seated the newcomer; placing found no one left and added no seat.
    assert _seated(seminar, kind) == everyone


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
def test_a_move_counts_a_seat_taken_after_its_page_was_read(
    app, seminar, login_as, monkeypatch, kind
):
    """A move decides by the seats and participants it reads under its target's lock: a
    newcomer placed on group 2's last free seat between the move's first read and its lock
    is counted, and the move refused as full (before: the participants of the earlier
    read counted the seats, the newcomer not among them, and group 2 took one over its
    capacity)."""
    _people(seminar)
    _plan(seminar, kind)  # two full groups of 3
    groups = _groups(seminar, kind)
    assert [(number, len(members)) for number, members in groups] == [(1, 3), (2, 3)]
    cancel(groups[1][1][0])  # one seat free on group 2
    mover = groups[0][1][0].id
    db.session.commit()
    (_plan_form, admin), (move_form, client) = _forms(login_as, kind, "/move")
    move_form["delegate_id"], move_form["target"] = str(mover), "2"
    paused, go_on = threading.Event(), threading.Event()
    answers: dict[str, object] = {}
    lock = operations.lock_rows

    def lock_after_a_pause(*args, **kwargs):
        if threading.current_thread() is moving:
            paused.set()
            go_on.wait(WAIT)
        return lock(*args, **kwargs)

    monkeypatch.setattr(operations, "lock_rows", lock_after_a_pause)
    moving = threading.Thread(target=lambda: answers.update(move=move_form.submit(client)))
    moving.start()
    try:
        assert paused.wait(WAIT), "the move never took its lock"
        late = add_japanese(seminar, "森", "もり", items=ITEMS).id
        place = open_form(admin, kind["page"], action=kind["page"] + "/place-new")
        assert place.submit(admin).status_code == 302
    finally:
        go_on.set()
        moving.join(WAIT)

    shown = client.get(answers["move"].headers["Location"]).get_data(as_text=True)
    assert "2号车已满（3座）" in shown or "第2桌已满（3座）" in shown
    db.session.expire_all()
    after = dict(_groups(seminar, kind))
    assert late in [d.id for d in after[2]] and mover in [d.id for d in after[1]]
    assert len(after[2]) == 3
