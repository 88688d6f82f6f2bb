"""Changes to what an edition says, in ja/zh/en: its texts (titles, theme, city...),
sub-themes, organisers, days and items' titles, descriptions, kind and audience.

Each change commits, then goes into the audit trail with who, when, and the fields'
values before and after (`detail`, JSON)."""

from __future__ import annotations

import datetime as dt
import json

from ..audit.trail import Kind, record
from ..extensions import db
from .models import ProgramDay, ProgramItem, Seminar, SeminarOrganization, SubTheme


def apply_values(obj, values: dict) -> tuple[dict, dict]:
    """Set the values that differ; return them before and after, for the audit trail."""
    before, after = {}, {}
    for name, value in values.items():
        old = getattr(obj, name)
        if old != value:
            before[name], after[name] = _plain(old), _plain(value)
            setattr(obj, name, value)
    return before, after


def _plain(value):
    return value.isoformat() if isinstance(value, dt.date | dt.time) else value


def record_change(
    seminar: Seminar, subject: str, before: dict, after: dict, *, people: int | None = None
) -> None:
    """One programme change in the audit trail (who and when are the trail's): the
    edition, what, and the changed fields' values before and after (`detail`, JSON).
    The programme settings' times, venues, capacities and deadline use it too."""
    if before or after:
        record(
            Kind.PROGRAMME,
            subject=f"edition {seminar.edition}: {subject}",
            people=people,
            detail=json.dumps({"before": before, "after": after}, ensure_ascii=False),
        )


def update_texts(seminar: Seminar, values: dict) -> bool:
    """Titles, short titles, theme, city, province, the letters' signatory; returns
    whether anything changed."""
    before, after = apply_values(seminar, values)
    db.session.commit()
    record_change(seminar, "texts", before, after)
    return bool(after)


def update_item_content(item: ProgramItem, values: dict) -> bool:
    seminar = db.session.get(Seminar, item.seminar_id)
    before, after = apply_values(item, values)
    db.session.commit()
    record_change(seminar, f"item {item.code}", before, after)
    return bool(after)


def save_subtheme(seminar: Seminar, subtheme: SubTheme | None, values: dict) -> None:
    """Change a sub-theme, or add one at the end (`subtheme` None)."""
    if subtheme is None:
        subtheme = SubTheme(seminar_id=seminar.id, position=_next(seminar.subthemes))
        db.session.add(subtheme)
        _, after = apply_values(subtheme, values)
        before = {}
    else:
        before, after = apply_values(subtheme, values)
    db.session.commit()
    record_change(seminar, f"sub-theme {subtheme.position}", before, after)


def save_organization(
    seminar: Seminar, organization: SeminarOrganization | None, values: dict
) -> None:
    """Change an organiser, co-organiser or supporter, or add one (`organization` None)."""
    if organization is None:
        organization = SeminarOrganization(
            seminar_id=seminar.id, position=_next(seminar.organizations)
        )
        db.session.add(organization)
        _, after = apply_values(organization, values)
        before = {}
    else:
        before, after = apply_values(organization, values)
    db.session.commit()
    record_change(seminar, f"organisation {organization.position}", before, after)


def remove(seminar: Seminar, row: SubTheme | SeminarOrganization) -> None:
    kind = "sub-theme" if isinstance(row, SubTheme) else "organisation"
    texts = {c.name: getattr(row, c.name) for c in row.__table__.columns if c.name[-3:-2] == "_"}
    db.session.delete(row)
    db.session.commit()
    record_change(seminar, f"{kind} {row.position} removed", texts, {})


def move_day(seminar: Seminar, day: ProgramDay, date: dt.date) -> None:
    """Give a programme day another date; the edition's first and last day follow."""
    before, after = apply_values(day, {"date": date})
    db.session.flush()
    dates = [d.date for d in seminar.days]
    apply_values(seminar, {"start_date": min(dates), "end_date": max(dates)})
    db.session.commit()
    record_change(seminar, "day", before, after)


def _next(rows) -> int:
    return max((row.position for row in rows), default=0) + 1
