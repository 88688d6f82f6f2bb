"""Returning delegates: the earlier edition's record fills the new form only in the
browser that opened the link mailed to that address."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.program.editions import create_edition, make_current
from seminar_reg.registration.models import Delegate
from tests.factories import add_japanese
from tests.forms import open_form
from tests.mailbox import body, mails_to, personal_link, sent_mails

EMAIL = "namiki@example.jp"


@pytest.fixture
def seventeen(seminar):
    """Namiki registered for the 16th; the 17th is now current."""
    add_japanese(seminar, "並木", "なみき", "心", "こころ", email=EMAIL, organization="羽村市役所")
    new = create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    return new


def _ask_for_link(client, email: str):
    form = open_form(client, "/register/japan?lang=ja", action="/register/japan/returning")
    form["returning-email"] = email
    return form.submit(client)


def test_the_form_fills_in_only_after_the_mailed_link_is_opened(app, seventeen):
    stranger, namiki = app.test_client(), app.test_client()
    response = _ask_for_link(stranger, EMAIL)
    assert response.status_code == 302
    page = stranger.get("/register/japan?lang=ja").get_data(as_text=True)
    # The one who typed the address learns nothing: same answer, no data on the form.
    assert "並木" not in page and "羽村市役所" not in page
    assert "earlier seminar" in page or "以前のセミナー" in page

    # Besides the 16th's confirmation: one mail with a link and no calendar of old items.
    (mail,) = [
        m
        for m in mails_to(app, EMAIL)
        if "text/calendar" not in [part.get_content_type() for part in m.walk()]
    ]
    assert "第16回" in mail["Subject"] and "並木" in body(mail)

    link = personal_link(mail)
    opened = namiki.get(link)
    assert opened.status_code == 302 and opened.location.endswith("/register/japan")
    form = open_form(namiki, "/register/japan?lang=ja", field="consent")
    assert (form["family_name"], form["given_name"], form["family_reading"]) == (
        "並木",
        "心",
        "なみき",
    )
    assert (form["organization"], form["email"]) == ("羽村市役所", EMAIL)
    form["item_codes"] = ["plenary"]
    form.check("consent")
    assert form.submit(namiki).status_code == 302

    records = db.session.execute(
        select(Delegate.seminar_id, Delegate.family_name).where(Delegate.email_key == EMAIL)
    ).all()
    assert len(records) == 2 and {row.family_name for row in records} == {"並木"}
    assert seventeen.id in {row.seminar_id for row in records}
    # Still nothing for the stranger's browser.
    assert "羽村市役所" not in stranger.get("/register/japan").get_data(as_text=True)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(app, seventeen):
    client = app.test_client()
    response = _ask_for_link(client, "nobody@example.jp")
    assert response.status_code == 302
    assert mails_to(app, "nobody@example.jp") == []
    assert all(
        "/my/" not in body(mail) or mail["To"] != "nobody@example.jp" for mail in sent_mails(app)
    )


def test_a_past_editions_link_no_longer_opens_its_registration(app, seventeen):
    _ask_for_link(app.test_client(), EMAIL)
    namiki = app.test_client()
    (mail,) = [m for m in mails_to(app, EMAIL) if not m.is_multipart()]
    assert namiki.get(personal_link(mail)).status_code == 302
    assert namiki.get("/my").status_code == 404  # /my is the current edition's only
