"""The registration's floor in benchmarks/requests.py (benchmarks/floor.py) answers as the
benchmark asks it, and its SQL stays the registration's: the same statements, in the same
order, on the same tables (the benchmark would otherwise compare with something else)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select
from werkzeug.middleware.dispatcher import DispatcherMiddleware
from werkzeug.test import Client

from benchmarks.floor import FLOOR_EDITION, add_floor_seminar, form_app
from benchmarks.request_client import FILLED, _replace, form_fields
from benchmarks.requests import _bare_table, bare_app
from seminar_reg.extensions import db
from seminar_reg.program.models import Seminar
from seminar_reg.registration.models import Delegate, DelegateSearchToken, ItemHeadcount
from tests.forms import open_form
from tests.registration.helpers import JAPANESE, fill
from tests.statements import counted_work


@pytest.fixture
def served(app, seminar):
    """The app with the bare app and the floor's form app mounted as the benchmark does.
    The bare table goes when the test ends: it is no model's, and a later test on the same
    database (models and migrations agree, tests/test_app.py) would find it."""
    metadata = _bare_table().metadata
    metadata.create_all(db.engine)
    with db.engine.begin() as connection:
        add_floor_seminar(connection)
    bare = bare_app(db.engine)
    floor = form_app("floor-secret-" + "0" * 32, *bare.floor_stores)
    yield Client(DispatcherMiddleware(app.wsgi_app, {"/bare": bare, "/bare/form": floor}))
    db.session.remove()  # no transaction of the test's waits on the DROP
    metadata.drop_all(db.engine)


def _delegates(edition: int) -> int:
    return db.session.execute(
        select(func.count(Delegate.id)).join(Seminar).where(Seminar.edition == edition)
    ).scalar_one()


def _bare_rows() -> int:
    with db.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(_bare_table())).scalar_one()


def test_the_floor_form_takes_the_registrations_answers_with_its_csrf_token(served):
    page = served.get("/bare/form/?lang=ja").get_data(as_text=True)
    fields = _replace(form_fields(page), **FILLED, email="floor-1@seminar.example")
    assert len({name for name, _value in form_fields(page)}) == 24  # unchecked boxes not sent
    rows = _bare_rows()
    answer = served.post("/bare/form/?lang=ja", data=dict(fields))
    assert answer.status_code == 302
    assert _bare_rows() == rows + 1
    without_token = [(name, value) for name, value in fields if name != "csrf_token"]
    assert served.post("/bare/form/?lang=ja", data=dict(without_token)).status_code == 400
    no_consent = [(name, value) for name, value in fields if name != "consent"]
    assert served.post("/bare/form/statements?lang=ja", data=dict(no_consent)).status_code == 400
    assert served.post("/bare/form/statements?lang=ja", data=dict(fields)).status_code == 302


def test_the_sql_floor_writes_to_its_own_seminar_and_the_triggers_run(served, seminar):
    assert served.post("/bare/statements").status_code == 204
    assert _delegates(FLOOR_EDITION) == 1
    assert _delegates(seminar.edition) == 0
    floor_delegate = db.session.execute(select(Delegate.id)).scalar_one()
    tokens = select(func.count()).where(DelegateSearchToken.delegate_id == floor_delegate)
    assert db.session.execute(tokens).scalar_one() > 0  # migration 0019's trigger
    counted_people = select(func.sum(ItemHeadcount.people))
    assert db.session.execute(counted_people).scalar_one() == 1  # migration 0017's


def _shape(sql: str) -> str:
    """A statement's verb, table and locking, without its columns and parameters."""
    words = " ".join(sql.split())
    verb = words.split()[0]
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", words).group(1)
    lock = "FOR NO KEY UPDATE" if "FOR NO KEY UPDATE" in words else ""
    returning = "RETURNING" if "RETURNING" in words else ""
    joins = words.count(" JOIN ")
    return f"{verb} {table} joins={joins} {lock} {returning}".strip()


def test_the_sql_floor_sends_the_registrations_statements(client, served):
    form = open_form(client, "/register/japan?lang=ja", field="consent")
    # As the benchmark's client fills it: one item (two would be one executemany).
    person = {**JAPANESE, "item_codes": ["plenary"], "email": "real@seminar.example"}
    fill(form, {**person, "consent": True})
    with counted_work() as registration:
        response = form.submit(client, buffered=False)
        assert response.status_code == 302
    response.close()  # its mail, after the response, is not the registration's
    served.post("/bare/statements")  # the floor's seminar and item ids, read once
    with counted_work() as floor:
        assert served.post("/bare/statements").status_code == 204
    assert [_shape(sql) for sql in floor.sql] == [_shape(s) for s in registration.sql]
    assert len(floor.sql) == 5  # read, lock, delegate, place, mail
    assert floor.commits == registration.commits == 1
