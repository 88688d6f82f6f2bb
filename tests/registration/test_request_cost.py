"""What a registration costs the database: one commit, and statements that do not grow
with the delegates already registered (benchmarks/requests.py times it)."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from seminar_reg.extensions import db
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from tests.forms import open_form
from tests.registration.helpers import CHINESE, JAPANESE, fill, personal_link


@contextmanager
def counted():
    seen = {"commits": 0, "statements": 0}

    def commit(_conn):
        seen["commits"] += 1

    def statement(*_args):
        seen["statements"] += 1

    event.listen(db.engine, "commit", commit)
    event.listen(db.engine, "before_cursor_execute", statement)
    try:
        yield seen
    finally:
        event.remove(db.engine, "commit", commit)
        event.remove(db.engine, "before_cursor_execute", statement)


def _register(client, side: str, person: dict, email: str) -> dict:
    form = open_form(client, f"/register/{side}?lang=ja", field="consent")
    fill(form, {**person, "email": email, "consent": True})
    # Unbuffered: the mail sent after the response (its own commits) waits for close().
    with counted() as seen:
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
    assert [seen["commits"] for seen in few + many] == [1, 1, 1, 1]
    assert [seen["statements"] for seen in many] == [seen["statements"] for seen in few]


def test_saving_the_own_page_commits_once(client, seminar, app):
    _register(client, "japan", JAPANESE, JAPANESE["email"])
    client.get(personal_link(app, JAPANESE["email"]))
    form = open_form(client, "/my", field="title")
    form["title"] = "副市長"
    with counted() as seen:
        response = form.submit(client, buffered=False)
        assert response.status_code == 302
    response.close()
    assert seen["commits"] == 1
