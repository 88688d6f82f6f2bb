"""A registration's mail goes out right after the response, on a real server.

werkzeug's server skips a response's ``close`` (and so ``call_on_close``) when the
client resets the connection after reading the answer; urllib's client did so for about
1 POST in 10 here, and that registration's mail stayed pending, unlogged, until the
next request or the timer. Nothing here sends mail: only the server does."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request

from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.mail.models import MailStatus, OutgoingMail
from tests.browser.conftest import live_server, live_server_session  # noqa: F401
from tests.forms import form_in
from tests.registration.helpers import JAPANESE, fill

REGISTRATIONS = 30
# Generous for a loaded machine; the send takes tens of milliseconds when unloaded.
WAIT_SECONDS = 10


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _register(base_url: str, email: str) -> None:
    """Load the form, fill in what it renders, post it, follow the redirect, as a browser."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _NoRedirect
    )
    page = "/register/japan?lang=ja"
    form = form_in(opener.open(base_url + page).read().decode(), page, field="consent")
    fill(form, {key: value for key, value in JAPANESE.items() if key != "consent"})
    form["email"] = email
    form.check("consent")
    body = urllib.parse.urlencode(list(form.data(None).items(multi=True))).encode()
    try:
        opener.open(urllib.parse.urljoin(base_url + page, form.url), body)
    except urllib.error.HTTPError as redirect:
        assert redirect.code in (302, 303), redirect.code
        opener.open(urllib.parse.urljoin(base_url, redirect.headers["Location"])).read()
    else:
        raise AssertionError("the registration did not redirect")


def _status(app, email: str) -> str:
    with app.app_context():
        query = select(OutgoingMail.status).where(OutgoingMail.recipient == email)
        return db.session.execute(query).scalar_one()


def test_every_registration_mail_is_sent_by_the_server_after_its_response(
    live_server, seminar  # noqa: F811
):
    unsent = []
    for number in range(REGISTRATIONS):
        email = f"after-response-{number}@example.jp"
        _register(live_server.url, email)
        deadline = time.monotonic() + WAIT_SECONDS
        while (status := _status(live_server.app, email)) != MailStatus.SENT:
            if time.monotonic() > deadline:
                unsent.append((email, status))
                break
            time.sleep(0.01)
    assert unsent == []
