"""A scan sends as many statements with 1,000 delegates as with 100, and its answer is made
from the rows it read (benchmarks/checkin_scans.py times it beside a trivial GET)."""

from __future__ import annotations

import uuid

import pytest

from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from tests.statements import counted_statements


def _statements_per_kind(desk, first: str, again: str) -> dict[str, int]:
    kinds, scan_id = {}, str(uuid.uuid4())
    for kind, code, client_id in (
        ("first", first, scan_id),
        ("repeat", first, str(uuid.uuid4())),
        ("replay", first, scan_id),
        ("unknown", "NOSUCHBADGE", str(uuid.uuid4())),
        ("other first", again, str(uuid.uuid4())),
    ):
        with counted_statements() as statements:
            response = desk({"code": code, "client_scan_id": client_id})
        assert response.status_code == 200, response.get_json()
        kinds[kind] = len(statements)
    return kinds


@pytest.mark.slow
def test_a_scan_sends_as_many_statements_at_1000_delegates_as_at_100(desk, seminar):
    people = demo_delegates(500, 500)
    few = store_rows(seminar, people[:50] + people[500:550])
    at_100 = _statements_per_kind(desk, few[0].checkin_code, few[1].checkin_code)
    many = store_rows(seminar, people[50:500] + people[550:])
    at_1000 = _statements_per_kind(desk, many[0].checkin_code, many[1].checkin_code)
    assert at_1000 == at_100
    # One read decides (queries.scan_subject), a first scan adds its INSERT, and the
    # answer is made from the rows read: the login's user and the item, then these.
    assert at_1000["first"] <= 4, at_1000
    assert at_1000["repeat"] <= 3 and at_1000["replay"] <= 3, at_1000
