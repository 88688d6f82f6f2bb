"""The planners on plain data: no database."""

import datetime as dt
import random

import pytest

from seminar_reg.logistics.planning import (
    Diner,
    Guest,
    Person,
    Traveller,
    best_bus_for,
    catering_counts,
    catering_notes,
    plan_buses,
    plan_pickups,
    plan_rooming,
    plan_seating,
)

ORGS = ["札幌市", "大阪府", "沈阳市外办", "辽宁中国旅行社", "吉林省外办", "川崎市"]


def crowd(count=130, seed=1, interpreters=6, vips=9):
    rng = random.Random(seed)
    people = []
    for index in range(count):
        side = "japan" if index % 5 < 2 else "china"
        role = (
            "interpreter"
            if index < interpreters
            else "vip"
            if index < interpreters + vips
            else "delegate"
        )
        people.append(Person(index + 1, side, rng.choice(ORGS), role, f"k{index:03d}"))
    return people


def test_every_participant_rides_exactly_one_bus_within_capacity():
    people = crowd()
    buses = plan_buses(people, 45)
    riders = [rider for bus in buses for rider in bus]
    assert sorted(riders) == sorted(p.id for p in people)
    assert len(buses) == 3 and all(len(bus) <= 45 for bus in buses)


def test_each_bus_gets_an_interpreter_when_there_are_enough():
    people = crowd(interpreters=3)
    interpreters = {p.id for p in people if p.role == "interpreter"}
    for bus in plan_buses(people, 45):
        assert len(interpreters & set(bus)) == 1


def test_organisations_stay_together_when_they_fit():
    # 25 + 20 + 30 people on two buses of 45: only A and B together, C alone, fits
    people = [
        Person(i, "japan", "A" if i < 25 else "B" if i < 45 else "C", sort_key=str(i))
        for i in range(75)
    ]
    buses = plan_buses(people, 45)
    for organization in "ABC":
        members = {p.id for p in people if p.organization == organization}
        assert sum(1 for bus in buses if members & set(bus)) == 1, organization


def test_bus_plan_is_deterministic_and_handles_edges():
    assert plan_buses(crowd(), 40) == plan_buses(list(reversed(crowd())), 40)
    assert plan_buses([], 45) == []
    with pytest.raises(ValueError):
        plan_buses(crowd(), 0)


def test_late_registrant_joins_colleagues_or_the_emptiest_bus():
    from collections import Counter

    buses = [(1, 2, Counter({"札幌市": 3})), (2, 10, Counter()), (3, 0, Counter({"大阪府": 1}))]
    assert best_bus_for(Person(9, "japan", "札幌市"), buses) == 1
    assert best_bus_for(Person(9, "japan", "大阪府"), buses) == 2  # bus 3 is full
    assert best_bus_for(Person(9, "japan", "x"), [(1, 0, Counter())]) is None


def test_every_table_mixes_sides_and_vips_sit_at_the_head():
    people = crowd()
    tables = plan_seating(people, 10)
    by_id = {p.id: p for p in people}
    assert sorted(m for t in tables for m in t.members) == sorted(by_id)
    for table in tables:
        assert len(table.members) <= 10
        assert {by_id[m].side for m in table.members} == {"japan", "china"}, table
    head = [t for t in tables if t.is_head]
    assert {m for t in head for m in t.members} == {p.id for p in people if p.role == "vip"}


def _sides(table, by_id):
    return {by_id[m].side for m in table.members}


@pytest.mark.parametrize("size", [3, 4, 6])
def test_small_tables_mix_sides_whatever_side_the_interpreter_is_from(size):
    # 52 Japanese side (4 of them interpreters), 78 Chinese side: each side has someone
    # for every table down to tables of three (44 tables).
    people = [
        Person(i + 1, "japan" if i % 5 < 2 else "china", ORGS[i % 6], role, f"k{i:03d}")
        for i in range(130)
        for role in ["interpreter" if i in (0, 1, 5, 6) else "delegate"]
    ]
    by_id = {p.id: p for p in people}
    tables = plan_seating(people, size)
    assert sorted(m for t in tables for m in t.members) == sorted(by_id)
    assert all(len(t.members) <= size for t in tables)
    assert [t.number for t in tables if _sides(t, by_id) != {"japan", "china"}] == []


def test_tables_of_two_with_japanese_interpreters_are_all_mixed():
    people = [
        *(Person(i, "japan", "東京都", "interpreter", f"a{i}") for i in range(1, 5)),
        *(Person(i, "japan", "大阪府", "delegate", f"b{i}") for i in range(5, 9)),
        *(Person(i, "china", "沈阳市外办", "delegate", f"c{i}") for i in range(9, 17)),
    ]
    by_id = {p.id: p for p in people}
    tables = plan_seating(people, 2)
    assert len(tables) == 8
    assert all(_sides(t, by_id) == {"japan", "china"} for t in tables)


