"""The waiting list made visible: places left, full or closed per item on the programme,
the form and /my; a waitlisted delegate's position; a status line that agrees."""

from __future__ import annotations

import datetime as dt

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from tests.forms import open_form

from .helpers import CHINESE, JAPANESE, personal_link, register_through_form


def _capacity(seminar, code: str, capacity: int | None) -> None:
    item_by_code(seminar, code).capacity = capacity
    db.session.commit()


def _register(app, side, base, email, items):
    response = register_through_form(
        app.test_client(), side, {**base, "email": email, "item_codes": items}
    )
    assert response.status_code == 302


def _program_places(client) -> dict[str, str]:
    import re

    page = client.get("/program?lang=ja").get_data(as_text=True)
    return dict(re.findall(r'id="item-([\w-]+)".*?class="availability[^"]*">([^<]+)<', page, re.S))


def test_programme_and_form_say_places_left_full_or_closed(app, seminar):
    _capacity(seminar, "site-visit", 1)
    _capacity(seminar, "plenary", 3)
    client = app.test_client()
    places = _program_places(client)
    assert places["site-visit"] == "残り1席" and places["plenary"] == "残り3席"
    assert places["clair-reception"] == "空きあり"
    _register(app, "japan", JAPANESE, "a@example.jp", ["plenary", "site-visit"])
    places = _program_places(client)
    assert places["site-visit"] == "満席（キャンセル待ち）" and places["plenary"] == "残り2席"
    form = open_form(client, "/register/china?lang=zh", field="consent")
    # Each item with its day and time, then whether places are left.
    site_visit = form.option_label("item_codes", "site-visit")
    assert site_visit == "行政考察 7月28日 星期五 时间待定 已满：可排候补"
    plenary = form.option_label("item_codes", "plenary")
    assert plenary == "全体会议 7月27日 星期四 时间待定 剩余 2 个名额"
    seminar.registration_deadline = dt.datetime(2000, 1, 1)
    db.session.commit()
    assert set(_program_places(client).values()) == {"受付終了"}


def test_waitlisted_delegate_sees_position_and_a_status_that_agrees(app, seminar):
    _capacity(seminar, "site-visit", 1)
    _register(app, "japan", JAPANESE, "first@example.jp", ["site-visit"])
    _register(app, "china", CHINESE, "second@example.cn", ["plenary", "site-visit"])
    _register(app, "china", CHINESE, "third@example.cn", ["plenary", "site-visit"])
    visitor = app.test_client()
    visitor.get("/language/zh")
    visitor.get(personal_link(app, "third@example.cn"))
    page = visitor.get("/my").get_data(as_text=True)
    status = page[page.index('class="status-line"'):]
    status = status[:status.index("</dd>")]
    assert "全体会议" in status and "行政考察" in status and "候补" in status
    assert "候补第 2 位" in page and "全体会议 – 已确认" in page
    form = open_form(visitor, "/my", field="item_codes")
    assert "已满" in form.option_label("item_codes", "site-visit")
    # The first in the queue drops the item: the third moves up to number 1.
    other = app.test_client()
    other.get(personal_link(app, "second@example.cn"))
    drop = open_form(other, "/my", field="item_codes")
    drop.uncheck("item_codes", "site-visit")
    assert drop.submit(other).status_code == 302
    assert "候补第 1 位" in visitor.get("/my").get_data(as_text=True)
