"""Which delegates a badge print job contains, in print order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, case, func, or_, select

from ..delegations.queries import waiting_member_ids
from ..extensions import db
from ..program.models import Seminar
from ..registration import places
from ..registration.models import Delegate, Side
from ..registration.queries import name_search

FETCH_BATCH = 200


@dataclass(frozen=True)
class Selection:
    """The filters of one print job; every filter given must match (None: no filter)."""

    side: str | None = None
    role: str | None = None
    item_code: str | None = None
    delegate_id: int | None = None
    # What the delegate list's search box takes: a name in any script, or an email.
    query: str | None = None
    # Never printed, or changed since the last print.
    unprinted: bool = False


def _filtered(query: Select, seminar: Seminar, selection: Selection) -> Select:
    # Every registered delegate has a badge, waitlisted too (see registration.places);
    # cancelled delegates have none, whatever the filters say.
    query = query.where(Delegate.seminar_id == seminar.id, places.registered())
    if selection.side:
        query = query.where(Delegate.side == selection.side)
    if selection.role:
        query = query.where(Delegate.role == selection.role)
    if selection.item_code:
        attending = places.attendee_ids_by_code(seminar, selection.item_code)
        query = query.where(Delegate.id.in_(attending))
    if selection.delegate_id is not None:
        query = query.where(Delegate.id == selection.delegate_id)
    else:
        # A member a contact typed at an address registered already is most likely that
        # person, whose own badge prints: theirs waits for the answer (DEVELOPING.md).
        query = query.where(Delegate.id.not_in(waiting_member_ids(seminar)))
    search = name_search(selection.query, email_in=seminar.id) if selection.query else None
    if search is not None:
        query = query.where(search[0])  # the delegate list's search
    if selection.unprinted:
        query = query.where(
            or_(
                Delegate.badge_printed_at.is_(None),
                Delegate.badge_printed_at < Delegate.updated_at,
            )
        )
    return query


def print_order() -> tuple:
    """Japanese side first, then Chinese side; each in its own order (gojūon / pinyin).

    sort_key holds only [0-9a-z], so every database collation orders it the same way;
    the id makes the order total for identical names."""
    japanese_first = case((Delegate.side == Side.JAPAN, 0), else_=1)
    return (japanese_first, Delegate.sort_key, Delegate.id)


def iter_selected(seminar: Seminar, selection: Selection) -> Iterator[Delegate]:
    """The delegates whose badges the job prints, in print order, fetched in batches
    (so a progress bar over them follows the database, not a list already loaded)."""
    query = _filtered(select(Delegate), seminar, selection).order_by(*print_order())
    yield from db.session.execute(query.execution_options(yield_per=FETCH_BATCH)).scalars()


def count_by_side(seminar: Seminar, selection: Selection) -> dict[str, int]:
    """How many badges the selection holds: {'japan': n, 'china': m, 'all': n + m}."""
    query = _filtered(select(Delegate.side, func.count(Delegate.id)), seminar, selection)
    counts = {side.value: 0 for side in Side}
    for side, count in db.session.execute(query.group_by(Delegate.side)):
        counts[side] = count
    counts["all"] = sum(counts.values())
    return counts


def first_selected(seminar: Seminar, selection: Selection, limit: int) -> list[Delegate]:
    """The first delegates of the job in print order, to show whose badges it prints."""
    query = _filtered(select(Delegate), seminar, selection).order_by(*print_order())
    return list(db.session.execute(query.limit(limit)).scalars())