def test_a_one_sided_head_table_gets_a_host_from_the_other_side():
    people = [
        Person(1, "japan", "羽村市", "vip", "a"),
        Person(2, "japan", "自治体国際化協会", "speaker", "b"),
        Person(3, "china", "外交部", "delegate", "c"),
        Person(4, "china", "外交部", "interpreter", "d"),
        *(Person(i, "japan" if i % 2 else "china", "X", "delegate", f"e{i}") for i in range(5, 15)),
    ]
    by_id = {p.id: p for p in people}
    head, *regular = plan_seating(people, 6)
    assert head.is_head and head.members == [1, 2, 4]  # the Chinese-side interpreter hosts
    assert all(_sides(t, by_id) == {"japan", "china"} for t in regular)
    assert sorted(m for t in [head, *regular] for m in t.members) == sorted(by_id)


def test_organisations_are_packed_best_fit_so_none_is_split():
    # 20 seats in all for 20 people: 5+5 on one bus and 4+3+3 on the other is the only
    # way; putting each group on the emptiest bus splits one.
    sizes = {"A": 5, "B": 5, "C": 4, "D": 3, "E": 3}
    people = [
        Person(len(sizes) * 10 + n * 10 + k, "japan", org, sort_key=f"{org}{k}")
        for n, (org, count) in enumerate(sizes.items())
        for k in range(count)
    ]
    buses = plan_buses(people, 10)
    by_id = {p.id: p for p in people}
    orgs_per_bus = [{by_id[m].organization for m in bus} for bus in buses]
    for org in sizes:
        assert sum(org in orgs for orgs in orgs_per_bus) == 1, (org, orgs_per_bus)


def test_interpreters_are_spread_one_per_table():
    people = crowd(interpreters=8)
    interpreters = {p.id for p in people if p.role == "interpreter"}
    counts = [len(interpreters & set(t.members)) for t in plan_seating(people, 8)]
    assert max(counts) == 1 and sum(counts) == 8


def test_catering_counts_add_up_and_notes_are_kept():
    diners = [
        Diner(1, "japan", "none"),
        Diner(2, "china", "halal"),
        Diner(3, "china", "other", "no nuts"),
        Diner(4, "japan", "weird"),
    ]
    counts = catering_counts(diners)
    assert sum(c["all"] for c in counts.values()) == 4
    assert counts["halal"] == {"japan": 0, "china": 1, "all": 1}
    assert counts["other"]["all"] == 2
    assert [d.id for d in catering_notes(diners)] == [3, 4]


def _traveller(i, day, hour, minute, place="沈阳桃仙国际机场"):
    return Traveller(i, "japan", dt.date(2017, 7, day), dt.time(hour, minute), place, f"NH{i}")


def test_pickups_cover_every_arrival_once_and_missing_are_listed():
    travellers = [
        _traveller(1, 26, 9, 0),
        _traveller(2, 26, 9, 50),
        _traveller(3, 26, 10, 5),  # 65 minutes after 9:00: a new window
        _traveller(4, 26, 10, 0, "沈阳北站"),
        _traveller(5, 25, 18, 0),
        Traveller(6, "china", None, None, ""),
        Traveller(7, "china", dt.date(2017, 7, 26), None, "沈阳北站"),
    ]
    groups, missing = plan_pickups(travellers, 60, 1)
    assert [m.id for m in missing] == [6, 7]
    people = [p for g in groups for p in g.people]
    assert sorted(people) == [1, 2, 3, 4, 5]
    assert [(g.date.day, g.start.hour, g.people) for g in groups][:2] == [
        (25, 18, (5,)),
        (26, 10, (4,)),
    ]
    first_airport = next(g for g in groups if g.people[0] == 1)
    assert first_airport.vehicles == ((1,), (2,))  # vehicle size 1


def test_rooming_counts_nights_and_keeps_undated_guests():
    guests = [
        Guest(1, "japan", dt.date(2017, 7, 25), dt.date(2017, 7, 28)),
        Guest(2, "china", dt.date(2017, 7, 26), dt.date(2017, 7, 28)),
        Guest(3, "china", None, dt.date(2017, 7, 28)),
    ]
    rooming = plan_rooming(guests)
    assert [g.id for g in rooming.undated] == [3]
    assert rooming.per_night[dt.date(2017, 7, 26)] == {"japan": 1, "china": 1, "all": 2}
    assert rooming.per_night[dt.date(2017, 7, 25)]["all"] == 1
    assert dt.date(2017, 7, 28) not in rooming.per_night
