"""Read-only look-ups for registration pages and commands."""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, case, or_, select, union
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..names import normalize_query, token_range
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


def name_search(query: str, *, email_in: int | None = None):
    """(condition, rank) for a WHERE clause: name_matches' delegates as ``Delegate.id IN
    (...)`` (a badge job's selection). None for a blank query."""
    search = name_matches(query, email_in=email_in)
    if search is None:
        return None
    ids, rank = search
    return Delegate.id.in_(select(ids.c.delegate_id)), rank


def name_matches(query: str, *, email_in: int | None = None):
    """(ids, rank) finding delegates by name in any script, the rule of names/search.py:
    some token of the search text starts with a term of the query; rank 0 where a token
    equals one (exact matches first), else 1. With `email_in` (a seminar's id), an
    address in that seminar that starts with the query matches too. None for a blank query.

    The ids are a subquery to select from and join Delegate to (column ``delegate_id``):
    read first, through the tokens' index (delegate_search_token) and the addresses'
    (seminar, email_key), they decide which delegates are read at all. As an IN condition
    beside the seminar, SQLite without table statistics read every delegate of the
    seminar instead; LIKE over every delegate's text did so everywhere."""
    terms = normalize_query(query)
    if not terms:
        return None
    ids = _matching_ids(terms)
    exact = _exact(terms)
    address = query.strip().casefold()  # email_key is the address casefolded
    if email_in is not None and address:
        ids = union(ids, _addresses_starting(email_in, address))
        exact = or_(exact, Delegate.email_key == address)
    else:
        ids = ids.distinct()
    return ids.subquery("name_matches"), case((exact, 0), else_=1)


def _addresses_starting(seminar_id: int, address: str) -> Select:
    key = Delegate.email_key
    if db.session.get_bind().dialect.name == "postgresql":
        key = key.collate("C")  # code-point order, as SQLite compares: token_range's
    return select(Delegate.id.label("delegate_id")).where(
        Delegate.seminar_id == seminar_id, _starts_with(key, address)
    )


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
