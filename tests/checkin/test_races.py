"""Two desks (or a retry) racing on the same scan: the database decides, the answer follows."""

from __future__ import annotations

import dataclasses

from sqlalchemy import func, select

from seminar_reg.checkin import operations, queries
from seminar_reg.checkin.models import CheckIn
from seminar_reg.checkin.operations import Outcome, Scan, check_in
from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code

from .helpers import make_delegate


def _blind_once(monkeypatch) -> None:
    """The first scan's read misses the check-in another desk committed a moment ago."""
    real = queries.scan_subject
    calls = []

    def blind(*args, **kwargs):
        subject = real(*args, **kwargs)
        calls.append(subject)
        if len(calls) == 1:
            return dataclasses.replace(subject, checkin=None, claimed=None)
        return subject

    monkeypatch.setattr(operations.queries, "scan_subject", blind)


def test_second_desk_losing_the_race_answers_already(app, seminar, monkeypatch):
    person = make_delegate(seminar)
    plenary = item_by_code(seminar, "plenary")
    check_in(plenary, Scan(code=person.checkin_code, client_scan_id="desk-a-0001"), staff_id=None)
    _blind_once(monkeypatch)
    result = check_in(
        plenary, Scan(code=person.checkin_code, client_scan_id="desk-b-0001"), staff_id=None
    )
    assert result.outcome == Outcome.ALREADY
    assert db.session.execute(select(func.count(CheckIn.id))).scalar_one() == 1


def test_concurrent_replay_of_one_client_id_answers_the_original(app, seminar, monkeypatch):
    person = make_delegate(seminar)
    plenary = item_by_code(seminar, "plenary")
    scan = Scan(code=person.checkin_code, client_scan_id="offline-0001")
    first = check_in(plenary, scan, staff_id=None)
    _blind_once(monkeypatch)
    again = check_in(plenary, scan, staff_id=None)
    assert again.outcome == Outcome.CHECKED_IN and again.replayed
    assert again.checkin.id == first.checkin.id
    assert db.session.execute(select(func.count(CheckIn.id))).scalar_one() == 1
