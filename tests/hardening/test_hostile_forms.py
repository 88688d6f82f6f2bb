"""Hostile input on the public forms: any Unicode (unpaired surrogates, RTL and zero-width
characters, NUL, invalid UTF-8), malformed emails, wrong types, missing and repeated
fields, huge fields. The answer is always a redirect (stored completely) or a 4xx page
that says what is wrong; never a 500 and never part of a delegate."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import event, given
from hypothesis import strategies as st
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration.history import snapshot
from seminar_reg.registration.models import Delegate
from tests.mailbox import latest_link
from tests.registration.helpers import CHINESE, JAPANESE, payload

from .support import HOSTILE, form_body, stored_counts

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
FIELDS = (
    "family_name", "given_name", "family_reading", "given_reading", "family_latin",
    "given_latin", "organization", "organization_type", "title", "email", "phone", "role",
    "dietary", "dietary_note", "item_codes", "arrival_date", "arrival_time",
    "arrival_transport", "departure_date", "departure_time", "needs_hotel", "consent",
)  # fmt: skip
NASTY = [
    "\u202e", "\u200f", "\u200b", "\u200d", "\u2066", "\ufeff", "\ud800", "\udfff", "\x00",
    "\x1b", "\x7f", "\u2028", "\uffff", "\ufdd0", "\U0010ffff", "\u0301", "𠮷", "髙", "ｶ",
    "<script>", "'\"--;", "%00", "\r\n", " ", "", "@", "..", "japan", "plenary",
]  # fmt: skip
# An item that is offered to both sides, so adding it is a meaningful change.
ANY_SIDE_ITEM = "plenary"

nasty_text = st.lists(
    st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=30
).map("".join)
hostile_value = st.one_of(
    nasty_text,
    st.text(max_size=120),
    st.binary(max_size=60),  # raw bytes: invalid UTF-8 on the wire
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
    st.lists(nasty_text, min_size=2, max_size=3),  # a field sent several times
    st.just(None),  # a field left out
)
BAD_EMAILS = [
    "plain", "@example.jp", "a@", "a@@b.jp", "a b@c.jp", "a@b", "a@b..jp",
    "x" * 65 + "@example.jp", "a@" + "b" * 300 + ".jp", "用户@例子.广告",
    "a@ｅｘａｍｐｌｅ.jp", "a\u200b@example.jp", "a@example.jp\x00", "a@example.jp\n",
]  # fmt: skip
malformed_email = st.one_of(
    st.emails().map(lambda e: e.upper()),
    st.sampled_from(BAD_EMAILS),
    nasty_text.map(lambda t: f"{t}@example.jp"),
)
changes = st.dictionaries(
    st.sampled_from(FIELDS),
    hostile_value,
    max_size=4,
) | st.builds(lambda email: {"email": email}, malformed_email)

serial = itertools.count()
ERROR_SHOWN = re.compile(r'class="errors"[^>]*>\s*<li>|<h1>', re.S)


def _with_changes(base: dict, hostile: dict) -> dict:
    fields = payload(base, email=f"hostile{next(serial)}@example.jp")
    for name, value in hostile.items():
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    return fields


def _codes(fields: dict) -> set[str]:
    value = fields.get("item_codes", [])
    return set(value if isinstance(value, list) else [value])


def _newest_delegate() -> Delegate:
    return db.session.execute(select(Delegate).order_by(Delegate.id.desc()).limit(1)).scalar_one()


def _email_registered(email) -> bool:
    """Hypothesis may draw an address an earlier example already registered."""
    if not isinstance(email, str):
        return False
    key = email.strip().casefold()
    if not key.isprintable() or any(0xD800 <= ord(char) <= 0xDFFF for char in key):
        return False  # the form refuses it before any lookup; PostgreSQL would too
    found = db.session.execute(select(Delegate.id).where(Delegate.email_key == key)).first()
    return found is not None


def _check_registration(client, side: str, fields: dict) -> None:
    before = stored_counts()
    registered_already = _email_registered(fields.get("email"))
    response = client.post(f"/register/{side}", data=form_body(fields), headers=FORM)
    event(f"HTTP {response.status_code}")  # shown by --hypothesis-show-statistics
    assert response.status_code in (302, 400, 413), response.status_code
    after = stored_counts()
    if response.status_code == 302 and registered_already:
        # Answered like a new registration (nobody learns who attends); nothing stored.
        assert after == before
    elif response.status_code == 302:
        delegate = _newest_delegate()
        assert {a.item.code for a in delegate.attendances} == _codes(fields)
        assert after == (before[0] + 1, before[1] + len(_codes(fields)))
    else:
        assert ERROR_SHOWN.search(response.get_data(as_text=True))
        assert after == before


@pytest.mark.slow
@HOSTILE
@given(hostile=changes)
def test_japanese_form_survives_hostile_input(client, seminar, hostile):
    _check_registration(client, "japan", _with_changes(JAPANESE, hostile))


@HOSTILE
@given(hostile=changes)
def test_chinese_form_survives_hostile_input(client, seminar, hostile):
    _check_registration(client, "china", _with_changes(CHINESE, hostile))


def _self_service_client(client):
    fields = payload(JAPANESE, email="self@example.jp")
    assert client.post("/register/japan", data=fields).status_code == 302
    client.get(latest_link(client.application))  # the mailed link opens /my for this client
    return _newest_delegate().id


@HOSTILE
@given(hostile=changes)
def test_self_service_form_survives_hostile_input(client, seminar, hostile):
    if not db.session.execute(select(Delegate.id)).first():
        _self_service_client(client)
    delegate = _newest_delegate()
    before, before_counts = snapshot(delegate), stored_counts()
    fields = _with_changes(JAPANESE, hostile)
    if "email" not in hostile:
        fields["email"] = delegate.email  # otherwise each example changes the address
    response = client.post("/my", data=form_body(fields), headers=FORM)
    event(f"HTTP {response.status_code}")
    assert response.status_code in (302, 400, 413), response.status_code
    db.session.expire_all()
    delegate = db.session.get(Delegate, delegate.id)
    assert stored_counts()[0] == before_counts[0]
    if response.status_code == 302:
        assert {a.item.code for a in delegate.attendances} == _codes(fields)
    else:
        assert ERROR_SHOWN.search(response.get_data(as_text=True))
        assert snapshot(delegate) == before


@pytest.mark.slow
# Refused by the body limit before any query (3 x 10 MB parsed: seconds of CPU per pass).
@pytest.mark.same_on_every_database
def test_ten_megabyte_fields_are_refused_cleanly(client, seminar):
    _self_service_client(client)
    before = stored_counts()
    huge = "名" * (10 * 1024 * 1024 // 3)  # 10 MB of UTF-8
    for path, base in (("/register/japan", JAPANESE), ("/register/china", CHINESE),
                       ("/my", JAPANESE)):  # fmt: skip
        fields = payload(base, email="huge@example.jp", organization=huge)
        response = client.post(f"{path}?lang=en", data=fields)
        assert response.status_code == 413, path
        assert "The uploaded data is too large." in response.get_data(as_text=True)
    assert stored_counts() == before


def test_invalid_utf8_everywhere_is_a_clear_400(client, seminar):
    before = stored_counts()
    body = b"&".join(f"{name}=%ED%A0%80%FF%C0%AF".encode() for name in FIELDS)
    response = client.post("/register/china?lang=en", data=body, headers=FORM)
    assert response.status_code == 400
    assert ERROR_SHOWN.search(response.get_data(as_text=True))
    assert stored_counts() == before
