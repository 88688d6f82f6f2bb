"""Finding delegates for the console: search in any script, filters, each side's order."""

from __future__ import annotations

import dataclasses

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..names import like_pattern, without_control_characters
from ..program.models import ProgramItem, Seminar
from ..registration.models import Attendance, Delegate, Side
from ..registration.queries import name_matches

PAGE_SIZE = 50
MAX_FILTER_LENGTH = 200


def _filter_text(value: str | None) -> str:
    """The text as typed, less what no stored value can hold (NUL and other controls,
    lone surrogates, invisible format characters), trimmed and cut to a sane length."""
    # Cut before the per-character work; the slack leaves room for what is dropped.
    return without_control_characters((value or "")[: 4 * MAX_FILTER_LENGTH]).strip()[
        :MAX_FILTER_LENGTH
    ]


@dataclasses.dataclass(frozen=True)
class DelegateFilters:
    query: str = ""
    side: str = ""
    status: str = ""
    role: str = ""
    item: str = ""
    organization: str = ""

    @classmethod
    def from_args(cls, args) -> DelegateFilters:
        return cls(
            **{field.name: _filter_text(args.get(field.name)) for field in dataclasses.fields(cls)}
        )

    def as_args(self) -> dict[str, str]:
        return {key: value for key, value in dataclasses.asdict(self).items() if value}


def filtered(seminar: Seminar, filters: DelegateFilters) -> Select:
    """Delegates matching the filters, Japanese side first, each side in its own order;
    with a search, exact matches first (names/search.py's rule)."""
    statement = select(Delegate).where(Delegate.seminar_id == seminar.id)
    search = name_matches(filters.query, email_in=seminar.id)
    ranks = []
    if search is not None:
        # From the matches to their delegates: only those are read (name_matches).
        ids, rank = search
        statement = statement.select_from(ids).join(Delegate, Delegate.id == ids.c.delegate_id)
        ranks.append(rank)
    for column, value in (
        (Delegate.side, filters.side),
        (Delegate.status, filters.status),
        (Delegate.role, filters.role),
    ):
        if value:
            statement = statement.where(column == value)
    if filters.organization:
        pattern = like_pattern(filters.organization)
        statement = statement.where(
            or_(
                Delegate.organization.like(pattern, escape="\\"),
                Delegate.cross_organization.like(pattern, escape="\\"),
            )
        )
    if filters.item:
        statement = statement.where(
            Delegate.attendances.any(Attendance.item.has(ProgramItem.code == filters.item))
        )
    # Japanese side first ("japan" > "china"): without a search the page is read in the
    # order of ix_delegate_console_order, not sorted from every delegate.
    return statement.order_by(*ranks, Delegate.side.desc(), Delegate.sort_key, Delegate.id)


def clamp_page(page: int, total: int) -> int:
    """*page* within 1..the last page: a huge number is the last page, not an overflow."""
    last = max(1, -(-total // PAGE_SIZE))
    return min(max(page, 1), last)


def page_of_delegates(seminar: Seminar, filters: DelegateFilters, page: int, total: int):
    """Page *page* (clamped) of the *total* delegates matching *filters*."""
    page = clamp_page(page, total)
    statement = filtered(seminar, filters).options(
        selectinload(Delegate.attendances).selectinload(Attendance.item)
    )
    # The total is known (counts_by_side): paginate need not count the matches again.
    pagination = db.paginate(statement, page=page, per_page=PAGE_SIZE, error_out=False, count=False)
    pagination.total = total
    return pagination


def all_matching(seminar: Seminar, filters: DelegateFilters) -> list[Delegate]:
    statement = filtered(seminar, filters).options(
        selectinload(Delegate.attendances).selectinload(Attendance.item)
    )
    return list(db.session.execute(statement).scalars())


def counts_by_side(seminar: Seminar, filters: DelegateFilters) -> dict[str, int]:
    subquery = filtered(seminar, filters).order_by(None).subquery()
    rows = db.session.execute(select(subquery.c.side, func.count()).group_by(subquery.c.side)).all()
    counts = {Side.JAPAN.value: 0, Side.CHINA.value: 0}
    counts.update({side: count for side, count in rows})
    counts["all"] = counts[Side.JAPAN] + counts[Side.CHINA]
    return counts


def delegate_for_console(seminar: Seminar, delegate_id: int) -> Delegate | None:
    return db.session.execute(
        select(Delegate)
        .where(Delegate.id == delegate_id, Delegate.seminar_id == seminar.id)
        .options(
            selectinload(Delegate.attendances).selectinload(Attendance.item),
            selectinload(Delegate.changes),
        )
    ).scalar_one_or_none()
