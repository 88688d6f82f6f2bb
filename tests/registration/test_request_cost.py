"""What a registration costs the database: one commit, and statements that do not grow
with the delegates already registered (benchmarks/requests.py times it)."""

from __future__ import annotations

import re

from sqlalchemy import event

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from tests.forms import form_of, open_form
from tests.registration.helpers import CHINESE, JAPANESE, fill, personal_link
from tests.statements import counted_work


def _register(client, side: str, person: dict, email: str) -> dict:
    form = open_form(client, f"/register/{side}?lang=ja", field="consent")
    fill(form, {**person, "email": email, "consent": True})
    # Unbuffered: the mail sent after the response (its own commits) waits for close().
    with counted_work() as seen:
        response = form.submit(client, buffered=False)
        assert response.status_code == 302
    response.close()
    return seen


def test_a_registration_commits_once_whatever_the_number_of_delegates(client, seminar):
    few = [
        _register(client, s, p, f"a-{p['email']}")
        for s, p in (("japan", JAPANESE), ("china", CHINESE))
    ]
    store_rows(seminar, demo_delegates(100, 100))
    many = [
        _register(client, s, p, f"b-{p['email']}")
        for s, p in (("japan", JAPANESE), ("china", CHINESE))
    ]
    assert [seen.commits for seen in few + many] == [1, 1, 1, 1]
    assert [len(seen.sql) for seen in many] == [len(seen.sql) for seen in few]


def _save_own_page(client, **changes) -> dict:
    form = open_form(client, "/my", field="title")
    for name, values in changes.items():
        if name == "item_codes":
            form.check(name, *values)
        else:
            form[name] = values
    with counted_work() as seen:
        response = form.submit(client, buffered=False)
        assert response.status_code == 302
    response.close()
    return seen


def test_a_registration_reads_the_items_once_and_stores_in_five_statements(client, seminar):
    # The seminar with its items (one statement: the form's choices and the rules'
    # check), the items' lock, the delegate, the place, the queued mail. An item without
    # a capacity has a seat for everyone: its seats are not counted. The address is not
    # asked for first: the database's constraint refuses a taken one
    # (tests/registration/test_lost_link.py registers one twice).
    seen = _register(client, "china", {**CHINESE, "item_codes": ["plenary"]}, CHINESE["email"])
    assert (seen.commits, len(seen.sql)) == (1, 5)
    assert not [sql for sql in seen.sql if sql.startswith("SELECT delegate.id")]
    # The places left and the days are not shown on a registration that goes through: its
    # read of the items counts no seats (the count walks each limited item's places) and
    # loads no day.
    columns = re.split(r"\sfrom\s", seen.sql[0].lower())[0]
    assert "program_item.code" in columns and "count(" not in columns
    assert "program_day." not in columns


def test_an_answer_that_comes_back_shows_the_places_left_read_then(client, seminar):
    # Only then are the seats counted (a second read): the page says what is left.
    item_by_code(seminar, "site-visit").capacity = 1
    db.session.commit()
    _register(client, "china", CHINESE, CHINESE["email"])  # takes site-visit's one seat
    form = open_form(client, "/register/japan?lang=ja", field="consent")
    fill(form, {**JAPANESE, "email": f"b-{JAPANESE['email']}", "item_codes": ["plenary"]})
    form["family_reading"] = "Namiki"  # not kana: the answer comes back
    with counted_work() as seen:
        response = form.submit(client)
    assert response.status_code == 400
    returned = form_of(response, field="consent")
    assert returned.option_label("item_codes", "site-visit").endswith("満席（キャンセル待ち）")
    counting = [sql for sql in seen.sql if "count(" in sql.lower()]
    assert len(counting) == 1 and "program_item" in counting[0]
    assert len(seen.sql) == 2  # the days come with the places left, not one by one


def _is_lock(sql: str) -> bool:
    # database.lock_rows: SQLite's no-op UPDATE, PostgreSQL's SELECT ... FOR NO KEY UPDATE.
    return sql.startswith("UPDATE program_item") or "FOR NO KEY UPDATE" in sql


