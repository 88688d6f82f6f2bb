"""Buses and reception tables: one move form per page, people chosen by name."""

import re

import pytest

from seminar_reg.extensions import db
from seminar_reg.logistics import operations, queries
from tests.factories import add_chinese, add_japanese
from tests.forms import open_form


def _riders(seminar):
    people = [add_japanese(seminar, family, reading, items=("site-visit",))
              for family, reading in [("加藤", "かとう"), ("鈴木", "すずき"), ("小野", "おの")]]
    people += [add_chinese(seminar, family, items=("site-visit",)) for family in ["王", "张"]]
    return people


def test_the_buses_page_has_one_move_form_that_names_people(login_as, seminar):
    _riders(seminar)
    operations.plan_buses(seminar, 3)
    client = login_as("secretariat")
    page = client.get("/console/logistics/buses?lang=ja").get_data(as_text=True)
    assert len(re.findall(r'action="/console/logistics/buses/move"', page)) == 1
    url = "/console/logistics/buses?lang=ja"
    form = open_form(client, url, action="/console/logistics/buses/move")
    overview = queries.bus_overview(seminar)
    mover = overview.buses[0].passengers[0]
    # Each person as the lists name them: own script, Latin, organisation.
    label = form.option_label("delegate_id", str(mover.id))
    assert mover.full_name in label and mover.latin_name in label
    assert mover.organization in label
    form["delegate_id"] = str(mover.id)
    form["target"] = "2"
    response = form.submit(client)
    assert response.status_code == 302
    after = queries.bus_overview(seminar)
    assert mover in after.buses[1].passengers and mover not in after.buses[0].passengers


def test_reception_tables_share_the_group_with_seats(login_as, seminar):
    people = [add_japanese(seminar, f, r, items=("clair-reception",))
              for f, r in [("加藤", "かとう"), ("鈴木", "すずき")]]
    people += [add_chinese(seminar, f, items=("clair-reception",)) for f in ["王", "张"]]
    reception = queries.reception(seminar, "clair-reception")
    operations.plan_seating(reception, 3)
    overview = queries.seating_overview(reception)
    assert isinstance(overview.tables[0], queries.SeatGroup)
    assert sum(len(t.people) for t in overview.tables) == len(people)
    assert all(t.free == t.capacity - len(t.guests) for t in overview.tables)
    client = login_as("secretariat")
    url = "/console/logistics/seating/clair-reception?lang=zh"
    page = client.get(url).get_data(as_text=True)
    assert len(re.findall(r'class="move-person"', page)) == 1
    assert page.count('class="seat-group"') == len(overview.tables)
    form = open_form(client, url, action="/console/logistics/seating/clair-reception/move")
    roomy = next(table for table in overview.tables if table.free)
    guest = next(table for table in overview.tables if table is not roomy).guests[0]
    form["delegate_id"] = str(guest.id)
    form["target"] = str(roomy.number)
    form.submit(client)
    moved = queries.seating_overview(reception)
    assert guest in next(t for t in moved.tables if t.number == roomy.number).guests


BUSES = {
    "page": "/console/logistics/buses",
    "plan_field": "size",
    "items": ("site-visit",),
    "changed": "このページを開いた後にバスの割り当てが作り直されました。",
    "missing": "9号車はありません。",
    "moved": "号車に移動しました。",
}
TABLES = {
    "page": "/console/logistics/seating/clair-reception",
    "plan_field": "table_size",
    "items": ("clair-reception",),
    "changed": "このページを開いた後に座席表が作り直されました。",
    "missing": "9番テーブルはありません。",
    "moved": "番テーブルに移動しました。",
}


def _plan_of(seminar, kind) -> dict[int, int]:
    """Who sits where: delegate id -> bus or table number."""
    if kind is BUSES:
        groups = queries.bus_overview(seminar).buses
    else:
        groups = queries.seating_overview(queries.reception(seminar, "clair-reception")).tables
    return {delegate.id: group.number for group in groups for delegate in group.people}


def _move_chosen(login_as, seminar, kind, target: str):
    """A secretariat member's move form, filled on the page as it is now: the first
    person of group 1 to `target`, once an admin has planned. Returns (form, client, admin)."""
    for family, reading in [("加藤", "かとう"), ("鈴木", "すずき"), ("小野", "おの")]:
        add_japanese(seminar, family, reading, items=kind["items"])
    for family in ["王", "张"]:
        add_chinese(seminar, family, items=kind["items"])
    admin = login_as("admin")
    plan = open_form(admin, kind["page"], action=kind["page"] + "/plan")
    plan[kind["plan_field"]] = "3"
    plan.submit(admin)
    client = login_as("secretariat")
    form = open_form(client, kind["page"] + "?lang=ja", action=kind["page"] + "/move")
    mover = next(d for d, number in _plan_of(seminar, kind).items() if number == 1)
    form["delegate_id"], form["target"] = str(mover), target
    return form, client, admin


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
@pytest.mark.parametrize("size", ["3", "20"], ids=["same-numbers", "fewer"])
def test_a_move_chosen_before_a_replan_is_refused_as_that(login_as, seminar, kind, size):
    """Another member re-plans between this page's loading and its move: refused as what
    happened, whether or not the new plan has a group 2 (before: moved onto the new plan's
    group 2, which the page never showed, or refused as 'there is no bus 2')."""
    form, client, admin = _move_chosen(login_as, seminar, kind, "2")
    replan = open_form(admin, kind["page"], action=kind["page"] + "/plan")
    replan[kind["plan_field"]] = size
    replan.submit(admin)
    planned = _plan_of(seminar, kind)

    page = form.submit(client, follow_redirects=True).get_data(as_text=True)

    assert kind["changed"] in page and "再読み込み" in page
    assert kind["moved"] not in page and "はありません" not in page
    db.session.expire_all()
    assert _plan_of(seminar, kind) == planned


@pytest.mark.parametrize("kind", [BUSES, TABLES], ids=["bus", "table"])
def test_a_number_not_in_the_plan_is_refused_as_missing(login_as, seminar, kind):
    form, client, _admin = _move_chosen(login_as, seminar, kind, "9")
    planned = _plan_of(seminar, kind)
    page = form.submit(client, follow_redirects=True).get_data(as_text=True)
    assert kind["missing"] in page and kind["changed"] not in page
    db.session.expire_all()
    assert _plan_of(seminar, kind) == planned
