"""The editions in the console: create the next one, prepare its programme, make it
current, read a past edition (delegates, headcounts) without changing it."""

from __future__ import annotations

from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.program.models import Seminar
from seminar_reg.registration.models import Delegate
from tests.editions.helpers import view_edition
from tests.factories import add_chinese, add_japanese
from tests.forms import open_form

URL = "/console/editions/"


def _seminar(number: int) -> Seminar:
    db.session.expire_all()
    return db.session.execute(select(Seminar).where(Seminar.edition == number)).scalar_one()


def test_the_next_edition_is_made_prepared_and_opened_in_the_console(login_as, seminar):
    namiki = add_japanese(seminar, "並木", "なみき")
    add_chinese(seminar, "单")
    staff = login_as("secretariat")
    staff.set_cookie("lang", "en")

    form = open_form(staff, URL, action="/new")
    form["number"] = "17"
    form["source"] = "16"
    form["start"] = "2018-07-25"
    form["city_ja"], form["city_zh"], form["city_en"] = "青島市", "青岛市", "Qingdao"
    response = form.submit(staff)
    assert response.status_code == 302 and response.location.endswith("/console/program/")
    assert str(_seminar(17).start_date) == "2018-07-25" and not _seminar(17).is_current

    # The console now shows the 17th, clearly marked, and its programme can be prepared.
    page = staff.get("/console/program/").get_data(as_text=True)
    assert 'class="edition-banner"' in page and "17th Japan-China" in page
    texts = open_form(staff, "/console/program/", action="/texts")
    texts["texts-province_en"], texts["texts-province_ja"] = "Shandong Province", "山東省"
    texts["texts-province_zh"] = "山东省"
    assert texts.submit(staff).status_code == 302
    assert _seminar(17).province_zh == "山东省" and _seminar(16).province_zh == "辽宁省"

    # Make it current: the public pages and the console's own view follow.
    page = staff.get(URL).get_data(as_text=True)
    assert "Make current" in page
    current = open_form(staff, URL, action="/current")
    current["current-edition"] = "17"
    assert current.submit(staff).status_code == 302
    assert _seminar(17).is_current and not _seminar(16).is_current
    assert "第17回" in staff.get("/?lang=ja").get_data(as_text=True)
    assert "並木" not in staff.get("/console/delegates").get_data(as_text=True)

    # The 16th stays readable: its delegates and its reported figures...
    view_edition(staff, 16)
    delegates = staff.get("/console/delegates").get_data(as_text=True)
    assert "並木" in delegates and 'data-edition="16"' in delegates
    dashboard = staff.get("/console/").get_data(as_text=True)
    assert 'data-reported="16"' in dashboard
    # ... but not changeable: a status change is refused and changes nothing.
    response = staff.post(f"/console/delegates/{namiki.id}/cancel", data={}, follow_redirects=True)
    assert "not the current edition" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Delegate, namiki.id).status == "confirmed"
    count = db.session.execute(select(func.count(Delegate.id))).scalar_one()
    assert count == 2


def test_viewers_see_the_editions_but_may_not_create_or_switch_the_current(login_as, seminar):
    viewer = login_as("viewer")
    page = viewer.get(URL + "?lang=en").get_data(as_text=True)
    assert 'data-edition="16"' in page and "Make current" not in page and "/new" not in page
    assert viewer.post(URL + "new", data={"number": "17"}).status_code == 403
    assert viewer.post(URL + "current", data={"current-edition": "16"}).status_code == 403


def test_a_refused_new_edition_says_why_beside_the_field(login_as, seminar):
    staff = login_as("secretariat")
    staff.set_cookie("lang", "ja")
    form = open_form(staff, URL, action="/new")
    form["number"] = "16"
    form["source"] = "16"
    form["start"] = "2018-07-25"
    response = form.submit(staff)
    assert response.status_code == 400
    errors = response.get_data(as_text=True).split('id="number-errors"', 1)[1].split("</ul>")[0]
    assert "第16回はすでにあります" in errors
    # ... and at the top of its form, which takes the focus: the form is below the list
    # of editions and two other forms, out of sight on a phone.
    page = response.get_data(as_text=True)
    new_form = page[page.index('class="new-edition"'):]
    assert page.count('class="error-summary"') == 1 and 'href="#number"' in new_form
    assert db.session.execute(select(func.count(Seminar.id))).scalar_one() == 1


def test_the_history_page_lists_the_report_and_every_edition_since(client, seminar):
    import datetime as dt

    from seminar_reg.program.content import update_texts
    from seminar_reg.program.editions import create_edition

    new = create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    update_texts(new, {"city_ja": "青島市", "theme_ja": "共に創る未来"})
    page = client.get("/history?lang=ja").get_data(as_text=True)
    rows = page.split('data-edition="')[1:]
    assert [int(row.split('"', 1)[0]) for row in rows] == list(range(1, 18))
    assert "青島市" in rows[16] and "共に創る未来" in rows[16] and "2018" in rows[16]
    sixteen = rows[15]
    figures = [cell.split(">", 1)[1] for cell in sixteen.split('<td class="count"')[1:]]
    assert "瀋陽市" in sixteen and [f.split("<", 1)[0] for f in figures] == ["73", "92", "165"]
