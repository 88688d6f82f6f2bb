"""Buses and reception tables: one move form per page, people chosen by name."""

import re

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
