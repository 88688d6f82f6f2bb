"""Every change that matters to a delegate is mailed in the language they registered
in, with their personal link and their items as a calendar file in venue time."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.models import Delegate
from tests.forms import open_form

from ..mailbox import body, calendar, latest_link, mails_to, personal_link
from .helpers import CHINESE, JAPANESE, payload, register_through_form


def _delegate(email: str) -> Delegate:
    db.session.expire_all()
    return db.session.execute(select(Delegate).where(Delegate.email == email)).scalar_one()


def _events(mail) -> dict[str, object]:
    return {str(event["summary"]): event for event in calendar(mail).walk("VEVENT")}


def test_confirmation_in_chinese_carries_the_link_and_a_calendar_in_venue_time(app, seminar):
    plenary = item_by_code(seminar, "plenary")
    plenary.start_time, plenary.end_time = dt.time(9, 0), dt.time(12, 0)
    db.session.commit()
    register_through_form(app.test_client(), "china", CHINESE, lang="zh")
    (mail,) = mails_to(app, CHINESE["email"])
    assert "报名" in mail["Subject"] and "第十六届" in mail["Subject"]
    text = body(mail)
    assert "单伟" in text and "09:00–12:00" in text and "Asia/Shanghai" in text
    events = _events(mail)
    start = events[plenary.title_zh].decoded("dtstart")
    assert (start.date(), start.time()) == (plenary.day.date, dt.time(9, 0))
    assert str(start.tzinfo) == "Asia/Shanghai"
    assert events[plenary.title_zh]["status"] == "CONFIRMED"
    # An item without a clock time yet is a whole-day entry on its date.
    site_visit = item_by_code(seminar, "site-visit")
    assert isinstance(events[site_visit.title_zh].decoded("dtstart"), dt.date)


def test_the_link_opens_my_page_in_the_registration_language(app, seminar):
    register_through_form(app.test_client(), "china", CHINESE, lang="zh")
    visitor = app.test_client()
    visitor.get(latest_link(app), headers={"Accept-Language": "ja"})
    page = visitor.get("/my", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    assert '<html lang="zh-Hans">' in page
    # A language chosen with the switcher in this browser goes on counting.
    chooser = app.test_client()
    chooser.get("/language/en")
    chooser.get(latest_link(app))
    assert '<html lang="en">' in chooser.get("/my").get_data(as_text=True)


def test_cancelling_mails_the_delegate_and_the_one_who_moves_up(app, seminar):
    item_by_code(seminar, "plenary").capacity = 1
    db.session.commit()
    register_through_form(
        app.test_client(), "japan", payload(JAPANESE, item_codes=["plenary"]), lang="ja"
    )
    register_through_form(
        app.test_client(), "china", payload(CHINESE, item_codes=["plenary"]), lang="zh"
    )
    assert _delegate(CHINESE["email"]).status == "waitlisted"
    first = app.test_client()
    first.get(latest_link(app, JAPANESE["email"]))
    open_form(first, "/my/cancel", action="/my/cancel").submit(first)  # asked, confirmed

    cancelled = mails_to(app, JAPANESE["email"])[-1]
    assert "取り消" in cancelled["Subject"]
    assert {str(e["status"]) for e in calendar(cancelled).walk("VEVENT")} == {"CANCELLED"}
    promoted = mails_to(app, CHINESE["email"])[-1]
    assert "候补" in body(promoted) or "名额" in promoted["Subject"]
    assert _events(promoted)[item_by_code(seminar, "plenary").title_zh]["status"] == "CONFIRMED"
    # Each mail's link opens that delegate's own page.
    second = app.test_client()
    assert second.get(personal_link(promoted)).status_code == 302
    assert "单伟" in second.get("/my").get_data(as_text=True)


def test_the_secretariats_changes_and_renewed_links_are_mailed(app, seminar, login_as):
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    old_link = latest_link(app)
    delegate_id = _delegate(JAPANESE["email"]).id
    staff = login_as("secretariat")
    form = open_form(staff, f"/console/delegates/{delegate_id}", action=f"/delegates/{delegate_id}")
    form["item_codes"] = ["plenary"]
    assert form.submit(staff).status_code == 302
    changed = mails_to(app, JAPANESE["email"])[-1]
    assert "変更" in changed["Subject"]
    assert list(_events(changed)) == [item_by_code(seminar, "plenary").title_ja]

    renew = open_form(staff, f"/console/delegates/{delegate_id}", action="/renew-link")
    renew.submit(staff)
    renewed = mails_to(app, JAPANESE["email"])[-1]
    assert personal_link(renewed) != old_link
    assert app.test_client().get(old_link).status_code == 404
    assert app.test_client().get(personal_link(renewed)).status_code == 302


def test_the_delegates_own_change_is_shown_on_the_page_not_mailed(app, seminar):
    from dataclasses import replace

    from seminar_reg.registration import operations

    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    delegate = _delegate(JAPANESE["email"])
    data = operations.data_from_delegate(delegate)
    operations.update(delegate, replace(data, title="副市長"), actor="self")
    operations.update(delegate, replace(data, title="市長"), actor="secretariat@seminar.example")
    kinds = [mail["Subject"].split("：")[0] for mail in _outgoing_after_delivery(app)]
    assert kinds == ["ご登録内容が変更されました"]


def _outgoing_after_delivery(app):
    """Mail queued outside a request waits for a sender; send it, then read the outbox."""
    from seminar_reg.mail.outbox import deliver

    before = len(mails_to(app, JAPANESE["email"]))
    deliver()
    return mails_to(app, JAPANESE["email"])[before:]


def test_a_new_time_for_an_item_is_mailed_to_those_who_hold_it(app, seminar, login_as):
    register_through_form(app.test_client(), "japan", JAPANESE, lang="ja")
    register_through_form(
        app.test_client(), "china", payload(CHINESE, item_codes=["site-visit"]), lang="zh"
    )
    staff = login_as("secretariat")
    form = open_form(staff, "/console/program/", action="/items/plenary")
    form["plenary-start_time"], form["plenary-end_time"] = "14:00", "17:30"
    assert form.submit(staff).status_code == 302
    changed = mails_to(app, JAPANESE["email"])[-1]
    assert "プログラム" in changed["Subject"] and "14:00–17:30" in body(changed)
    start = _events(changed)[item_by_code(seminar, "plenary").title_ja].decoded("dtstart")
    assert (start.hour, start.minute, str(start.tzinfo)) == (14, 0, "Asia/Shanghai")
    assert len(mails_to(app, CHINESE["email"])) == 1  # not at the plenary: no mail


def test_a_waitlisted_place_is_mailed_with_its_position(app, seminar):
    item_by_code(seminar, "plenary").capacity = 1
    db.session.commit()
    for email in ("first@example.jp", "second@example.jp", "third@example.jp"):
        register_through_form(
            app.test_client(),
            "japan",
            payload(JAPANESE, email=email, item_codes=["plenary"]),
            lang="ja",
        )
    assert "（キャンセル待ち2番目）" in body(mails_to(app, "third@example.jp")[0]).replace(
        "(", "（"
    ).replace(")", "）")
    events = _events(mails_to(app, "third@example.jp")[0])
    assert [str(event["status"]) for event in events.values()] == ["TENTATIVE"]
