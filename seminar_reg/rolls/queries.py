"""Reads for attendance rolls: who is on a roll, their check-ins, and the counts per roll."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from ..checkin.models import CheckIn
from ..extensions import db
from ..program.models import ProgramItem, Seminar
from ..program.queries import item_by_code, program_items
from ..registration import places
from ..registration.models import Delegate

# Item code of the roll of every confirmed delegate (no programme item uses it).
WHOLE_SEMINAR = "all"


class UnknownRollError(LookupError):
    """No programme item has this code (and it is not the whole-seminar roll)."""

    def __init__(self, code: str, known: list[str]) -> None:
        self.code = code
        self.known = known
        super().__init__(f"unknown program item {code!r}; known: {', '.join(known)}")


@dataclass(frozen=True)
class RollSummary:
    """One line of the roll overview: the item (None for the whole seminar) and counts."""

    code: str
    item: ProgramItem | None
    japan: int
    china: int

    @property
    def total(self) -> int:
        return self.japan + self.china


def roll_item(seminar: Seminar, code: str) -> ProgramItem | None:
    """The item a roll code names; None for the whole-seminar roll."""
    if code == WHOLE_SEMINAR:
        return None
    item = item_by_code(seminar, code)
    if item is None:
        known = [WHOLE_SEMINAR, *(item.code for item in program_items(seminar))]
        raise UnknownRollError(code, known)
    return item


def _on_roll(seminar: Seminar, item: ProgramItem | None) -> Select:
    """Who attends (registration.places): the item's seats, or for the whole seminar
    everyone holding a seat somewhere. The waiting list is not on the roll."""
    if item is not None:
        return places.attendees(item)
    return select(Delegate).where(Delegate.seminar_id == seminar.id, places.attends_seminar())


def roll_delegates(seminar: Seminar, item: ProgramItem | None) -> list[Delegate]:
    """Everyone on the roll, each side in its own order (sort_key), then by id."""
    query = _on_roll(seminar, item).order_by(Delegate.side, Delegate.sort_key, Delegate.id)
    return list(db.session.execute(query).scalars())


def check_in_times(seminar: Seminar, item: ProgramItem | None) -> dict[int, dt.datetime]:
    """Delegate id -> check-in time at the item; for the whole seminar, the first
    check-in at any item (the moment the delegate arrived)."""
    query = select(CheckIn.delegate_id, func.min(CheckIn.checked_in_at)).group_by(
        CheckIn.delegate_id
    )
    if item is None:
        query = query.join(ProgramItem, ProgramItem.id == CheckIn.item_id).where(
            ProgramItem.seminar_id == seminar.id
        )
    else:
        query = query.where(CheckIn.item_id == item.id)
    return {delegate_id: at for delegate_id, at in db.session.execute(query)}


def roll_overview(seminar: Seminar) -> list[RollSummary]:
    """The whole-seminar roll first, then every item in programme order, with counts."""
    per_item = places.seats_by_item_and_side(seminar)
    whole = places.seminar_attendance_by_side(seminar)
    summaries = [RollSummary(WHOLE_SEMINAR, None, whole.get("japan", 0), whole.get("china", 0))]
    for item in program_items(seminar):
        counts = per_item.get(item.id, {})
        summaries.append(
            RollSummary(item.code, item, counts.get("japan", 0), counts.get("china", 0))
        )
    return summaries
