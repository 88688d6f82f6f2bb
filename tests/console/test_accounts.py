"""Creating staff accounts on the admin's page, as an administrator fills it in."""

from __future__ import annotations

from seminar_reg.auth.models import StaffUser
from seminar_reg.extensions import db
from tests.forms import open_form


def _new_account_form(client):
    client.set_cookie("lang", "en")
    return open_form(client, "/console/accounts", button="Create account")


def test_admin_creates_a_desk_account_that_can_log_in(app, login_as):
    admin = login_as("admin")
    form = _new_account_form(admin)
    assert form.options("role") == ["admin", "secretariat", "checkin", "viewer"]
    form["email"] = "desk2@seminar.example"
    form["password"] = "a-long-enough-password"
    form["role"] = "checkin"
    response = form.submit(admin, follow_redirects=True)
    assert "Account created." in response.get_data(as_text=True)
    user = db.session.execute(
        db.select(StaffUser).filter_by(email="desk2@seminar.example")
    ).scalar_one()
    assert user.role == "checkin"
    desk = app.test_client()
    login = open_form(desk, "/login", field="password")
    login["email"] = "desk2@seminar.example"
    login["password"] = "a-long-enough-password"
    assert login.submit(desk).status_code == 302
    assert desk.get("/console/checkin/").status_code == 200


def test_a_short_password_is_refused_next_to_the_field(app, login_as):
    admin = login_as("admin")
    form = _new_account_form(admin)
    form["email"] = "short@seminar.example"
    form["password"] = "short"
    form["role"] = "viewer"
    response = form.submit(admin)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    errors = page[page.index('id="password-errors"'):]
    assert "at least 10" in errors[: errors.index("</ul>")]
    assert db.session.execute(
        db.select(StaffUser).filter_by(email="short@seminar.example")
    ).scalar_one_or_none() is None
