"""The list a desk keeps on its device: what it holds per role, and how it syncs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from sqlalchemy import select

from seminar_reg.checkin.models import CheckIn
from seminar_reg.checkin.roster import code_hash
from seminar_reg.extensions import db
from seminar_reg.registration.operations import register

from .helpers import delegate_data, make_delegate

PERSON_KEYS = {
    "id", "h", "name", "name_lang", "cross_name", "cross_lang", "latin_name", "side",
    "organization", "cross_organization", "reading", "place", "search",
}


@pytest.fixture
def people(seminar):
    data = dataclasses.replace(
        delegate_data("namiki", ("plenary",), email="namiki.private@example.org"),
        phone="+81 90 1234 5678",
        title="市長",
        dietary="other",
        dietary_note="シーフード不可",
        needs_hotel=True,
        arrival_transport="NH925",
    )
    namiki, _token = register(seminar, data)
    return {
        "namiki": namiki,
        "shan": make_delegate(seminar, "shan", ("site-visit",)),
        "wang": make_delegate(seminar, "wang", ("plenary",), cancelled=True),
    }


@pytest.mark.parametrize("role", ["checkin", "secretariat"])
def test_the_roster_holds_what_the_desk_needs_and_nothing_more(login_as, people, role):
    response = login_as(role).get("/console/checkin/plenary/roster")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    roster = response.get_json()
    body = response.get_data(as_text=True)
    for secret in ("namiki.private", "1234 5678", "市長", "シーフード", "NH925",
                   people["namiki"].checkin_code, people["shan"].checkin_code):
        assert secret not in body
    by_id = {person["id"]: person for person in roster["people"]}
    namiki = by_id[people["namiki"].id]
    assert set(namiki) == PERSON_KEYS
    assert namiki["name"] == "並木 心" and namiki["cross_name"] == "并木心"
    assert namiki["reading"] == "なみき こころ" and namiki["place"] == "confirmed"
    assert namiki["organization"] == "東京都羽村市"
    # the search text is the server's own (names.search), the browser only matches in it
    assert namiki["search"] == people["namiki"].search_text and "なみき" in namiki["search"]
    assert namiki["h"] == code_hash(roster["salt"], people["namiki"].checkin_code)
    assert by_id[people["shan"].id]["place"] == "none"
    # a cancelled badge: only its hash, to answer "cancelled" without keeping who it was
    assert by_id[people["wang"].id] == {
        "id": people["wang"].id,
        "h": code_hash(roster["salt"], people["wang"].checkin_code),
        "place": "cancelled",
    }
    assert "王" not in body
    assert roster["side_labels"]["china"]
    # the list expires at the end of the item's day at the venue (27 July 2017, UTC+8)
    assert roster["expires_at"] == int(
        dt.datetime(2017, 7, 28, tzinfo=dt.timezone(dt.timedelta(hours=8))).timestamp() * 1000
    )


def test_viewers_and_visitors_get_no_roster(login_as, client, people):
    assert login_as("viewer").get("/console/checkin/plenary/roster").status_code == 403
    response = client.get("/console/checkin/plenary/roster")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def _since(roster: dict) -> str:
    return (
        f"after={roster['after']}&checkins={roster['checkins_stamp']}"
        f"&people={roster['people_stamp']}"
    )


def test_sync_sends_only_what_changed(desk, people, seminar):
    client = desk.client
    full = client.get("/console/checkin/plenary/roster").get_json()
    assert full["checkins"] == {} and full["checkins_complete"] is True

    quiet = client.get(f"/console/checkin/plenary/roster?{_since(full)}").get_json()
    assert "people" not in quiet and quiet["checkins"] == {}
    assert quiet["checkins_complete"] is False

    desk({"code": people["namiki"].checkin_code})
    new = client.get(f"/console/checkin/plenary/roster?{_since(quiet)}").get_json()
    assert "people" not in new and new["checkins_complete"] is False
    assert list(new["checkins"]) == [str(people["namiki"].id)]
    assert new["checked_in_count"] == 1

    # someone registers (a walk-in at another desk): the people come again
    make_delegate(seminar, "takahashi", ("plenary",))
    again = client.get(f"/console/checkin/plenary/roster?{_since(new)}").get_json()
    assert len(again["people"]) == 4 and again["checkins"] == {}

    # an undo changes an earlier row: the whole list of check-ins comes, now empty
    db.session.execute(CheckIn.__table__.delete())
    db.session.commit()
    after_undo = client.get(f"/console/checkin/plenary/roster?{_since(again)}").get_json()
    assert after_undo["checkins_complete"] is True and after_undo["checkins"] == {}


def test_a_nonsense_sync_request_gets_everything(desk, people):
    answer = desk.client.get(
        "/console/checkin/plenary/roster?after=-1&checkins=%00&people=zz"
    ).get_json()
    assert answer["checkins_complete"] is True and len(answer["people"]) == 3


def test_two_desks_offline_make_one_check_in_at_the_first_time(desk, people):
    code = people["namiki"].checkin_code
    now = dt.datetime.now(dt.UTC)
    first, second = now - dt.timedelta(minutes=10), now - dt.timedelta(minutes=4)
    # desk B comes back online first with its later scan, then desk A with the earlier one
    b = desk({"code": code, "client_scan_id": "desk-b-0001", "taken_at": second.isoformat()})
    a = desk({"code": code, "client_scan_id": "desk-a-0001", "taken_at": first.isoformat()})
    assert b.get_json()["outcome"] == "checked_in"
    answer = a.get_json()
    assert answer["outcome"] == "already"
    (row,) = db.session.execute(select(CheckIn)).scalars()
    db.session.refresh(row)
    assert abs(row.checked_in_at - first.replace(tzinfo=None)) < dt.timedelta(seconds=1)
    # both desks, asking again, hear the first time
    again = desk({"code": code}).get_json()
    assert again["checked_in_at"] == answer["checked_in_at"]
    assert again["checked_in_count"] == 1


def test_logout_tells_the_browser_to_clear_the_desk_data(login_as):
    client = login_as("checkin")
    response = client.post("/logout")
    assert response.status_code == 302
    assert response.headers["Clear-Site-Data"] == '"cache", "storage"'


def test_the_service_worker_is_served_from_the_desk_folder(login_as, seminar):
    """With this release's version in the name of its copies, never cached by HTTP (the
    browser compares it with the worker it has to find a new release)."""
    from seminar_reg.static_files import RELEASE_PLACEHOLDER, release_version

    client = login_as("checkin")
    desk_page = client.get("/console/checkin/plenary").get_data(as_text=True)
    registered = re.search(r'data-sw-url="([^"]+)"', desk_page)[1]
    assert registered == f"/console/checkin/sw.js?v={release_version()}"
    response = client.get(registered)
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-store"
    script = response.get_data(as_text=True)
    assert "addEventListener(\"fetch\"" in script
    assert f'const RELEASE = "{release_version()}";' in script
    assert RELEASE_PLACEHOLDER not in script


@pytest.mark.parametrize("encoding", ["gzip", "br"])
def test_the_list_travels_compressed_when_the_client_accepts_it(desk, people, encoding):
    """A venue's Wi-Fi is slow and a whole list is mostly repeated keys: compressed for
    a browser that says it can read it (every browser does), plain for one that does not."""
    import gzip

    import brotli

    url = "/console/checkin/plenary/roster"
    plain = desk.client.get(url)
    assert "Content-Encoding" not in plain.headers
    packed = desk.client.get(url, headers={"Accept-Encoding": encoding})
    assert packed.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in packed.headers["Vary"]  # caches keep the two apart
    unpack = gzip.decompress if encoding == "gzip" else brotli.decompress
    roster = json.loads(unpack(packed.get_data()))
    assert roster["people"] == plain.get_json()["people"] and len(roster["people"]) == 3
    assert len(packed.get_data()) < len(plain.get_data()) / 2
