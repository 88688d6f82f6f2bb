"""The item list and the desk page: everything the script needs, nothing inline."""

from __future__ import annotations

import json
import re

import pytest

from seminar_reg.checkin.operations import Outcome
from seminar_reg.clock import venue_today
from seminar_reg.vocabulary import AttendanceStatus, DelegateStatus, Side

from .helpers import make_delegate, move_item_to_venue_today


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_index_lists_items_with_counts(desk, seminar):
    person = make_delegate(seminar)
    desk({"code": person.checkin_code})
    html = _html(desk.client, "/console/checkin/")
    assert 'href="/console/checkin/plenary"' in html
    assert 'href="/console/checkin/plenary?mode=camera"' in html


def test_desk_page_passes_urls_and_texts_as_data(desk, seminar):
    html = _html(desk.client, "/console/checkin/plenary")
    assert 'data-scan-url="/console/checkin/plenary/scans"' in html
    assert 'data-lookup-url="/console/checkin/plenary/lookup"' in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    texts = re.search(r'<script type="application/json" id="desk-texts">(.*?)</script>', html, re.S)
    assert {"offline", "queued", "waiting", "camera_unavailable"} <= set(json.loads(texts[1]))
    # the place codes the scripts compare a person's place with are the server's
    places = re.search(r'<script type="application/json" id="desk-places">(.*?)</script>', html)
    assert json.loads(places[1]) == {
        "CONFIRMED": AttendanceStatus.CONFIRMED, "WAITLISTED": AttendanceStatus.WAITLISTED,
        "CANCELLED": DelegateStatus.CANCELLED, "NONE": "none",
    }
    outcomes = re.search(r'<script type="application/json" id="desk-outcomes">(.*?)</script>', html)
    outcomes = json.loads(outcomes[1])
    assert outcomes["codes"] == {outcome.name: outcome.value for outcome in Outcome}
    assert outcomes["levels"] == {"checked_in": "ok", "already": "warn", "not_registered": "warn",
                                  "cancelled": "stop", "unknown": "stop"}
    assert 'id="scan-code"' in html and 'for="scan-code"' in html
    # the camera library loads only in camera mode (the scanner desk names it for the
    # service worker to keep, so a desk switched to the camera offline still has it)
    assert "jsQR.js\"></script>" not in html and "<script src=\"/static/vendor/jsqr" not in html
    assert re.search(r'data-decoder-url="/static/vendor/jsqr/jsQR\.js\?v=[0-9a-f]{12}"', html)


@pytest.mark.parametrize(
    ("language", "crossed"), [("zh", Side.JAPAN), ("ja", Side.CHINA), ("en", None)]
)
def test_desk_page_says_whose_organisations_its_reader_reads_crossed(
    desk, seminar, language, crossed
):
    """The list on the device holds both forms of an organisation; the page says which
    side's its reader sees in the reader's script (names.display), so a desk switching
    language shows the other form from the same list."""
    html = _html(desk.client, f"/console/checkin/plenary?lang={language}")
    reader = re.search(r'<script type="application/json" id="desk-reader">(.*?)</script>', html)
    assert json.loads(reader[1]) == {"crossed_side": crossed}


def test_no_inline_scripts_or_handlers(desk, seminar):
    for url in (
        "/console/checkin/",
        "/console/checkin/plenary",
        "/console/checkin/plenary?mode=camera",
    ):
        html = _html(desk.client, url)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert not re.search(r"\son[a-z]+=", html), url
        assert "//cdn" not in html and "https://" not in html.split("<body", 1)[0]


def test_camera_mode_loads_the_vendored_scanner(desk, seminar):
    html = _html(desk.client, "/console/checkin/plenary?mode=camera")
    script = re.search(r'<script src="(/static/vendor/jsqr/jsQR\.js\?v=[0-9a-f]{12})"', html)
    assert 'data-mode="camera"' in html
    assert desk.client.get(script[1]).status_code == 200


def test_unknown_mode_falls_back_to_the_scanner(desk, seminar):
    assert 'data-mode="scanner"' in _html(desk.client, "/console/checkin/plenary?mode=x")


def test_desk_for_unknown_item_is_404(desk, seminar):
    assert desk.client.get("/console/checkin/nothing-here").status_code == 404


def test_desk_for_an_item_on_another_day_opens_behind_a_warning(desk, seminar):
    days = {venue_today()}  # the page's "today", read before and after it (midnight)
    html = _html(desk.client, "/console/checkin/plenary")
    days.add(venue_today())
    warning = re.search(r'<section id="day-warning".*?</section>', html, re.S)
    assert warning, "no warning for a desk of 27 July 2017"
    assert "This item is not today" in warning[0]
    assert "Thursday, July 27, 2017" in warning[0]
    assert any(f"{today:%B} {today.day}, {today.year}" in warning[0] for today in days)
    assert 'id="day-confirm"' in warning[0]
    assert '<div id="desk-controls" hidden>' in html
    assert 'data-other-day="yes"' in html
    assert "autofocus" not in html  # the scanner must not type into a hidden field


def test_desk_on_its_items_day_opens_at_once(desk, seminar):
    move_item_to_venue_today(seminar, "plenary")
    html = _html(desk.client, "/console/checkin/plenary")
    assert 'id="day-warning"' not in html
    assert '<div id="desk-controls">' in html and 'data-other-day="no"' in html
    assert "autofocus" in html
    index = _html(desk.client, "/console/checkin/")
    rows = re.findall(r'<th scope="row"><a href="/console/checkin/([a-z-]+)">.*?</tr>', index, re.S)
    marked = re.findall(
        r'<th scope="row"><a href="/console/checkin/([a-z-]+)">(?:(?!</tr>).)*checkin-today',
        index,
        re.S,
    )
    assert len(rows) == 7
    # the whole of 27 July moved to today: its four items, and nothing of 26 or 28 July
    assert marked == ["plenary", "jet-exchange", "pr-session", "clair-reception"]


def test_today_is_the_venues_date_not_the_servers(desk, seminar, app):
    # UTC+14 and UTC-12 are 26 hours apart: their dates always differ.
    app.config["CHECKIN_TIMEZONE"] = "Pacific/Kiritimati"
    move_item_to_venue_today(seminar, "plenary")
    assert 'data-other-day="no"' in _html(desk.client, "/console/checkin/plenary")
    app.config["CHECKIN_TIMEZONE"] = "Etc/GMT+12"
    assert 'data-other-day="yes"' in _html(desk.client, "/console/checkin/plenary")


def test_day_warning_is_in_the_desks_language(desk, seminar):
    desk.client.set_cookie("lang", "zh")
    html = _html(desk.client, "/console/checkin/plenary")
    warning = re.search(r'<section id="day-warning".*?</section>', html, re.S)[0]
    assert "2017年7月27日" in warning and "This item" not in warning
