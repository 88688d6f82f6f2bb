"""Console pages and downloads: secretariat only; and the command line."""

import io

import pytest
from openpyxl import load_workbook

from seminar_reg.logistics import operations, queries

from .helpers import planned_event

# Every test uses the 165-delegate event (and most render documents from it).
pytestmark = pytest.mark.slow

ZH_SEATS_BETWEEN_2_AND_50 = "请输入2至50之间的座位数。"
PAGES = [
    "/console/logistics/",
    "/console/logistics/buses",
    "/console/logistics/seating/clair-reception",
    "/console/logistics/catering",
    "/console/logistics/pickups?window=45&vehicle=10",
    "/console/logistics/pickups?direction=departures",
    "/console/logistics/rooming",
]
FILES = [
    "/console/logistics/buses/manifest.pdf?lang=zh",
    "/console/logistics/buses/manifest.xlsx?lang=ja",
    "/console/logistics/seating/clair-reception/tables.pdf",
    "/console/logistics/seating/clair-reception/cards.pdf?lang=zh",
    "/console/logistics/catering.xlsx",
    "/console/logistics/pickups.pdf?direction=departures",
    "/console/logistics/rooming.xlsx?lang=en",
]


@pytest.fixture
def event(seminar, built_once):
    built_once(planned_event, seminar, ("clair-reception",))
    return seminar


def test_secretariat_gets_every_page_and_file(event, login_as):
    client = login_as("secretariat")
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
    missing = queries.pickups(event, "arrivals", 60, 20).missing[0]
    assert missing.full_name in client.get("/console/logistics/pickups").get_data(as_text=True)
    for url in FILES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.data[:4] in (b"%PDF", b"PK\x03\x04"), url


@pytest.mark.same_on_every_database  # permissions, refused before any query of the event
@pytest.mark.parametrize("url", PAGES + FILES)
def test_viewer_is_forbidden_and_anonymous_must_log_in(event, login_as, client, url):
    assert login_as("viewer").get(url).status_code == 403
    response = client.get(url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_moves_from_the_console_are_refused_when_the_bus_is_full(event, login_as):
    client = login_as("secretariat")
    overview = queries.bus_overview(event)
    target = overview.buses[0]
    for mover in overview.buses[1].passengers[: target.free]:
        client.post("/console/logistics/buses/move", data={"delegate_id": mover.id, "target": 1})
    last = overview.buses[1].passengers[target.free]
    response = client.post(
        "/console/logistics/buses/move?lang=en",
        data={"delegate_id": last.id, "target": 1},
        follow_redirects=True,
    )
    assert "Bus 1 is full (45 seats)." in response.get_data(as_text=True)
    assert len(queries.bus_overview(event).buses[0].passengers) == 45


def test_planning_from_the_console(event, login_as):
    client = login_as("secretariat")
    response = client.post("/console/logistics/buses/plan", data={"size": 30})
    assert response.status_code == 302
    assert {bus.capacity for bus in queries.bus_overview(event).buses} == {30}
    client.post("/console/logistics/seating/shenyang-reception/plan", data={"table_size": 8})
    tables = queries.seating_overview(queries.reception(event, "shenyang-reception")).tables
    assert tables and {t.capacity for t in tables} == {8}


def test_commands(event, app, tmp_path):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["buses", "plan", "--size", "40"])
    assert result.exit_code == 0, result.output
    assert "bus  1" in result.output
    out = tmp_path / "buses.xlsx"
    result = runner.invoke(args=["buses", "manifest", "--out", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert load_workbook(io.BytesIO(out.read_bytes())).worksheets
    result = runner.invoke(
        args=["seating", "plan", "--item", "clair-reception", "--table-size", "10"]
    )
    assert result.exit_code == 0 and "table  1 head" in result.output
    for args in (
        ["seating", "cards", "--out", str(tmp_path / "cards.pdf")],
        ["catering", "--out", str(tmp_path / "catering.pdf"), "--lang", "zh"],
        ["pickups", "--window", "60", "--out", str(tmp_path / "pickups.xlsx")],
        ["rooming", "--out", str(tmp_path / "rooming.pdf")],
        ["catering"],
        ["pickups", "--direction", "departures"],
        ["rooming"],
    ):
        result = runner.invoke(args=args)
        assert result.exit_code == 0, (args, result.output)
    full = queries.bus_overview(event).buses[0]
    runner.invoke(args=["buses", "plan", "--size", "200"])
    result = runner.invoke(args=["buses", "move", "999999", str(full.number), "--lang", "en"])
    assert result.exit_code != 0 and "not a confirmed participant" in result.output


def test_seating_page_warns_of_tables_with_one_side_only(seminar, login_as):
    from tests.checkin.helpers import make_delegate

    reception = queries.reception(seminar, "shenyang-reception")
    for person in ("namiki", "takahashi"):
        make_delegate(seminar, person, ("shenyang-reception",))
    client = login_as("secretariat")
    client.set_cookie("lang", "en")
    url = "/console/logistics/seating/shenyang-reception"
    operations.plan_seating(reception, 10)
    page = client.get(url).get_data(as_text=True)
    assert "Tables with one side only: 1." in page
    make_delegate(seminar, "shan", ("shenyang-reception",))
    operations.plan_seating(reception, 10)
    assert 'id="one-sided"' not in client.get(url).get_data(as_text=True)


def test_tables_of_one_are_refused_in_the_users_language(seminar, login_as):
    client = login_as("secretariat")
    client.set_cookie("lang", "zh")
    response = client.post(
        "/console/logistics/seating/clair-reception/plan",
        data={"table_size": 1},
        follow_redirects=True,
    )
    assert ZH_SEATS_BETWEEN_2_AND_50 in response.get_data(as_text=True)
    # the operation refuses too (the command line and any other caller), in Japanese here
    with pytest.raises(operations.Refused, match="テーブルは2席以上"):
        operations.plan_seating(queries.reception(seminar, "clair-reception"), 1)
    assert queries.seating_overview(queries.reception(seminar, "clair-reception")).tables == []
