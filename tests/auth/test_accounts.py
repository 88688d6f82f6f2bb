"""Administrators create, reset, deactivate and reactivate accounts in the console;
passwords are long and uncommon; every change is in the audit trail."""

import pytest

from tests.conftest import STAFF_PASSWORD
from tests.forms import form_of, open_form

from .helpers import account, events, log_in


@pytest.fixture
def admin(login_as):
    client = login_as("admin")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"  # pages after a redirect, too
    return client


def _reset_form(client, user_id: int, lang: str = "en"):
    return open_form(client, f"/console/accounts?lang={lang}",
                     action=f"/console/accounts/{user_id}/password")


def test_an_admin_resets_a_password_and_the_old_sessions_end(app, admin, staff_user):
    desk_email = staff_user("checkin", "desk@seminar.example")
    desk = app.test_client()
    assert log_in(desk, desk_email).status_code == 302

    form = _reset_form(admin, account(desk_email).id)
    form[f"reset-{account(desk_email).id}-password"] = "fresh desk passphrase 26 July"
    response = form.submit(admin, follow_redirects=True)
    assert "New password set for desk@seminar.example" in response.get_data(as_text=True)

    assert desk.get("/console/").status_code == 302
    assert log_in(app.test_client(), desk_email).status_code == 401
    assert log_in(app.test_client(), desk_email, "fresh desk passphrase 26 July").status_code == 302
    reset = events("password_reset")
    assert [(e.actor, e.subject) for e in reset] == [("admin@seminar.example", desk_email)]


@pytest.mark.parametrize(
    ("lang", "password", "message"),
    [
        ("en", "short", "The password needs at least 10 characters."),
        ("ja", "password1234", "推測されやすいパスワード"),
        ("zh", "qwertyuiop", "容易被猜到"),
        ("en", "1234567890", "too easy to guess"),
    ],
)
def test_weak_passwords_are_refused_in_the_user_s_language(
    app, admin, staff_user, lang, password, message
):
    desk_email = staff_user("checkin", "desk@seminar.example")
    user_id = account(desk_email).id
    form = _reset_form(admin, user_id, lang)
    form[f"reset-{user_id}-password"] = password
    response = form.submit(admin, headers={"Accept-Language": lang})
    assert response.status_code == 400
    errors = form_of(response, action=f"/console/accounts/{user_id}/password")
    assert errors[f"reset-{user_id}-password"] is not None
    assert message in response.get_data(as_text=True)
    assert log_in(app.test_client(), desk_email).status_code == 302


def test_a_new_account_with_a_common_password_is_refused(app, admin):
    form = open_form(admin, "/console/accounts?lang=en", field="role")
    form["email"] = "press@seminar.example"
    form["password"] = "iloveyou123"
    form["role"] = "viewer"
    response = form.submit(admin)
    assert response.status_code == 400
    assert "too easy to guess" in response.get_data(as_text=True)
    assert [e.subject for e in events("account_created")] == ["admin@seminar.example"]


def test_an_admin_creates_an_account(app, admin):
    form = open_form(admin, "/console/accounts?lang=en", field="role")
    form["email"] = "Press@Seminar.example"
    form["password"] = "organisers read headcounts"
    form["role"] = "viewer"
    response = form.submit(admin, follow_redirects=True)
    assert "Account created." in response.get_data(as_text=True)
    assert account("press@seminar.example").role == "viewer"
    assert [e.subject for e in events("account_created")][-1] == "press@seminar.example"


def test_deactivation_ends_sessions_and_refuses_logins_until_reactivated(app, admin, staff_user):
    desk_email = staff_user("checkin", "desk@seminar.example")
    desk = app.test_client()
    assert log_in(desk, desk_email).status_code == 302
    user_id = account(desk_email).id

    form = open_form(admin, "/console/accounts?lang=en",
                     action=f"/console/accounts/{user_id}/deactivate")
    page = form.submit(admin, follow_redirects=True).get_data(as_text=True)
    assert "desk@seminar.example is deactivated" in page
    assert not account(desk_email).active
    assert desk.get("/console/").status_code == 302
    assert log_in(app.test_client(), desk_email).status_code == 401

    form = open_form(admin, "/console/accounts?lang=en",
                     action=f"/console/accounts/{user_id}/activate")
    form.submit(admin)
    assert log_in(app.test_client(), desk_email).status_code == 302
    kinds = [e.kind for e in events() if e.subject == desk_email]
    assert kinds[-2:] == ["account_deactivated", "account_activated"]


def test_an_admin_cannot_deactivate_their_own_account(app, admin):
    me = account("admin@seminar.example")
    page = admin.get("/console/accounts").get_data(as_text=True)
    assert f"/console/accounts/{me.id}/deactivate" not in page
    # hostile: the post the page does not offer
    response = admin.post(f"/console/accounts/{me.id}/deactivate", follow_redirects=True)
    assert response.status_code == 200
    assert account("admin@seminar.example").active
    assert admin.get("/console/").status_code == 200


def test_roles_are_shown_in_the_reader_s_language(app, admin):
    page = admin.get("/console/accounts?lang=ja").get_data(as_text=True)
    assert "管理者" in page


def test_staff_without_the_right_cannot_manage_accounts(app, login_as, staff_user):
    secretariat = login_as("secretariat")
    desk_email = staff_user("checkin", "desk@seminar.example")
    user_id = account(desk_email).id
    refused = secretariat.post(f"/console/accounts/{user_id}/password",
                               data={f"reset-{user_id}-password": "x" * 20})
    assert refused.status_code == 403
    assert log_in(app.test_client(), desk_email, STAFF_PASSWORD).status_code == 302
