"""The mailed links of a delegation's requests (to join it; to fill in a member from an
earlier record) answer a stale link as /my and /invitation do: a 404 page that says what
the link was, why it stopped and what to do, in the reader's language, not "no page at
this address"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import update

from seminar_reg.clock import utcnow
from seminar_reg.delegations.models import MembershipRequest, ReturningMember
from seminar_reg.extensions import db
from seminar_reg.program.editions import create_edition, make_current
from tests.factories import add_japanese
from tests.forms import open_form
from tests.mailbox import body, mails_to

from .helpers import MEMBER, add_member, invite

OWNER = "owner@hachioji.example.jp"
JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")
AGREE_LINK = re.compile(r"https?://[^\s/]+(/delegation/returning/[A-Za-z0-9_\-]+)")
EXPIRED = dt.timedelta(days=31)

# What each page says, by language: its heading, and a phrase of what to do.
JOIN_PAGE = {
    "ja": ("このリンクでは代表団への参加依頼を開けません", "もう一度追加してもらってください"),
    "zh": ("此链接无法打开加入代表团的请求", "请让代表团联系人再次添加您的邮箱地址"),
    "en": ("This link does not open a request to join a delegation",
           "ask its contact to add your email address again"),
}
RETURNING_PAGE = {
    "ja": ("このリンクでは以前の登録内容の利用依頼を開けません",
           "依頼をもう一度送ってもらってください"),
    "zh": ("此链接无法打开使用您以往登记信息的请求", "请让其再次发送请求"),
    "en": ("This link does not open a request for your earlier details",
           "ask them to send the request again"),
}
NOT_FOUND = {"ja": "ページが見つかりません", "zh": "页面未找到", "en": "Page not found"}


def _reader(app, language: str):
    client = app.test_client()
    client.set_cookie("lang", language)
    return client


def _read(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 404
    return response.get_data(as_text=True)


def _says(page: str, words: tuple[str, str], language: str) -> None:
    heading, what_to_do = words
    assert f"<h1>{heading}</h1>" in page and f"<title>{heading}" in page
    assert what_to_do in page.replace("\n", " ")
    assert NOT_FOUND[language] not in page


def _join_link(app, seminar) -> str:
    add_japanese(seminar, "八木", "やぎ", email=OWNER)
    contact = app.test_client()
    assert contact.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp")).status_code == 302
    assert add_member(contact, dict(MEMBER, email=OWNER)).status_code == 302
    (link,) = [m.group(1) for mail in mails_to(app, OWNER) if (m := JOIN_LINK.search(body(mail)))]
    return link


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_a_used_or_expired_join_link_says_what_to_do(app, seminar, language):
    link = _join_link(app, seminar)
    person = _reader(app, language)
    assert open_form(person, link).submit(person, button="refuse").status_code == 302

    page = _read(person, link)  # declined: the link is used up
    _says(page, JOIN_PAGE[language], language)
    assert 'href="/lost-link"' in page  # their own page is the way on
    _says(_read(person, "/delegation/join"), JOIN_PAGE[language], language)
    _says(_read(_reader(app, language), "/delegation/join/" + "x" * 43), JOIN_PAGE[language],
          language)


def test_an_expired_join_link_says_how_long_the_link_works(app, seminar):
    link = _join_link(app, seminar)
    db.session.execute(update(MembershipRequest).values(created_at=utcnow() - EXPIRED))
    db.session.commit()
    page = _read(_reader(app, "ja"), link)
    _says(page, JOIN_PAGE["ja"], "ja")
    assert "30 日間" in page


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_a_stale_returning_member_link_says_what_to_do(app, seminar, language):
    add_japanese(seminar, "並木", "なみき", email="namiki@example.jp")
    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    contact = app.test_client()
    assert contact.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp")).status_code == 302
    form = open_form(contact, "/delegation", action="/delegation/returning")
    form["returning-email"] = "namiki@example.jp"
    assert form.submit(contact).status_code == 302
    (link,) = [m.group(1) for mail in mails_to(app, "namiki@example.jp")
               if (m := AGREE_LINK.search(body(mail)))]
    db.session.execute(update(ReturningMember).values(requested_at=utcnow() - EXPIRED))
    db.session.commit()

    person = _reader(app, language)
    page = _read(person, link)
    _says(page, RETURNING_PAGE[language], language)
    assert "30" in page and 'href="/lost-link"' not in page
    _says(_read(person, "/delegation/agreed"), RETURNING_PAGE[language], language)
    _says(_read(person, "/delegation/returning/not-a-token"), RETURNING_PAGE[language], language)
