import pytest

from seminar_reg import create_app
from seminar_reg.auth.models import StaffUser
from seminar_reg.auth.operations import authenticate, create_user
from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD, make_test_app
from tests.forms import open_form


def _log_in(client, email: str, password: str, url: str = "/login?lang=en"):
    """Type the email and password into the rendered login page and press the button."""
    form = open_form(client, url, field="password")
    form["email"] = email
    form["password"] = password
    return form.submit(client)


def test_logging_in_through_the_page_opens_the_console(app, staff_user):
    client = app.test_client()
    response = _log_in(client, staff_user("secretariat"), STAFF_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"].endswith("/console/")
    assert client.get("/console/").status_code == 200


def test_wrong_password_and_unknown_account_get_the_same_message(app, staff_user):
    staff_user("secretariat")
    client = app.test_client()
    wrong = _log_in(client, "secretariat@seminar.example", "nope-nope-nope")
    unknown = _log_in(client, "nobody@seminar.example", "nope-nope-nope")
    assert wrong.status_code == unknown.status_code == 401
    assert "The email or password is not correct." in wrong.get_data(as_text=True)
    assert "The email or password is not correct." in unknown.get_data(as_text=True)


def test_passwords_are_hashed_with_a_current_algorithm(app, staff_user):
    email = staff_user("viewer")
    user = db.session.execute(db.select(StaffUser).filter_by(email=email)).scalar_one()
    assert user.password_hash.startswith(("scrypt:", "pbkdf2:sha256:"))
    assert STAFF_PASSWORD not in user.password_hash


def test_outside_the_tests_passwords_are_hashed_with_scrypt(app):
    # The test apps hash cheaply (tests/conftest.py); a real app's default is scrypt.
    app.config["PASSWORD_HASH_METHOD"] = create_app({"TESTING": True}).config[
        "PASSWORD_HASH_METHOD"
    ]  # the app's configuration is restored after the test
    user = create_user("scrypt@seminar.example", STAFF_PASSWORD, "viewer")
    assert user.password_hash.startswith("scrypt:")
    assert authenticate("scrypt@seminar.example", STAFF_PASSWORD, "127.0.0.1").user == user
    assert authenticate("nobody@seminar.example", STAFF_PASSWORD, "127.0.0.1").user is None


def test_session_cookie_is_httponly_and_samesite(app, staff_user):
    email = staff_user("viewer")
    response = app.test_client().post("/login", data={"email": email, "password": STAFF_PASSWORD})
    cookie = response.headers.get("Set-Cookie", "")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_login_redirect_refuses_other_hosts(app, staff_user):
    email = staff_user("viewer")
    client = app.test_client()
    response = _log_in(client, email, STAFF_PASSWORD, "/login?next=https://evil.example/")
    assert response.headers["Location"].endswith("/console/")


def test_create_user_command_reads_the_password_from_stdin(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["create-user", "desk@seminar.example", "--role", "checkin"],
                           input="a-long-enough-password\n")
    assert result.exit_code == 0, result.output
    user = db.session.execute(
        db.select(StaffUser).filter_by(email="desk@seminar.example")
    ).scalar_one()
    assert user.role == "checkin"
    short = runner.invoke(args=["create-user", "x@seminar.example", "--role", "viewer"],
                          input="short\n")
    assert short.exit_code != 0 and "at least 10" in short.output


@pytest.fixture
def csrf_app(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        from tests.conftest import _empty_all_tables

        yield app
        db.session.remove()
        _empty_all_tables()
        db.engine.dispose()


def test_forged_console_post_is_refused_with_csrf_on(csrf_app):
    from seminar_reg.auth.operations import create_user
    from seminar_reg.program.seeding import seed_program
    from seminar_reg.registration.demo import load_demo_data
    from seminar_reg.registration.models import Delegate

    seed_program()
    from seminar_reg.program.queries import current_seminar

    load_demo_data(current_seminar(), japan=1, china=0)
    create_user("admin@seminar.example", STAFF_PASSWORD, "admin")
    client = csrf_app.test_client()
    import re

    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    logged_in = client.post("/login", data={"email": "admin@seminar.example",
                                            "password": STAFF_PASSWORD, "csrf_token": token})
    assert logged_in.status_code == 302
    delegate = db.session.execute(db.select(Delegate)).scalar_one()
    forged = client.post(f"/console/delegates/{delegate.id}/cancel")
    assert forged.status_code == 400
    db.session.refresh(delegate)
    assert delegate.status == "confirmed"
