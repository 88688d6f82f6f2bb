"""Figures for the headcount dashboard: no personal data, so every staff role sees them.

Read from the counters the database keeps (headcounts.py): three statements whatever
the number of delegates, places and check-ins.
"""

from __future__ import annotations

from sqlalchemy import select

from ..extensions import db
from ..program.models import ItemKind, ProgramDay, ProgramItem, Seminar
from ..registration.models import DelegateStatus
from ..vocabulary import DIETARY_CODES, SIDE_COUNT_KEYS, SIDES, AttendanceStatus, side_counts
from . import headcounts
from .headcounts import CHECKED_IN, PRESENT

DIETARY_ORDER = {code: position for position, code in enumerate(DIETARY_CODES)}


def _by_side(counts, figure: str) -> dict[str, int]:
    """`{"japan", "china", "all"}` of one figure from (side, figure) -> people."""
    return side_counts({side: counts.get((side, figure), 0) for side in SIDES})


def _dietary_by_item(counts: headcounts.Headcounts, receptions: dict[int, str]) -> dict:
    """Reception code -> dietary need -> confirmed places, needs in the form's order
    (none, vegetarian, vegan, halal, other)."""
    needs: dict[str, dict[str, int]] = {}
    for (item_id, _side, figure, dietary), people in counts.items.items():
        if item_id in receptions and figure == AttendanceStatus.CONFIRMED:
            by_need = needs.setdefault(receptions[item_id], {})
            by_need[dietary] = by_need.get(dietary, 0) + people
    return {
        code: dict(sorted(by_need.items(), key=lambda need: DIETARY_ORDER.get(need[0], 99)))
        for code, by_need in needs.items()
    }


def dashboard_figures(seminar: Seminar | None) -> dict:
    """Per item and in total: confirmed, waitlisted, checked in, each split by side."""
    if seminar is None:
        return {"items": [], "totals": {}, "dietary": {}}
    counts = headcounts.counted(seminar)
    per_item = headcounts.by_item(counts)
    items = db.session.execute(
        select(ProgramItem)
        .join(ProgramDay)
        .where(ProgramItem.seminar_id == seminar.id)
        .order_by(ProgramDay.date, ProgramItem.position)
    ).scalars().all()
    rows = []
    for item in items:
        row = {"code": item.code, "capacity": item.capacity, "kind": item.kind}
        held = per_item.get(item.id, {})
        for figure in (*(s.value for s in AttendanceStatus), CHECKED_IN):
            row[figure] = _by_side(held, figure)
        rows.append(row)
    receptions = {item.id: item.code for item in items if item.kind == ItemKind.RECEPTION}
    totals = {status.value: _by_side(counts.seminar, status.value) for status in DelegateStatus}
    dietary = _dietary_by_item(counts, receptions)
    return {
        "items": rows,
        "totals": totals | {"checked_in": _by_side(counts.seminar, PRESENT)},
        "dietary": {row["code"]: dietary[row["code"]] for row in rows if row["code"] in dietary},
        "reported": seminar.reported_figures or dict.fromkeys(SIDE_COUNT_KEYS),
    }
