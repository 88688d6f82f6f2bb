"""Buses, seating, catering, pickups and rooming on a generated 165-delegate event."""

from collections import Counter

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.logistics import operations, queries
from seminar_reg.registration.models import Attendance, Delegate

from .helpers import cancel, load_event


@pytest.fixture
def event(seminar, built_once):
    built_once(load_event, seminar)
    return seminar


def _site_visit_ids(seminar) -> set[int]:
    return {d.id for d in queries.participants(queries.site_visit(seminar))}


def test_every_site_visit_participant_is_on_exactly_one_bus(event):
    overview = operations.plan_buses(event, 45)
    riders = Counter(d.id for bus in overview.buses for d in bus.passengers)
    assert set(riders) == _site_visit_ids(event) and len(riders) > 90
    assert set(riders.values()) == {1}
    assert all(len(bus.passengers) <= 45 for bus in overview.buses)
    assert overview.unassigned == []


def test_buses_carry_an_interpreter_each_when_there_are_enough(event):
    overview = operations.plan_buses(event, 45)
    interpreters = sum(
        1 for d in queries.participants(queries.site_visit(event)) if d.role == "interpreter"
    )
    with_one = sum(
        1 for bus in overview.buses if any(d.role == "interpreter" for d in bus.passengers)
    )
    assert with_one == min(interpreters, len(overview.buses))


def test_replanning_replaces_the_plan(event):
    operations.plan_buses(event, 45)
    overview = operations.plan_buses(event, 20)
    assert [bus.capacity for bus in overview.buses] == [20] * len(overview.buses)
    assert sum(len(bus.passengers) for bus in overview.buses) == len(_site_visit_ids(event))


def test_moving_to_a_full_bus_is_refused_with_the_reason(event):
    overview = operations.plan_buses(event, 45)
    target, source = overview.buses[0], overview.buses[1]
    for mover in source.passengers[: target.free]:
        operations.move_to_bus(event, mover.id, target.number)
    last = source.passengers[target.free]
    with force_locale("en"), pytest.raises(operations.Refused) as refused:
        operations.move_to_bus(event, last.id, target.number)
    assert refused.value.message == f"Bus {target.number} is full (45 seats)."
    after = queries.bus_overview(event)
    assert len(after.buses[0].passengers) == 45
    assert last in after.buses[1].passengers


def test_moving_to_a_bus_with_room_works(event):
    overview = operations.plan_buses(event, 45)
    roomy = next(bus for bus in overview.buses if bus.free > 0)
    mover = next(bus for bus in overview.buses if bus.number != roomy.number).passengers[0]
    operations.move_to_bus(event, mover.id, roomy.number)
    after = queries.bus_overview(event)
    assert mover.id in {d.id for d in after.buses[roomy.number - 1].passengers}
    assert sum(len(bus.passengers) for bus in after.buses) == len(_site_visit_ids(event))


def test_late_registrations_are_unassigned_then_placed_where_there_is_room(event):
    from seminar_reg.registration.demo import demo_delegates
    from seminar_reg.registration.importer import store_rows

    operations.plan_buses(event, 45)
    late = [d for d in demo_delegates(japan=3, china=3, seed=7) if "site-visit" in d.item_codes]
    late = [
        d.__class__(**{**d.__dict__, "email": f"late{i}@example.org"}) for i, d in enumerate(late)
    ]
    store_rows(event, late)
    overview = queries.bus_overview(event)
    assert len(overview.unassigned) == len(late) > 0
    placed = operations.place_new_bus_riders(event)
    after = queries.bus_overview(event)
    assert placed == len(late) and after.unassigned == []
    assert all(bus.free >= 0 for bus in after.buses)


def test_cancelled_delegates_vanish_from_buses_tables_and_lists(event):
    operations.plan_buses(event, 45)
    item = queries.reception(event, "clair-reception")
    operations.plan_seating(item, 10)
    rider = queries.bus_overview(event).buses[0].passengers[0]
    cancel(rider)
    assert rider.id not in {d.id for b in queries.bus_overview(event).buses for d in b.passengers}
    assert rider.id not in {d.id for d in queries.bus_overview(event).unassigned}
    seating = queries.seating_overview(item)
    assert rider.id not in {d.id for t in seating.tables for d in t.guests} | {
        d.id for d in seating.unseated
    }
    assert rider.id not in {d.id for d in queries.catering(item).notes}
    pickups = queries.pickups(event, "arrivals", 60, 20)
    assert rider.id not in {p for g in pickups.groups for p in g.people}
    assert rider.id not in {d.id for d in pickups.missing}
    assert rider.id not in queries.rooming(event).delegates


