"""What a registration POST answers besides its redirect: no cookie when the session has
not changed (the page set its CSRF token; re-signing and sending the session on every
POST would be work for nothing), and a cookie again where the session does change.
benchmarks/requests.py times the POST; this holds what keeps its answer small."""

from __future__ import annotations

import pytest

from tests.forms import open_form
from tests.registration.helpers import CHINESE, JAPANESE, fill


@pytest.fixture
def guarded(app, seminar):
    """CSRF on, as served (the tests' app has it off): the page puts its token in the
    session, the one thing a registration's session holds. Restored by ``app``."""
    app.config["WTF_CSRF_ENABLED"] = True
    return app.test_client()


def _registered(client, side: str, person: dict, email: str):
    form = open_form(client, f"/register/{side}?lang=ja", field="consent")
    fill(form, {**person, "email": email, "consent": True})
    response = form.submit(client)
    assert response.status_code == 302
    return response


def test_a_registration_answers_its_redirect_without_a_cookie(guarded):
    for side, person in (("japan", JAPANESE), ("china", CHINESE)):
        response = _registered(guarded, side, person, person["email"])
        assert response.headers["Location"].endswith("/register/complete")
        assert "Set-Cookie" not in response.headers
    # The session still holds the page's CSRF token: a second form posts without a new one.
    again = _registered(guarded, "japan", JAPANESE, f"again-{JAPANESE['email']}")
    assert "Set-Cookie" not in again.headers


def test_a_registration_refused_keeps_the_session_as_it_was(guarded):
    # The same address twice: the lost-link answer, the same redirect, still no cookie.
    _registered(guarded, "japan", JAPANESE, JAPANESE["email"])
    response = _registered(guarded, "japan", JAPANESE, JAPANESE["email"])
    assert "Set-Cookie" not in response.headers


def test_the_first_page_sets_the_cookie_the_posts_then_use(guarded):
    # The guard above could pass with no session at all: the page does set one, once.
    page = guarded.get("/register/japan?lang=ja")
    assert "session=" in page.headers.get("Set-Cookie", "")
    assert "Set-Cookie" not in guarded.get("/register/japan?lang=ja").headers
