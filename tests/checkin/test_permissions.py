"""Only roles with CHECK_IN reach the desk: viewers get 403, anonymous visitors log in."""

from __future__ import annotations

import pytest

from .helpers import make_delegate

pytestmark = pytest.mark.same_on_every_database

ROUTES = [
    ("GET", "/console/checkin/"),
    ("GET", "/console/checkin/plenary"),
    ("GET", "/console/checkin/plenary?mode=camera"),
    ("GET", "/console/checkin/plenary/lookup?q=namiki"),
    ("GET", "/console/checkin/csrf-token"),
    ("GET", "/console/checkin/plenary/roster"),
    ("GET", "/console/checkin/sw.js"),
    ("GET", "/console/checkin/plenary/people/{id}"),
    ("GET", "/console/checkin/plenary/walk-in"),
    ("POST", "/console/checkin/plenary/scans"),
]


def _request(client, method: str, url: str, code: str, delegate_id: int = 0):
    url = url.format(id=delegate_id)
    if method == "POST":
        return client.post(url, json={"code": code, "client_scan_id": "perm-test-1"})
    return client.get(url)


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_viewer_gets_403(login_as, seminar, method, url):
    person = make_delegate(seminar)
    response = _request(login_as("viewer"), method, url, person.checkin_code, person.id)
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_anonymous_is_sent_to_login(client, seminar, method, url):
    person = make_delegate(seminar)
    response = _request(client, method, url, person.checkin_code, person.id)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("role", ["admin", "secretariat", "checkin"])
@pytest.mark.parametrize(("method", "url"), ROUTES)
def test_roles_with_check_in_get_through(login_as, seminar, role, method, url):
    person = make_delegate(seminar)
    response = _request(login_as(role), method, url, person.checkin_code, person.id)
    assert response.status_code == 200


def test_nothing_is_stored_for_a_refused_scan(login_as, seminar):
    from sqlalchemy import func, select

    from seminar_reg.checkin.models import CheckIn
    from seminar_reg.extensions import db

    person = make_delegate(seminar)
    _request(login_as("viewer"), "POST", ROUTES[-1][1], person.checkin_code)
    assert db.session.execute(select(func.count(CheckIn.id))).scalar_one() == 0
