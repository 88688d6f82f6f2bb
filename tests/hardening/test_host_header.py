"""Links in mails come from PUBLIC_URL, never from the request's Host header, and a
request for a host outside TRUSTED_HOSTS is refused (issue 14, finding 4)."""

from __future__ import annotations

import pytest

from tests.forms import open_form

from ..mailbox import body, sent_mails
from ..registration.helpers import CHINESE, fill

pytestmark = pytest.mark.same_on_every_database


def test_a_forged_host_cannot_put_itself_in_a_mailed_link(app, seminar):
    client = app.test_client()
    form = open_form(client, "/register/china?lang=zh", field="consent")
    fill(form, {k: v for k, v in CHINESE.items() if k != "consent"})
    form.check("consent")
    response = form.submit(client, headers={"Host": "evil.example"})
    assert response.status_code == 302
    (mail,) = sent_mails(app)
    text = body(mail)
    assert "evil.example" not in mail.as_string()
    assert app.config["PUBLIC_URL"] + "/my/" in text


def test_requests_for_other_hosts_are_refused_when_trusted_hosts_is_set(app):
    app.config.update(
        PUBLIC_URL="https://seminar.example.org", TRUSTED_HOSTS=["seminar.example.org"]
    )
    client = app.test_client()
    refused = client.get("/login?lang=en", headers={"Host": "evil.example"})
    assert refused.status_code == 400
    assert "not served under this address" in refused.get_data(as_text=True)
    assert client.get("/login", headers={"Host": "seminar.example.org"}).status_code == 200
