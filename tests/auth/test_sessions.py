"""Finding 6: a session ends when its owner logs out, changes the password or is
deactivated, and after a quiet spell; a copied cookie ends with it."""

import time

from itsdangerous import URLSafeTimedSerializer

from seminar_reg.auth.routes import SEEN_KEY
from tests.conftest import STAFF_PASSWORD
from tests.forms import open_form

from .helpers import account, events, log_in


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def _replay(app, cookie: str):
    thief = app.test_client()
    thief.set_cookie("session", cookie)
    return thief.get("/console/")


def _logs_in(app, email):
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    assert log_in(client, email).status_code == 302
    return client


def test_a_cookie_copied_before_logout_no_longer_opens_the_console(app, staff_user):
    client = _logs_in(app, staff_user("secretariat"))
    cookie = _session_cookie(client)
    assert _replay(app, cookie).status_code == 200

    form = open_form(client, "/console/", action="/logout")
    assert form.submit(client).status_code == 302

    replayed = _replay(app, cookie)
    assert replayed.status_code == 302 and "/login" in replayed.headers["Location"]
    assert [e.kind for e in events()][-1] == "logout"


def test_logout_ends_every_session_of_the_account(app, staff_user):
    email = staff_user("checkin")
    phone, laptop = _logs_in(app, email), _logs_in(app, email)
    open_form(phone, "/console/", action="/logout").submit(phone)
    assert laptop.get("/console/").status_code == 302


def test_a_cookie_signed_without_a_session_version_is_nobody(app, staff_user):
    """Finding 1's forged cookie shape: {"_user_id": "1"} opens nothing even when signed."""
    staff_user("admin")
    admin = account("admin@seminar.example")
    serializer = app.session_interface.get_signing_serializer(app)
    assert isinstance(serializer, URLSafeTimedSerializer)
    forged = serializer.dumps({"_user_id": str(admin.id), "_fresh": True})
    response = _replay(app, forged)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, staff_user):
    email = staff_user("checkin")
    desk, other = _logs_in(app, email), _logs_in(app, email)

    form = open_form(desk, "/console/password?lang=en", field="current")
    form["current"] = STAFF_PASSWORD
    form["new"] = form["confirm"] = "a-new desk passphrase 2017"
    response = form.submit(desk, follow_redirects=True)
    assert "Your password was changed" in response.get_data(as_text=True)

    assert desk.get("/console/").status_code == 200
    assert other.get("/console/").status_code == 302
    assert log_in(app.test_client(), email, "a-new desk passphrase 2017").status_code == 302
    assert [e.subject for e in events("password_changed")] == [email]


def test_a_wrong_current_password_changes_nothing(app, staff_user):
    email = staff_user("checkin")
    desk = _logs_in(app, email)
    form = open_form(desk, "/console/password?lang=en", field="current")
    form["current"] = "not my password"
    form["new"] = form["confirm"] = "a-new desk passphrase 2017"
    response = form.submit(desk)
    assert response.status_code == 400
    assert "The current password is not correct." in response.get_data(as_text=True)
    assert log_in(app.test_client(), email).status_code == 302


def test_an_idle_session_is_logged_out(app, staff_user):
    assert app.config["STAFF_IDLE_TIMEOUT_MINUTES"] == 8 * 60
    client = _logs_in(app, staff_user("checkin"))
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 8 * 60 * 60 - 5
    response = client.get("/console/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_an_active_session_stays_and_moves_its_idle_clock(app, staff_user):
    client = _logs_in(app, staff_user("checkin"))
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 8 * 60 * 60 + 120
    assert client.get("/console/").status_code == 200
    with client.session_transaction() as session:
        assert session[SEEN_KEY] >= int(time.time()) - 5


def test_the_idle_timeout_is_configurable(app, staff_user):
    app.config["STAFF_IDLE_TIMEOUT_MINUTES"] = 5  # the fixture restores the configuration
    client = _logs_in(app, staff_user("checkin"))
    with client.session_transaction() as session:
        session[SEEN_KEY] = int(time.time()) - 6 * 60
    assert client.get("/console/").status_code == 302


def test_a_new_secret_key_refuses_the_old_cookie_and_a_fallback_reads_it(app, staff_user):
    """The session's signing serializer is built once per key (not per request): a key
    changed while the app runs is still the one that signs and checks."""
    client = _logs_in(app, staff_user("secretariat"))
    cookie = _session_cookie(client)
    sessions = app.session_interface
    assert sessions.get_signing_serializer(app) is sessions.get_signing_serializer(app)
    old_key = app.secret_key
    try:
        app.secret_key = "another-key-" + "x" * 40
        assert _replay(app, cookie).status_code == 302  # to the login page
        app.config["SECRET_KEY_FALLBACKS"] = [old_key]
        assert _replay(app, cookie).status_code == 200
    finally:
        app.secret_key = old_key
        app.config["SECRET_KEY_FALLBACKS"] = []
