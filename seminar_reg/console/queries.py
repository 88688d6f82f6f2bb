"""Figures for the headcount dashboard: no personal data, so every staff role sees them."""

from __future__ import annotations

from sqlalchemy import func, select

from ..checkin.models import CheckIn
from ..extensions import db
from ..program.models import ItemKind, ProgramDay, ProgramItem, Seminar
from ..registration import places
from ..registration.models import Attendance, Delegate, DelegateStatus
from ..vocabulary import DIETARY_CODES, SIDES, AttendanceStatus, side_counts

DIETARY_ORDER = {code: position for position, code in enumerate(DIETARY_CODES)}


def _add(bucket: dict[str, int], side: str, count: int) -> None:
    bucket[side] += count
    bucket["all"] += count


def _attendance_counts(seminar: Seminar) -> dict[tuple[str, str, str], int]:
    rows = db.session.execute(
        select(ProgramItem.code, Attendance.status, Delegate.side, func.count(Attendance.id))
        .join(Attendance, Attendance.item_id == ProgramItem.id)
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(ProgramItem.seminar_id == seminar.id, places.registered())
        .group_by(ProgramItem.code, Attendance.status, Delegate.side)
    ).all()
    return {(code, status, side): count for code, status, side, count in rows}


def _checkin_counts(seminar: Seminar) -> dict[tuple[str, str], int]:
    rows = db.session.execute(
        select(ProgramItem.code, Delegate.side, func.count(CheckIn.id))
        .join(CheckIn, CheckIn.item_id == ProgramItem.id)
        .join(Delegate, Delegate.id == CheckIn.delegate_id)
        .where(ProgramItem.seminar_id == seminar.id, places.registered())
        .group_by(ProgramItem.code, Delegate.side)
    ).all()
    return {(code, side): count for code, side, count in rows}


def _dietary_by_item(seminar: Seminar) -> dict[str, dict[str, int]]:
    rows = db.session.execute(
        select(ProgramItem.code, Delegate.dietary, func.count(Attendance.id))
        .join(Attendance, Attendance.item_id == ProgramItem.id)
        .join(Delegate, Delegate.id == Attendance.delegate_id)
        .where(
            ProgramItem.seminar_id == seminar.id,
            ProgramItem.kind == ItemKind.RECEPTION,
            places.attends(),
        )
        .group_by(ProgramItem.code, Delegate.dietary)
    ).all()
    result: dict[str, dict[str, int]] = {}
    # Needs in the form's order (none, vegetarian, vegan, halal, other), not the query's.
    for code, dietary, count in sorted(rows, key=lambda row: DIETARY_ORDER.get(row[1], 99)):
        result.setdefault(code, {})[dietary] = count
    return result


def _present_at_the_seminar(seminar: Seminar) -> dict[str, int]:
    """Delegates checked in at one item or more: who has come to the seminar at all."""
    rows = db.session.execute(
        select(Delegate.side, func.count(func.distinct(CheckIn.delegate_id)))
        .join(CheckIn, CheckIn.delegate_id == Delegate.id)
        .where(Delegate.seminar_id == seminar.id, places.registered())
        .group_by(Delegate.side)
    ).all()
    present = side_counts()
    for side, count in rows:
        _add(present, side, count)
    return present


def _delegate_totals(seminar: Seminar) -> dict[str, dict[str, int]]:
    rows = db.session.execute(
        select(Delegate.status, Delegate.side, func.count(Delegate.id))
        .where(Delegate.seminar_id == seminar.id)
        .group_by(Delegate.status, Delegate.side)
    ).all()
    totals = {status.value: side_counts() for status in DelegateStatus}
    for status, side, count in rows:
        _add(totals[status], side, count)
    return totals


def _in_program_order(by_code: dict[str, dict], rows: list[dict]) -> dict[str, dict]:
    return {row["code"]: by_code[row["code"]] for row in rows if row["code"] in by_code}


def dashboard_figures(seminar: Seminar | None) -> dict:
    """Per item and in total: confirmed, waitlisted, checked in, each split by side."""
    if seminar is None:
        return {"items": [], "totals": {}, "dietary": {}}
    attendance, checkins = _attendance_counts(seminar), _checkin_counts(seminar)
    items = db.session.execute(
        select(ProgramItem)
        .join(ProgramDay)
        .where(ProgramItem.seminar_id == seminar.id)
        .order_by(ProgramDay.date, ProgramItem.position)
    ).scalars()
    rows = []
    for item in items:
        row = {"code": item.code, "capacity": item.capacity, "kind": item.kind}
        for status in (s.value for s in AttendanceStatus):
            row[status] = side_counts()
            for side in SIDES:
                _add(row[status], side, attendance.get((item.code, status, side), 0))
        row["checked_in"] = side_counts()
        for side in SIDES:
            _add(row["checked_in"], side, checkins.get((item.code, side), 0))
        rows.append(row)
    return {
        "items": rows,
        "totals": _delegate_totals(seminar) | {"checked_in": _present_at_the_seminar(seminar)},
        "dietary": _in_program_order(_dietary_by_item(seminar), rows),
        "reported": {
            "all": seminar.reported_participants_total,
            "japan": seminar.reported_participants_japan,
            "china": seminar.reported_participants_china,
        },
    }