def test_a_registration_stores_its_rows_as_statements_without_an_orm_flush(client, seminar):
    # After the seminar's read and the items' lock: the delegate (its id returned by the
    # INSERT), both its places in one INSERT, its mail row; the ORM's unit of work
    # flushes nothing (building, sorting and reading back its flush was half of the
    # storing's time, issue 18).
    flushes = []

    def flushing(session, _context, _instances):
        flushes.append([type(row).__name__ for row in (*session.new, *session.dirty)])

    form = open_form(client, "/register/china?lang=ja", field="consent")
    fill(form, {**CHINESE, "consent": True})  # two items
    event.listen(db.session, "before_flush", flushing)
    with counted_work() as seen:
        response = form.submit(client, buffered=False)
    event.remove(db.session, "before_flush", flushing)
    response.close()  # sends the mail (its own flushes), after the response
    assert response.status_code == 302
    writes = [" ".join(sql.split()[:3]) for sql in seen.sql[2:]]
    assert seen.commits == 1 and len(seen.sql) == 5
    assert _is_lock(seen.sql[1])
    assert writes == [
        "INSERT INTO delegate",
        "INSERT INTO attendance",
        "INSERT INTO outgoing_mail",
    ]
    assert "RETURNING" in seen.sql[2]
    assert flushes == []


def test_only_an_item_with_a_capacity_has_its_seats_counted(client, seminar):
    # Under the lock, one count for each chosen item that has a capacity, none for one
    # without (plenary): giving site-visit a capacity adds that one statement.
    person = {**CHINESE, "item_codes": ["plenary", "site-visit"]}
    open_items = _register(client, "china", person, f"a-{CHINESE['email']}")
    item_by_code(seminar, "site-visit").capacity = 50
    db.session.commit()
    limited = _register(client, "china", person, f"b-{CHINESE['email']}")
    counts = [sql for sql in limited.sql if sql.lower().startswith("select count(")]
    assert [open_items.commits, limited.commits] == [1, 1]
    assert len(limited.sql) == len(open_items.sql) + 1
    assert len(counts) == 1 and "attendance.item_id" in counts[0]


def test_saving_the_own_page_commits_once_reading_neither_history_nor_each_item(
    client, seminar, app
):
    _register(client, "japan", JAPANESE, JAPANESE["email"])
    client.get(personal_link(app, JAPANESE["email"]))
    first = _save_own_page(client, title="副市長")
    offered = open_form(client, "/my", field="title").options("item_codes")
    _save_own_page(client, item_codes=offered)  # more places, and history rows
    for title in ("市長", "副市長", "課長"):
        last = _save_own_page(client, title=title)
    # The seminar, the delegate, the items, the places, the address, the delegate's
    # update, the history row (no lock: no seat taken or freed): the same with 2 places
    # or all of them, and however long the history.
    assert [first.commits, last.commits] == [1, 1]
    assert len(first.sql) == len(last.sql) == 7


def test_a_registration_writes_with_statements_built_once(client, seminar):
    # The items' lock, the delegate's and places' INSERTs and the mail row's run the
    # same statement objects each time: built anew, each also had its cache key
    # computed again to find it compiled (a quarter of the lock's time).
    runs = []
    for email in ("a-" + CHINESE["email"], "b-" + CHINESE["email"]):
        form = open_form(client, "/register/china?lang=ja", field="consent")
        fill(form, {**CHINESE, "email": email, "consent": True})
        executed = []

        def note(_conn, clause, *_args, executed=executed):
            executed.append(clause)

        event.listen(db.engine, "before_execute", note)
        response = form.submit(client, buffered=False)
        event.remove(db.engine, "before_execute", note)
        response.close()
        assert response.status_code == 302
        runs.append(executed[1:])  # after the seminar's read (the form's: not here)
    first, second = runs
    assert len(first) == 4
    assert [id(clause) for clause in first] == [id(clause) for clause in second]


def test_a_registration_builds_its_items_from_the_columns_it_reads(client, seminar):
    # Issue 18: building the edition and its items from their rows was ~40% of the
    # POST's read. It needs the deadline, the choices' codes and titles, the audience
    # and the capacity (read again under the lock), not the texts the page shows.
    from sqlalchemy import inspect

    from seminar_reg.program.models import ProgramItem, Seminar

    loaded = []

    def note(target, _context):
        columns = set(inspect(target).dict) - {"_sa_instance_state"}
        loaded.append((type(target).__name__, frozenset(columns)))

    form = open_form(client, "/register/china?lang=ja", field="consent")
    fill(form, {**CHINESE, "consent": True})
    db.session.remove()  # what the page read is not the answer's
    for model in (Seminar, ProgramItem):
        event.listen(model, "load", note)
    try:
        response = form.submit(client, buffered=False)
    finally:
        for model in (Seminar, ProgramItem):
            event.remove(model, "load", note)
    response.close()
    assert response.status_code == 302
    titles = {"title_ja", "title_zh", "title_en"}
    item_columns = {"id", "code", "audience", "capacity", *titles}
    assert ("Seminar", {"id", "registration_deadline"}) in loaded
    items = [columns for kind, columns in loaded if kind == "ProgramItem"]
    assert len(items) > 2 and all(columns == item_columns for columns in items)
