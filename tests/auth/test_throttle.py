"""Finding 5: wrong passwords slow down the client that sends them, for that account,
instead of locking the account for everyone."""

from seminar_reg.auth.models import LoginFailure
from seminar_reg.extensions import db

from .helpers import DESK, ELSEWHERE, account, events, log_in

TOO_MANY = "Too many failed attempts from here"


def _fail_five_times(client, email, address):
    for _ in range(5):
        response = log_in(client, email, "wrong-password!", address=address)
        assert response.status_code == 401


def test_a_stranger_cannot_lock_out_the_desk(app, staff_user):
    desk = staff_user("checkin", "desk@seminar.example")
    _fail_five_times(app.test_client(), desk, ELSEWHERE)

    at_the_desk = log_in(app.test_client(), desk, address=DESK)
    assert at_the_desk.status_code == 302
    assert at_the_desk.headers["Location"].endswith("/console/")


def test_the_guessing_client_is_held_back_even_with_the_right_password(app, staff_user):
    desk = staff_user("checkin", "desk@seminar.example")
    stranger = app.test_client()
    _fail_five_times(stranger, desk, ELSEWHERE)

    held = log_in(stranger, desk, address=ELSEWHERE)
    assert held.status_code == 401
    assert TOO_MANY in held.get_data(as_text=True)
    assert [e.address for e in events("login_throttled")] == [ELSEWHERE]
    assert len(events("login_failed")) == 5


def test_unknown_accounts_are_throttled_the_same_way(app):
    """The answer must not tell a guesser which addresses are accounts."""
    client = app.test_client()
    _fail_five_times(client, "nobody@seminar.example", ELSEWHERE)
    held = log_in(client, "nobody@seminar.example", address=ELSEWHERE)
    assert held.status_code == 401 and TOO_MANY in held.get_data(as_text=True)


def test_the_owner_s_own_mistakes_are_forgotten_when_they_log_in(app, staff_user):
    desk = staff_user("checkin", "desk@seminar.example")
    client = app.test_client()
    for _ in range(4):
        log_in(client, desk, "wrong-password!", address=DESK)
    assert log_in(client, desk, address=DESK).status_code == 302
    assert db.session.execute(db.select(db.func.count(LoginFailure.id))).scalar_one() == 0
    assert account(desk).last_login_at is not None


def test_the_wait_is_said_in_the_user_s_language(app, staff_user):
    desk = staff_user("checkin", "desk@seminar.example")
    client = app.test_client()
    _fail_five_times(client, desk, ELSEWHERE)
    for lang, text in {"ja": "15 分", "zh": "15 分钟"}.items():
        page = log_in(client, desk, address=ELSEWHERE, lang=lang).get_data(as_text=True)
        assert text in page, lang
