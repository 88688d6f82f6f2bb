"""The secretariat's programme settings: times, venues, capacity, registration deadline."""

from __future__ import annotations

import datetime as dt

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from tests.checkin.helpers import make_delegate
from tests.forms import open_form
from tests.registration.helpers import CHINESE, payload

URL = "/console/program/"


def _save_item(client, code: str, **fields):
    """Fill in one item's settings on the rendered page, in English, and save."""
    client.set_cookie("lang", "en")
    form = open_form(client, URL, action=f"/items/{code}")
    for name, value in fields.items():
        form[f"{code}-{name}"] = value
    return form.submit(client)


def _save_deadline(client, value: str):
    form = open_form(client, URL, action="/deadline")
    form["registration_deadline"] = value
    return form.submit(client)


def _forged_post(client, code: str, **fields):
    # Hostile: staff who may not open the page post to it anyway.
    data = {f"{code}-{name}": value for name, value in fields.items()}
    return client.post(f"{URL}items/{code}", data=data)


def test_times_and_venues_set_here_replace_tba_on_the_public_programme(login_as, seminar, client):
    staff = login_as("secretariat")
    assert "時間未定" in client.get("/program", headers={"Accept-Language": "ja"}).get_data(
        as_text=True
    )
    response = _save_item(
        staff,
        "plenary",
        start_time="09:30",
        end_time="12:00",
        venue_ja="遼寧友誼賓館",
        venue_zh="辽宁友谊宾馆",
        venue_en="Liaoning Friendship Hotel",
    )
    assert response.status_code == 302
    page = client.get("/program/plenary", headers={"Accept-Language": "zh-CN"})
    text = page.get_data(as_text=True)
    assert "09:30–12:00" in text and "辽宁友谊宾馆" in text
    item = item_by_code(seminar, "plenary")
    assert (item.start_time, item.end_time) == (dt.time(9, 30), dt.time(12, 0))


def test_an_end_before_the_start_is_refused_and_nothing_changes(login_as, seminar):
    staff = login_as("secretariat")
    response = _save_item(staff, "plenary", start_time="12:00", end_time="09:00", venue_ja="会場")
    assert response.status_code == 400
    assert "The end must come after the start." in response.get_data(as_text=True)
    item = item_by_code(seminar, "plenary")
    db.session.refresh(item)
    assert item.start_time is None and item.venue_ja == ""


def test_a_refused_save_is_said_at_its_own_form_which_takes_the_focus(login_as, seminar):
    """The page is a long column of forms (17,000 px on a phone): a refusal rendered the
    page from its top with no word there, the marked field screens below. Each form
    now opens with its own error summary, which takes the focus (and the scroll)."""
    staff = login_as("secretariat")
    page = _save_item(staff, "site-visit", capacity="-5").get_data(as_text=True)
    assert page.count('class="error-summary"') == 1
    section = page[page.index('data-item="site-visit"'):]
    summary = section[section.index('class="error-summary"') - 50:section.index("</ul>")]
    assert "autofocus" in summary and 'href="#site-visit-capacity"' in summary
    form = open_form(staff, URL, action="/texts")
    form["texts-title_en"] = ""
    page = form.submit(staff).get_data(as_text=True)
    texts = page[page.index('class="edition-texts"'):page.index('id="subthemes-heading"')]
    assert page.count('class="error-summary"') == 1 and 'href="#texts-title_en"' in texts


def test_more_capacity_seats_the_waiting_list_in_order(login_as, seminar):
    visit = item_by_code(seminar, "site-visit")
    visit.capacity = 1
    db.session.commit()
    make_delegate(seminar, "namiki", ("site-visit",))
    first = make_delegate(seminar, "shan", ("site-visit",))
    second = make_delegate(seminar, "wang", ("site-visit",))
    assert (first.status, second.status) == ("waitlisted", "waitlisted")
    staff = login_as("secretariat")
    response = _save_item(staff, "site-visit", capacity="2")
    assert response.status_code == 302
    page = staff.get(URL, headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "Given a seat from the waiting list: 1" in page
    db.session.refresh(first)
    db.session.refresh(second)
    assert (first.status, second.status) == ("confirmed", "waitlisted")


def test_a_deadline_in_venue_time_closes_the_form(login_as, seminar, client, app):
    staff = login_as("secretariat")
    response = _save_deadline(staff, "2017-07-20T18:00")
    assert response.status_code == 302
    db.session.refresh(seminar)
    # 18:00 in Shenyang is 10:00 UTC, which is how the deadline is stored and compared
    assert seminar.registration_deadline == dt.datetime(2017, 7, 20, 10, 0)
    closed = client.get("/register/china", headers={"Accept-Language": "en"})
    # Hostile: the form is no longer shown, so only a hand-made post can try.
    assert client.post("/register/china", data=payload(CHINESE)).status_code == 200
    assert "closed" in closed.get_data(as_text=True).lower()
    form = staff.get(URL).get_data(as_text=True)
    assert 'value="2017-07-20T18:00"' in form  # shown back on the venue's clock
    _save_deadline(staff, "")
    db.session.refresh(seminar)
    assert seminar.registration_deadline is None


def test_viewers_and_check_in_staff_may_not_change_the_programme(login_as, seminar):
    for role in ("viewer", "checkin"):
        client = login_as(role)
        assert client.get(URL).status_code == 403
        assert _forged_post(client, "plenary", start_time="09:00").status_code == 403
    assert item_by_code(seminar, "plenary").start_time is None


def test_settings_and_deadline_land_in_the_audit_trail_with_before_and_after(login_as, seminar):
    """Issue #13 item 3: who, when, before and after, for times, venues, capacity and the
    registration deadline too (the deadline as typed, on the venue's clock)."""
    import json

    from sqlalchemy import select

    from seminar_reg.audit.models import AuditEvent

    staff = login_as("secretariat")
    visit = item_by_code(seminar, "site-visit")
    capacity_before = visit.capacity
    assert _save_item(staff, "site-visit", capacity="60").status_code == 302
    assert _save_deadline(staff, "2017-07-20T18:00").status_code == 302
    assert _save_deadline(staff, "2017-07-21T09:30").status_code == 302
    events = db.session.execute(
        select(AuditEvent).where(AuditEvent.kind == "programme").order_by(AuditEvent.id)
    ).scalars().all()
    assert [(e.subject, e.actor) for e in events] == [
        ("edition 16: item site-visit", "secretariat@seminar.example"),
        ("edition 16: registration deadline", "secretariat@seminar.example"),
        ("edition 16: registration deadline", "secretariat@seminar.example"),
    ]
    assert json.loads(events[0].detail) == {
        "before": {"capacity": capacity_before}, "after": {"capacity": 60},
    }
    assert json.loads(events[2].detail) == {
        "before": {"registration_deadline": "2017-07-20T18:00:00"},
        "after": {"registration_deadline": "2017-07-21T09:30:00"},
    }
    assert all(event.at is not None for event in events)