@pytest.mark.parametrize("code", ["shenyang-reception", "clair-reception"])
def test_every_reception_table_holds_both_sides(event, code):
    item = queries.reception(event, code)
    overview = operations.plan_seating(item, 10)
    seated = Counter(d.id for t in overview.tables for d in t.guests)
    assert set(seated) == {d.id for d in queries.participants(item)} and set(seated.values()) == {1}
    for table in overview.tables:
        assert table.count("japan") > 0 and table.count("china") > 0, table.number
        assert len(table.guests) <= 10
    head = [t for t in overview.tables if t.is_head]
    assert head and all(d.role in {"vip", "speaker"} for t in head for d in t.guests)
    interpreters = [sum(d.role == "interpreter" for d in t.guests) for t in overview.tables]
    assert max(interpreters) == 1


def test_moving_to_a_full_table_is_refused(event):
    item = queries.reception(event, "clair-reception")
    overview = operations.plan_seating(item, 10)
    full = next(t for t in overview.tables if t.free == 0)
    mover = next(t for t in overview.tables if t.number != full.number and t.guests).guests[0]
    with force_locale("en"), pytest.raises(operations.Refused) as refused:
        operations.move_to_table(item, mover.id, full.number)
    assert f"Table {full.number} is full" in refused.value.message
    roomy = next(t for t in overview.tables if t.free > 0 and t.number != full.number)
    operations.move_to_table(item, full.guests[0].id, roomy.number)
    operations.move_to_table(item, mover.id, full.number)  # a seat was freed


def test_catering_counts_equal_the_registrations(event):
    for item in queries.receptions(event):
        catering = queries.catering(item)
        registered = db.session.execute(
            select(Delegate.dietary, func.count())
            .join(Attendance)
            .where(
                Attendance.item_id == item.id,
                Attendance.status == "confirmed",
                Delegate.status == "confirmed",
            )
            .group_by(Delegate.dietary)
        ).all()
        assert {code: n for code, n in registered} == {
            code: counts["all"] for code, counts in catering.counts.items() if counts["all"]
        }
        assert (
            sum(c["all"] for c in catering.counts.values())
            == catering.total
            == sum(n for _c, n in registered)
        )
        assert all(d.dietary_note for d in catering.notes if d.dietary == "other")


@pytest.mark.parametrize("direction", ["arrivals", "departures"])
def test_pickup_groups_cover_every_traveller_exactly_once(event, direction):
    data = queries.pickups(event, direction, 60, 12)
    confirmed = {d.id for d in queries.confirmed_delegates(event)}
    grouped = Counter(p for g in data.groups for p in g.people)
    missing = {d.id for d in data.missing}
    assert set(grouped.values()) == {1}
    assert set(grouped) | missing == confirmed and not set(grouped) & missing
    assert missing, "the demo event has people without travel details"
    for group in data.groups:
        assert all(len(vehicle) <= 12 for vehicle in group.vehicles)
        people = [data.delegates[i] for i in group.people]
        prefix = direction[:-1] if direction == "arrivals" else "departure"
        assert {getattr(d, f"{prefix}_date") for d in people} == {group.date}
        minutes = [
            getattr(d, f"{prefix}_time").hour * 60 + getattr(d, f"{prefix}_time").minute
            for d in people
        ]
        assert max(minutes) - min(minutes) <= 60


def test_rooming_lists_everyone_needing_a_room_with_totals_per_night(event):
    data = queries.rooming(event)
    needing = {d.id for d in queries.confirmed_delegates(event) if d.needs_hotel}
    assert {g.id for g in data.plan.guests} | {g.id for g in data.plan.undated} == needing
    for night, counts in data.plan.per_night.items():
        staying = [g for g in data.plan.guests if night in g.nights]
        assert counts["all"] == len(staying) == counts["japan"] + counts["china"]
