"""`flask --app seminar_reg user ...`: list, set-password, deactivate, activate."""

from .helpers import account, events, log_in


def _run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=list(args), input=input)


def test_create_user_still_works_and_refuses_common_passwords(app):
    created = _run(app, "create-user", "desk@seminar.example", "--role", "checkin",
                   input="desk passphrase for the day\n")
    assert created.exit_code == 0, created.output
    common = _run(app, "create-user", "x@seminar.example", "--role", "viewer",
                  input="password123\n")
    assert common.exit_code != 0 and "too easy to guess" in common.output
    assert [e.actor.startswith("command line") for e in events("account_created")] == [True]


def test_user_list_shows_every_account(app, staff_user):
    staff_user("checkin", "desk@seminar.example")
    staff_user("admin", "admin@seminar.example")
    result = _run(app, "user", "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("admin@seminar.example\tadmin\tactive")
    assert lines[1].startswith("desk@seminar.example\tcheckin\tactive\tlast login -")


def test_set_password_ends_sessions(app, staff_user):
    email = staff_user("checkin", "desk@seminar.example")
    desk = app.test_client()
    assert log_in(desk, email).status_code == 302
    result = _run(app, "user", "set-password", "Desk@seminar.example",
                  input="a brand new desk passphrase\n")
    assert result.exit_code == 0, result.output
    assert desk.get("/console/").status_code == 302
    assert log_in(app.test_client(), email, "a brand new desk passphrase").status_code == 302
    short = _run(app, "user", "set-password", email, input="short\n")
    assert short.exit_code != 0 and "at least 10" in short.output
    unknown = _run(app, "user", "set-password", "nobody@seminar.example", input="x" * 20 + "\n")
    assert unknown.exit_code != 0 and "There is no account" in unknown.output


def test_deactivate_and_activate(app, staff_user):
    email = staff_user("checkin", "desk@seminar.example")
    staff_user("admin", "admin@seminar.example")
    desk = app.test_client()
    assert log_in(desk, email).status_code == 302
    assert _run(app, "user", "deactivate", email).exit_code == 0
    assert desk.get("/console/").status_code == 302
    assert not account(email).active
    assert "deactivated" in _run(app, "user", "list").output
    assert log_in(app.test_client(), email).status_code == 401
    assert _run(app, "user", "activate", email).exit_code == 0
    assert log_in(app.test_client(), email).status_code == 302


def test_the_last_admin_cannot_be_deactivated(app, staff_user):
    email = staff_user("admin", "admin@seminar.example")
    result = _run(app, "user", "deactivate", email)
    assert result.exit_code != 0 and "last active administrator" in result.output
    assert account(email).active
