"""Findings 9 and 10: ids past PostgreSQL's integer range (or negative) are "not found"
everywhere instead of a 500; a desk note with a control character is refused in the
desk's language; a scan id replayed with another badge at another item is not answered
as the first scan."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from seminar_reg.checkin.models import CheckIn
from seminar_reg.extensions import db
from tests.checkin.helpers import make_delegate

OUT_OF_RANGE = (2**31, 2**63, 10**30)


@pytest.fixture
def secretariat(login_as, seminar):
    return login_as("secretariat")


@pytest.fixture
def desk(login_as, seminar):
    client = login_as("checkin")

    def post(body: dict, item: str = "plenary", lang: str = "en"):
        return client.post(f"/console/checkin/{item}/scans?lang={lang}", json=body)

    return post


def _checkins() -> int:
    return db.session.execute(select(func.count(CheckIn.id))).scalar_one()


@pytest.mark.slow
@pytest.mark.parametrize("delegate_id", [*OUT_OF_RANGE, 2**31 - 1])
@pytest.mark.parametrize("suffix", ["", "/confirm"])
def test_delegate_pages_past_the_id_range_are_404(secretariat, delegate_id, suffix):
    method = secretariat.post if suffix else secretariat.get
    assert method(f"/console/delegates/{delegate_id}{suffix}").status_code == 404


@pytest.mark.parametrize("delegate_id", ["-1", "0", str(2**31), str(10**30)])
def test_badge_filter_with_an_id_out_of_range_is_refused_not_a_500(secretariat, delegate_id):
    response = secretariat.get(f"/console/badges/?delegate={delegate_id}&lang=en")
    assert response.status_code == 400
    response = secretariat.post(
        "/console/badges/?lang=en", data={"delegate": delegate_id, "count": "1"}
    )
    assert response.status_code == 400
    assert "Number must be between 1 and 2147483647." in response.get_data(as_text=True)


@pytest.mark.parametrize("delegate_id", [-5, 0, *OUT_OF_RANGE])
def test_a_bus_move_of_an_id_out_of_range_moves_nobody(secretariat, delegate_id):
    response = secretariat.post(
        "/console/logistics/buses/move?lang=en", data={"delegate_id": delegate_id, "target": 1}
    )
    assert response.status_code == 302  # back to the page, with the form's message


@pytest.mark.parametrize("delegate_id", [-1, 0, *OUT_OF_RANGE])
def test_a_scan_of_an_id_out_of_range_is_an_unknown_person(desk, delegate_id):
    response = desk({"delegate_id": delegate_id, "client_scan_id": "lookup-0001"})
    assert response.status_code == 200
    assert response.get_json()["outcome"] == "unknown"
    assert _checkins() == 0


@pytest.mark.parametrize("note", ["Invited\x00", "by\u202ethe mayor", "ring\x07", "a\u200bb"])
@pytest.mark.parametrize(
    ("lang", "message"),
    [("en", "The note contains characters that are not allowed."), ("ja", "使用できない文字")],
)
def test_a_desk_note_with_a_control_character_is_refused(desk, seminar, note, lang, message):
    person = make_delegate(seminar, "shan", ("site-visit",))
    response = desk({"code": person.checkin_code, "admit": True, "note": note}, lang=lang)
    assert response.status_code == 400
    assert message in response.get_json()["error"]
    assert _checkins() == 0


def test_a_scan_id_replayed_with_another_badge_at_another_item_is_a_new_scan(desk, seminar):
    namiki = make_delegate(seminar, "namiki", ("plenary", "clair-reception"))
    takahashi = make_delegate(seminar, "takahashi", ("plenary", "clair-reception"))
    first = desk({"code": namiki.checkin_code, "client_scan_id": "offline-0001"}).get_json()
    assert first["outcome"] == "checked_in"

    other = desk(
        {"code": takahashi.checkin_code, "client_scan_id": "offline-0001"},
        item="clair-reception",
    ).get_json()
    assert other["replayed"] is False
    assert other["delegate"]["id"] == takahashi.id  # not namiki's first scan
    assert other["outcome"] == "checked_in"
    stored = db.session.execute(select(CheckIn.delegate_id, CheckIn.item_id)).all()
    assert {delegate for delegate, _item in stored} == {namiki.id, takahashi.id}

    # The same id with another badge at the same item, or the same badge elsewhere:
    # answered for what was scanned, never as the first scan.
    same_item = desk({"code": takahashi.checkin_code, "client_scan_id": "offline-0001"})
    assert same_item.get_json()["delegate"]["id"] == takahashi.id
    assert same_item.get_json()["replayed"] is False
    elsewhere = desk(
        {"code": namiki.checkin_code, "client_scan_id": "offline-0001"}, item="clair-reception"
    ).get_json()
    assert (elsewhere["outcome"], elsewhere["replayed"]) == ("checked_in", False)
    assert _checkins() == 4

    # The true replay still answers the original scan.
    replay = desk({"code": namiki.checkin_code, "client_scan_id": "offline-0001"}).get_json()
    assert (replay["replayed"], replay["checked_in_at"]) == (True, first["checked_in_at"])
    assert _checkins() == 4
