"""Read-only look-ups for registration pages and commands."""

from __future__ import annotations

from sqlalchemy import ColumnElement, String, case, func, literal, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..names import normalize_query, token_exact_pattern, token_prefix_pattern
from ..program.models import ProgramItem, Seminar
from ..program.queries import program_items
from ..vocabulary import side_counts
from . import places
from .models import Attendance, Delegate
from .personal_link import presented_token_hash, row_by_token_hash
from .rules import offered_to_side


def delegate_by_token(token: str) -> Delegate | None:
    return row_by_token_hash(
        Delegate.manage_token_hash,
        presented_token_hash(token),
        selectinload(Delegate.attendances).selectinload(Attendance.item),
    )


def delegate_by_hash(digest: str) -> Delegate | None:
    if not digest:
        return None
    return db.session.execute(
        select(Delegate).where(Delegate.manage_token_hash == digest)
    ).scalar_one_or_none()


def item_choices(seminar: Seminar, side: str, localize) -> list[tuple[str, str]]:
    return choices_for_side(program_items(seminar), side, localize)


def choices_for_side(items, side: str, localize) -> list[tuple[str, str]]:
    """(code, title) of the items, in their order, that the form offers this side."""
    return [(item.code, localize(item, "title")) for item in items if offered_to_side(item, side)]


def name_search(query: str, *, email: bool = False):
    """(condition, rank) finding delegates by name in any script, the rule of
    names/search.py: some token of the search text starts with a term of the query; rank
    0 where a token equals one (exact matches first), else 1. With `email`, an address
    that starts with the query matches too. None for a blank query."""
    terms = normalize_query(query)
    if not terms:
        return None
    padded = literal(" ", String) + Delegate.search_text
    found: list[ColumnElement] = [
        padded.like(token_prefix_pattern(term), escape="\\") for term in terms
    ]
    exact = or_(
        *((padded + " ").like(token_exact_pattern(term), escape="\\") for term in terms)
    )
    lowered = query.strip().casefold()
    if email and lowered:
        address = literal(" ", String) + func.lower(Delegate.email)
        found.append(address.like(token_prefix_pattern(lowered), escape="\\"))
        exact = or_(exact, func.lower(Delegate.email) == lowered)
    return or_(*found), case((exact, 0), else_=1)


def items_by_code(seminar: Seminar) -> dict[str, ProgramItem]:
    """Code -> item with its day, for the form to show each item's date and time."""
    items = db.session.execute(
        select(ProgramItem)
        .where(ProgramItem.seminar_id == seminar.id)
        .options(selectinload(ProgramItem.day))
    ).scalars()
    return {item.code: item for item in items}


def headcounts(seminar: Seminar) -> dict:
    """Who attends, by side: the seminar overall and each programme item (see places)."""
    result: dict = places.seminar_attendance_by_side(seminar)
    seats = places.seats_by_item_and_side(seminar)
    result["items"] = {
        item.code: side_counts(seats.get(item.id, {})) for item in program_items(seminar)
    }
    return result
