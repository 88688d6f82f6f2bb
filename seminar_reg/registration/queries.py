"""Read-only look-ups for registration pages and commands."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, String, and_, case, func, literal, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..names import normalize_query, token_prefix_pattern, token_range
from ..program.models import ProgramItem, Seminar
from ..program.queries import program_items
from ..vocabulary import side_counts
from . import places
from .models import Attendance, Delegate, DelegateSearchToken
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
    0 where a token equals one (exact matches first), else 1. The tokens are read from
    their index (delegate_search_token), not from every delegate's text. With `email`, an
    address that starts with the query matches too. None for a blank query."""
    terms = normalize_query(query)
    if not terms:
        return None
    found: list[ColumnElement] = [Delegate.id.in_(_matching_ids(terms))]
    exact = _exact(terms)
    lowered = query.strip().casefold()
    if email and lowered:
        address = literal(" ", String) + func.lower(Delegate.email)
        found.append(address.like(token_prefix_pattern(lowered), escape="\\"))
        exact = or_(exact, func.lower(Delegate.email) == lowered)
    return or_(*found), case((exact, 0), else_=1)


def name_matches(query: str):
    """(ids, rank) for a look-up by name alone: the ids of the delegates found by
    name_search's rule, as a subquery to select from and join Delegate to (column
    ``delegate_id``), and the same rank. Read first, the matching tokens decide which
    delegates are read at all; as an IN condition beside the seminar, SQLite without
    table statistics reads every delegate of the seminar instead. None for a blank query."""
    terms = normalize_query(query)
    if not terms:
        return None
    ids = _matching_ids(terms).distinct().subquery("name_matches")
    return ids, case((_exact(terms), 0), else_=1)


def _matching_ids(terms: list[str]) -> Select:
    token = DelegateSearchToken.token
    return select(DelegateSearchToken.delegate_id).where(
        or_(*(_starts_with(token, term) for term in terms))
    )


def _exact(terms: list[str]) -> ColumnElement:
    return Delegate.id.in_(
        select(DelegateSearchToken.delegate_id).where(DelegateSearchToken.token.in_(terms))
    )


def _starts_with(token, term: str) -> ColumnElement:
    low, high = token_range(term)
    return token >= low if high is None else and_(token >= low, token < high)


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
