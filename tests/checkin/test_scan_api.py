"""The scan API answers every outcome, stores exactly one check-in per person and item."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from seminar_reg.checkin.models import CheckIn
from seminar_reg.extensions import db

from .helpers import make_delegate


def count_checkins() -> int:
    return db.session.execute(select(func.count(CheckIn.id))).scalar_one()


def test_first_scan_checks_in_with_name_side_and_organization(desk, namiki):
    answer = desk({"code": namiki.checkin_code, "client_scan_id": "scan-0001"}).get_json()
    assert answer["outcome"] == "checked_in"
    assert answer["message"] == "Checked in"
    person = answer["delegate"]
    assert (person["name"], person["name_lang"]) == ("並木 心", "ja")
    assert (person["cross_name"], person["cross_lang"]) == ("并木心", "zh-Hans")
    assert person["side_label"] == "Japanese side"
    assert person["organization"] == "東京都羽村市"
    assert answer["checked_in_count"] == 1
    checkin = db.session.execute(select(CheckIn)).scalar_one()
    assert checkin.method == "scan" and checkin.client_scan_id == "scan-0001"
    assert checkin.staff.email == "checkin@seminar.example"


def test_scanner_whitespace_around_the_code_is_ignored(desk, namiki):
    answer = desk({"code": f"  {namiki.checkin_code}\r\n"}).get_json()
    assert answer["outcome"] == "checked_in"


def test_second_scan_answers_already_checked_in_with_the_time(desk, namiki):
    first = desk({"code": namiki.checkin_code, "client_scan_id": "scan-0001"}).get_json()
    again = desk({"code": namiki.checkin_code, "client_scan_id": "scan-0002"}).get_json()
    assert again["outcome"] == "already"
    assert re.fullmatch(r"Already checked in at \d\d:\d\d", again["message"])
    assert again["checked_in_at"] == first["checked_in_at"]
    assert count_checkins() == 1


def test_the_same_person_may_check_in_at_each_of_their_items(desk, namiki):
    assert desk({"code": namiki.checkin_code}).get_json()["outcome"] == "checked_in"
    answer = desk({"code": namiki.checkin_code}, item="clair-reception").get_json()
    assert answer["outcome"] == "checked_in"
    assert count_checkins() == 2


def test_replayed_client_scan_id_answers_the_original_result(desk, namiki):
    first = desk({"code": namiki.checkin_code, "client_scan_id": "offline-1"}).get_json()
    replay = desk({"code": namiki.checkin_code, "client_scan_id": "offline-1"}).get_json()
    assert replay["outcome"] == "checked_in" and replay["replayed"] is True
    assert replay["checked_in_at"] == first["checked_in_at"]
    assert count_checkins() == 1


def test_not_registered_is_answered_and_nothing_stored(desk, seminar):
    person = make_delegate(seminar, "shan", ("site-visit",))
    answer = desk({"code": person.checkin_code}).get_json()
    assert answer["outcome"] == "not_registered"
    assert answer["message"] == "Not registered for this item"
    assert answer["may_admit"] is True
    assert answer["delegate"]["name"] == "单伟"
    assert count_checkins() == 0


def test_admit_with_a_note_stores_the_note(desk, seminar):
    person = make_delegate(seminar, "shan", ("site-visit",))
    answer = desk(
        {"code": person.checkin_code, "admit": True, "note": " Invited by the mayor "}
    ).get_json()
    assert answer["outcome"] == "checked_in"
    assert answer["message"] == "Admitted with a note"
    assert answer["note"] == "Invited by the mayor"
    assert db.session.execute(select(CheckIn.note)).scalar_one() == "Invited by the mayor"


def test_admit_without_a_note_is_refused(desk, seminar):
    person = make_delegate(seminar, "shan", ("site-visit",))
    response = desk({"code": person.checkin_code, "admit": True, "note": "  "})
    assert response.status_code == 400
    assert "note" in response.get_json()["error"]
    assert count_checkins() == 0


def test_a_registered_person_admitted_needs_no_note(desk, namiki):
    answer = desk({"code": namiki.checkin_code, "admit": True}).get_json()
    assert answer["outcome"] == "checked_in" and answer["note"] == ""


def test_cancelled_delegate_is_refused_even_with_a_note(desk, seminar):
    person = make_delegate(seminar, "wang", ("plenary",), cancelled=True)
    for body in (
        {"code": person.checkin_code},
        {"code": person.checkin_code, "admit": True, "note": "insists"},
    ):
        answer = desk(body).get_json()
        assert answer["outcome"] == "cancelled"
        assert answer["level"] == "stop"
        assert answer["message"] == "Registration cancelled: do not admit"
    assert count_checkins() == 0


def test_unknown_code(desk, namiki):
    answer = desk({"code": "not-a-badge"}).get_json()
    assert answer == answer | {"outcome": "unknown", "delegate": None, "level": "stop"}
    assert answer["message"].startswith("Unknown code")
    assert desk({"code": "x" * 500}).get_json()["outcome"] == "unknown"
    for hostile in ("\x00\x01", "😀", "' OR 1=1 --", namiki.checkin_code.lower() + "x"):
        assert desk({"code": hostile}).get_json()["outcome"] == "unknown", hostile
    assert count_checkins() == 0


def test_a_badge_of_another_seminar_is_refused(desk, seminar, namiki):
    from seminar_reg.program.models import Seminar

    columns = {c.name: getattr(seminar, c.name) for c in Seminar.__table__.columns}
    other = Seminar(**{**columns, "id": None, "edition": 15, "fiscal_year": 2016})
    db.session.add(other)
    db.session.commit()
    stranger = make_delegate(other, "shan", ())
    answer = desk({"code": stranger.checkin_code}).get_json()
    assert answer["outcome"] == "unknown" and answer["delegate"] is None
    assert count_checkins() == 0


def _stored_time() -> dt.datetime:
    return db.session.execute(select(CheckIn.checked_in_at)).scalar_one()


def test_a_scan_sent_late_counts_from_when_it_was_taken(desk, namiki):
    now = dt.datetime.now(dt.UTC)
    taken = (now - dt.timedelta(minutes=40)).replace(microsecond=0)
    body = {"code": namiki.checkin_code, "taken_at": taken.isoformat().replace("+00:00", "Z")}
    answer = desk(body).get_json()
    assert _stored_time() == taken.replace(tzinfo=None)
    venue = taken.astimezone(ZoneInfo("Asia/Shanghai"))
    assert answer["checked_in_at"] == f"{venue:%H:%M}"


@pytest.mark.parametrize(
    "taken_at",
    [
        "+1h",  # ahead of the server: a wrong device clock
        "-2d",  # older than a day
        "2017-07-27T09:00:00",  # no zone
        "yesterday",
        12345,
    ],
)
def test_an_unbelievable_scan_time_is_replaced_by_the_servers(desk, namiki, taken_at):
    now = dt.datetime.now(dt.UTC)
    shifts = {"+1h": dt.timedelta(hours=1), "-2d": -dt.timedelta(days=2)}
    if taken_at in shifts:
        taken_at = (now + shifts[taken_at]).isoformat()
    answer = desk({"code": namiki.checkin_code, "taken_at": taken_at})
    assert answer.get_json()["outcome"] == "checked_in"
    stored = _stored_time()
    assert abs(stored - now.replace(tzinfo=None)) < dt.timedelta(minutes=1)


def test_answers_are_in_the_desk_language(desk, namiki):
    desk.client.set_cookie("lang", "zh")
    answer = desk({"code": namiki.checkin_code}).get_json()
    assert answer["delegate"]["side_label"] == "日方"


def test_lookup_admission_by_delegate_id_is_method_lookup(desk, namiki):
    answer = desk({"delegate_id": namiki.id, "client_scan_id": "lookup-01"}).get_json()
    assert answer["outcome"] == "checked_in"
    assert db.session.execute(select(CheckIn.method)).scalar_one() == "lookup"


def test_malformed_requests_are_refused(desk, namiki):
    for body in (
        {},
        {"code": ""},
        {"code": 5},
        {"delegate_id": "1"},
        {"code": namiki.checkin_code, "client_scan_id": "bad id!"},
        {"code": namiki.checkin_code, "note": "x" * 301},
    ):
        response = desk(body)
        assert response.status_code == 400, body
        assert response.get_json()["error"]
    assert desk.client.post("/console/checkin/plenary/scans", data="x").status_code == 400
    assert count_checkins() == 0


def test_unknown_item_is_404(desk, namiki):
    assert desk({"code": namiki.checkin_code}, item="no-such-item").status_code == 404
