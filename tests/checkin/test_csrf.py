"""With CSRF protection on (as in production) a scan needs the token in X-CSRFToken."""

from __future__ import annotations

import re

import pytest

from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD, _empty_all_tables, make_test_app

from .helpers import make_delegate

pytestmark = pytest.mark.same_on_every_database


@pytest.fixture
def csrf_app(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        from seminar_reg.auth.operations import create_user
        from seminar_reg.program.seeding import seed_program

        seed_program()
        create_user("desk@seminar.example", STAFF_PASSWORD, "checkin")
        yield app
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


def _logged_in(app):
    client = app.test_client()
    login_page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', login_page)[1]
    data = {"email": "desk@seminar.example", "password": STAFF_PASSWORD, "csrf_token": token}
    assert client.post("/login", data=data).status_code == 302
    return client


def test_scan_without_token_is_refused_with_token_accepted(csrf_app):
    from seminar_reg.program.queries import current_seminar

    person = make_delegate(current_seminar())
    client = _logged_in(csrf_app)
    url = "/console/checkin/plenary/scans"
    assert client.post(url, json={"code": person.checkin_code}).status_code == 400
    page = client.get("/console/checkin/plenary").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', page)[1]
    response = client.post(url, json={"code": person.checkin_code}, headers={"X-CSRFToken": token})
    assert response.get_json()["outcome"] == "checked_in"


def test_fresh_token_endpoint_gives_a_working_token(csrf_app):
    from seminar_reg.program.queries import current_seminar

    person = make_delegate(current_seminar())
    client = _logged_in(csrf_app)
    token = client.get("/console/checkin/csrf-token").get_json()["csrf_token"]
    response = client.post(
        "/console/checkin/plenary/scans",
        json={"code": person.checkin_code},
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 200
