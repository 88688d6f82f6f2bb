"""The delegate's own page (/my), submitted as rendered: save, cancel, undo, history."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import form_of, open_form

from .helpers import CHINESE, JAPANESE, personal_link, register_through_form


def _signed_in(app, side: str, values: dict, lang: str):
    """Register through the form, then open the mailed link in a fresh browser."""
    assert register_through_form(app.test_client(), side, values, lang).status_code == 302
    visitor = app.test_client()
    visitor.get(f"/language/{lang}")  # the switcher: a cookie, as in the browser
    assert visitor.get(personal_link(app)).status_code == 302
    return visitor


def _delegate() -> Delegate:
    db.session.expire_all()
    return db.session.execute(select(Delegate)).scalar_one()


def test_my_page_saves_what_it_renders(app, seminar):
    values = {k: v for k, v in JAPANESE.items() if k not in ("role", "dietary")}
    visitor = _signed_in(app, "japan", values, "ja")
    form = open_form(visitor, "/my", button="変更を保存")
    assert "consent" not in form.names
    form["item_codes"] = ["plenary", "site-visit"]
    form["arrival_date"] = "2017-07-25"
    form["arrival_time"] = "14:30"
    form["departure_date"] = "2017-07-28"
    form["dietary"] = "vegetarian"
    form.check("needs_hotel")
    form["given_latin"] = "Kokoro"
    response = form.submit(visitor, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page
    assert "変更を保存しました" in page
    for label in ("参加するプログラム", "到着日", "出発日", "食事の制限", "ホテルの部屋が必要"):
        assert label in page
    delegate = _delegate()
    assert delegate.item_codes == ["plenary", "site-visit"]
    assert delegate.arrival_date == dt.date(2017, 7, 25)
    history = page[page.index("変更履歴"):]
    assert "<td data-label=\"変更後\">14:30</td>" in history
    assert delegate.dietary == "vegetarian" and delegate.needs_hotel
    assert delegate.given_latin == "Kokoro"


def test_a_date_and_time_emptied_on_my_page_are_stored_as_none(app, seminar):
    # An empty date or time is no value at once (fields.py), never the one stored before.
    visitor = _signed_in(app, "japan", JAPANESE, "ja")
    form = open_form(visitor, "/my", field="title")
    form["arrival_date"], form["arrival_time"] = "2017-07-25", "14:30"
    assert form.submit(visitor).status_code == 302
    form = open_form(visitor, "/my", field="title")
    assert (form["arrival_date"], form["arrival_time"]) == ("2017-07-25", "14:30")
    form["arrival_date"], form["arrival_time"] = "", ""
    assert form.submit(visitor).status_code == 302
    delegate = _delegate()
    assert (delegate.arrival_date, delegate.arrival_time) == (None, None)


def test_my_page_shows_errors_next_to_the_field_and_stores_nothing(app, seminar):
    visitor = _signed_in(app, "china", CHINESE, "zh")
    form = open_form(visitor, "/my", field="title")
    form["arrival_date"] = "2017-07-27"
    form["departure_date"] = "2017-07-26"
    form["title"] = "副司长"
    response = form.submit(visitor)
    assert response.status_code == 400
    again = form_of(response, field="title")
    assert again["title"] == "副司长"  # what was typed is kept
    assert "离开日期不能早于抵达日期" in response.get_data(as_text=True)
    assert _delegate().title == "处长"


def test_a_printed_badge_locks_the_name_and_a_given_role_stays(app, seminar):
    visitor = _signed_in(app, "japan", JAPANESE, "ja")
    delegate = _delegate()
    delegate.badge_printed_at = dt.datetime(2017, 7, 20, 6, 0)
    delegate.role = "speaker"
    db.session.commit()
    form = open_form(visitor, "/my", field="title")
    for name in ("family_name", "given_name", "family_reading", "given_latin", "role"):
        assert name not in form.names
    assert "名札を印刷済み" in visitor.get("/my").get_data(as_text=True)
    form["title"] = "副市長"
    assert form.submit(visitor).status_code == 302
    delegate = _delegate()
    assert (delegate.family_name, delegate.given_reading) == ("並木", "こころ")
    assert delegate.role == "speaker" and delegate.title == "副市長"


def test_history_is_worded_for_its_reader_on_my_page_and_in_the_console(
    app, seminar, login_as
):
    visitor = _signed_in(app, "japan", JAPANESE, "ja")
    form = open_form(visitor, "/my", field="title")
    form["item_codes"] = ["plenary", "site-visit"]
    form.check("needs_hotel")
    form.submit(visitor)
    page = visitor.get("/my").get_data(as_text=True)
    history = page[page.index("変更履歴"):]
    assert "参加プログラム" in history and "item_codes" not in history
    assert "本会議、自治体国際化協会主催レセプション" in history  # programme order
    assert "本会議、行政視察" in history and "site-visit" not in history
    assert "ホテルの部屋が必要" in history and "はい" in history
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\)", history)
    assert "参加者本人" in history
    console = login_as("secretariat")
    console.get("/language/zh")
    page = console.get(f"/console/delegates/{_delegate().id}").get_data(as_text=True)
    history = page[page.index("变更记录"):]
    assert "参加日程" in history
    assert "全体会议和行政考察" in history and "需要酒店房间" in history
    assert "参会者本人" in history


def test_cancel_asks_first_then_shows_no_items_and_undo_reregisters(app, seminar):
    from seminar_reg.program.queries import item_by_code

    visitor = _signed_in(app, "china", CHINESE, "zh")
    page = visitor.get("/my").get_data(as_text=True)
    assert "取消报名…" in page and 'action="/my/cancel"' not in page  # a link, not a form
    confirm = open_form(visitor, "/my/cancel", button="确认取消报名")
    assert "全体会议" in visitor.get("/my/cancel").get_data(as_text=True)
    assert _delegate().status == "confirmed"  # opening the question changes nothing
    response = confirm.submit(visitor, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert _delegate().status == "cancelled"
    summary = page[page.index("<dl"):page.index("</dl>")]
    assert "全体会议" not in summary and "行政考察" not in summary
    assert "已取消" in summary
    # Meanwhile someone takes the last site-visit seat.
    item_by_code(seminar, "site-visit").capacity = 1
    db.session.commit()
    register_through_form(app.test_client(), "japan", {**JAPANESE, "item_codes": ["site-visit"]})
    undo = open_form(visitor, "/my", button="重新报名")
    page = undo.submit(visitor, follow_redirects=True).get_data(as_text=True)
    assert "候补" in page
    delegate = db.session.execute(
        select(Delegate).where(Delegate.email == CHINESE["email"])
    ).scalar_one()
    db.session.refresh(delegate)
    assert delegate.status == "confirmed"
    assert {a.item.code: a.status for a in delegate.attendances} == {
        "plenary": "confirmed", "site-visit": "waitlisted",
    }


def test_no_undo_after_the_deadline(app, seminar):
    visitor = _signed_in(app, "japan", JAPANESE, "ja")
    open_form(visitor, "/my/cancel", action="/my/cancel").submit(visitor)
    seminar.registration_deadline = dt.datetime(2000, 1, 1)
    db.session.commit()
    page = visitor.get("/my").get_data(as_text=True)
    assert "/my/undo" not in page and "登録期限を過ぎました" in page
    assert visitor.post("/my/undo").status_code == 302  # a hand-made post changes nothing
    assert _delegate().status == "cancelled"


def test_dropping_one_item_is_an_edit(app, seminar):
    visitor = _signed_in(app, "japan", JAPANESE, "ja")
    form = open_form(visitor, "/my", field="item_codes")
    form.uncheck("item_codes", "clair-reception")
    page = form.submit(visitor, follow_redirects=True).get_data(as_text=True)
    assert "参加プログラム" in page
    delegate = _delegate()
    assert delegate.status == "confirmed" and delegate.item_codes == ["plenary"]


def test_every_field_the_history_can_name_has_a_label():
    from seminar_reg.registration.history import FIELD_LABELS, TRACKED_FIELDS

    assert {*TRACKED_FIELDS, "item_codes", "status", "manage_link"} <= set(FIELD_LABELS)
