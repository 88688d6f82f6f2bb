"""Missing, foreign, forged and replayed CSRF tokens are refused with a page that says
what to do, and nothing is stored."""

from __future__ import annotations

import pytest
from itsdangerous import URLSafeTimedSerializer

from seminar_reg.registration.history import snapshot
from tests.mailbox import latest_link
from tests.registration.helpers import CHINESE, JAPANESE, payload

from .support import csrf_token, stored_counts

pytestmark = pytest.mark.same_on_every_database

EXPIRED_TEXT = "The form has expired or was sent from elsewhere."


@pytest.fixture
def csrf_app(custom_app):
    return custom_app(WTF_CSRF_ENABLED=True)


def _form_token(client, path: str = "/register/japan") -> str:
    return csrf_token(client.get(path).get_data(as_text=True))


def _refused(response) -> None:
    assert response.status_code == 400
    assert EXPIRED_TEXT in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/register/japan", "/register/china", "/login", "/my/cancel"])
def test_posts_without_a_token_are_refused(csrf_app, path):
    before = stored_counts()
    _refused(csrf_app.test_client().post(f"{path}?lang=en", data=payload(JAPANESE)))
    assert stored_counts() == before


def test_token_of_another_session_is_refused(csrf_app):
    stolen = _form_token(csrf_app.test_client())
    victim = csrf_app.test_client()
    victim.get("/register/japan")  # a session of its own, with its own token
    _refused(victim.post("/register/japan?lang=en", data=payload(JAPANESE, csrf_token=stolen)))
    assert stored_counts() == (0, 0)


def test_forged_token_is_refused(csrf_app):
    client = csrf_app.test_client()
    _form_token(client)
    forged = URLSafeTimedSerializer("guessed-secret", salt="wtf-csrf-token").dumps("x" * 40)
    _refused(client.post("/register/japan?lang=en", data=payload(JAPANESE, csrf_token=forged)))
    assert stored_counts() == (0, 0)


def test_replayed_registration_stores_one_delegate(csrf_app):
    client = csrf_app.test_client()
    fields = payload(CHINESE, csrf_token=_form_token(client, "/register/china"))
    assert client.post("/register/china", data=fields).status_code == 302
    once = stored_counts()
    replay = client.post("/register/china?lang=en", data=fields)
    # The same answer as a first registration (the form tells no stranger who is
    # registered), and nothing stored twice.
    assert replay.status_code == 302
    assert stored_counts() == once


def test_replayed_self_service_change_without_session_is_refused(csrf_app):
    owner = csrf_app.test_client()
    fields = payload(JAPANESE, csrf_token=_form_token(owner))
    assert owner.post("/register/japan", data=fields).status_code == 302
    owner.get(latest_link(csrf_app))  # the owner opens the mailed link
    from seminar_reg.extensions import db
    from seminar_reg.registration.models import Delegate

    delegate = db.session.query(Delegate).one()
    before = snapshot(delegate)
    token = _form_token(owner, "/my")
    attacker = csrf_app.test_client()  # has the owner's form token, not the owner's cookie
    response = attacker.post("/my?lang=en", data=payload(JAPANESE, title="X", csrf_token=token))
    assert response.status_code == 400
    db.session.expire_all()
    assert snapshot(db.session.get(Delegate, delegate.id)) == before
