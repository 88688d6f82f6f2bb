""""I lost my link", and the registration form sent again with a registered address:
the same answer for every address, a new link mailed to a registered one. Neither
form tells a stranger who is attending (issue 14, finding 7)."""

from __future__ import annotations

from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import open_form

from ..mailbox import body, mails_to, personal_link
from .helpers import CHINESE, JAPANESE, payload, register_through_form

ANSWER = {
    "en": "If this address is registered, a new link is on its way.",
    "ja": "このアドレスが登録されていれば、新しいリンクをお送りしました。",
}


def _ask_for_a_new_link(client, email: str, lang: str = "en"):
    client.set_cookie("lang", lang)  # as the language switcher leaves it
    form = open_form(client, "/lost-link")
    form["email"] = email
    response = form.submit(client)
    assert response.status_code == 302
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_registered_address_gets_a_new_link_and_the_old_one_stops_working(app, seminar):
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    (confirmation,) = mails_to(app, JAPANESE["email"])
    page = _ask_for_a_new_link(app.test_client(), "NAMIKI@example.jp", lang="ja")
    assert ANSWER["ja"] in page
    renewed = mails_to(app, JAPANESE["email"])[-1]
    assert "新しい個人用リンク" in renewed["Subject"] and "以前のリンク" in body(renewed)
    assert app.test_client().get(personal_link(confirmation)).status_code == 404
    assert app.test_client().get(personal_link(renewed)).status_code == 302


def test_a_link_that_no_longer_works_says_how_to_get_a_new_one(app, seminar):
    """The replaced link, and /my reopened after the browser was closed (the session is
    gone; /my is what the address bar showed): a 404 that leads to a new link, not
    'there is no page at this address'."""
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    (confirmation,) = mails_to(app, JAPANESE["email"])
    _ask_for_a_new_link(app.test_client(), JAPANESE["email"], lang="ja")
    for path in (personal_link(confirmation), "/my"):
        visitor = app.test_client()
        visitor.set_cookie("lang", "ja")
        response = visitor.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 404 and "このリンクでは登録内容を開けません" in page
        assert 'href="/lost-link"' in page
    # The way out works: the form it leads to answers.
    assert ANSWER["ja"] in _ask_for_a_new_link(visitor, JAPANESE["email"], lang="ja")


def test_the_answer_is_the_same_for_a_stranger_and_no_mail_is_sent(app, seminar):
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    registered = _ask_for_a_new_link(app.test_client(), JAPANESE["email"])
    unknown = _ask_for_a_new_link(app.test_client(), "nobody@example.jp")
    assert registered == unknown and ANSWER["en"] in unknown
    assert mails_to(app, "nobody@example.jp") == []


def test_asking_again_at_once_does_not_flood_the_mailbox(app, seminar):
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    for _ in range(3):
        _ask_for_a_new_link(app.test_client(), JAPANESE["email"])
    kinds = [mail["Subject"] for mail in mails_to(app, JAPANESE["email"])]
    assert len(kinds) == 2  # the confirmation and one renewed link


def test_an_invalid_address_is_refused_next_to_the_field(client, seminar):
    form = open_form(client, "/lost-link?lang=en")
    form["email"] = "not-an-address"
    response = form.submit(client)
    assert response.status_code == 400
    assert 'class="field has-error"' in response.get_data(as_text=True)


def test_the_registration_form_does_not_tell_who_is_registered(app, seminar):
    """A stranger who types a delegate's address sees exactly what a new registrant
    sees; the delegate gets a new link, and nothing else changes."""
    register_through_form(app.test_client(), "china", CHINESE, lang="zh")
    stranger, newcomer = app.test_client(), app.test_client()
    taken = register_through_form(stranger, "china", payload(CHINESE, title="冒充"), lang="zh")
    fresh = register_through_form(
        newcomer, "china", payload(CHINESE, email="new@example.cn"), lang="zh"
    )
    assert (taken.status_code, taken.headers["Location"]) == (
        fresh.status_code,
        fresh.headers["Location"],
    )
    taken_page = stranger.get("/register/complete?lang=zh").get_data(as_text=True)
    assert taken_page == newcomer.get("/register/complete?lang=zh").get_data(as_text=True)
    assert "已注册" not in taken_page and CHINESE["email"] not in taken_page
    # No second registration, no change to the first; its owner got a new link.
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == 2
    original = db.session.execute(
        select(Delegate).where(Delegate.email == CHINESE["email"])
    ).scalar_one()
    assert original.title == CHINESE["title"]
    assert "新个人链接" in mails_to(app, CHINESE["email"])[-1]["Subject"]
    # Neither visitor holds a registration in their session.
    assert stranger.get("/my").status_code == 404 and newcomer.get("/my").status_code == 404


def test_hostile_addresses_are_refused_without_a_trace(client, seminar):
    """Hand-built posts: what the form's own field would never send."""
    for email in ("namiki\x00@example.jp", "a" * 300 + "@example.jp", "x@example.jp\u202e"):
        response = client.post("/lost-link", data={"email": email})
        assert response.status_code in (400, 413), email
