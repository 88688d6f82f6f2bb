"""Load the seminar, its programme and the series history from the packaged data file.

Seeding is an upsert keyed on natural keys (edition, day date, item code, edition
number), so running it twice changes nothing and a secretariat's later edits to
times, venues and capacities are not overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
from importlib import resources
from typing import Any

from sqlalchemy import select

from ..extensions import db
from ..vocabulary import LANGUAGES
from .models import (
    Audience,
    Edition,
    ItemKind,
    OrganizationRole,
    ProgramDay,
    ProgramItem,
    Seminar,
    SeminarOrganization,
    SubTheme,
)

# Fields the secretariat edits after seeding; a re-seed must leave them alone.
SECRETARIAT_FIELDS = {"start_time", "end_time", "capacity", "registration_deadline"}


def load_seed_data() -> dict[str, Any]:
    text = (
        resources.files("seminar_reg.program")
        .joinpath("data/seminar_2017.json")
        .read_text(encoding="utf-8")
    )
    return json.loads(text)


def _texts(prefix: str, values: dict[str, str] | None) -> dict[str, str]:
    values = values or {}
    return {f"{prefix}_{lang}": values.get(lang, "") for lang in LANGUAGES}


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set attributes that differ; report whether anything changed."""
    changed = False
    for key, value in values.items():
        if key in SECRETARIAT_FIELDS and getattr(obj, key) is not None:
            continue
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            changed = True
    return changed


def _upsert(model: type, lookup: dict[str, Any], values: dict[str, Any]) -> tuple[Any, bool]:
    obj = db.session.execute(select(model).filter_by(**lookup)).scalar_one_or_none()
    if obj is None:
        obj = model(**lookup, **values)
        db.session.add(obj)
        db.session.flush()
        return obj, True
    return obj, _assign(obj, values)


def _seminar_values(data: dict[str, Any]) -> dict[str, Any]:
    figures = data["reported_participants"]
    return {
        "fiscal_year": data["fiscal_year"],
        **_texts("title", data["title"]),
        **_texts("short_title", data["short_title"]),
        **_texts("city", data["city"]),
        **_texts("province", data["province"]),
        **_texts("theme", data["theme"]),
        "start_date": dt.date.fromisoformat(data["start_date"]),
        "end_date": dt.date.fromisoformat(data["end_date"]),
        "reported_participants_total": figures["total"],
        "reported_participants_japan": figures["japan"],
        "reported_participants_china": figures["china"],
    }


def _seed_seminar(data: dict[str, Any]) -> tuple[Seminar, int]:
    seminar, changed = _upsert(Seminar, {"edition": data["edition"]}, _seminar_values(data))
    changes = int(changed)
    for position, subtheme in enumerate(data["subthemes"], start=1):
        _, changed = _upsert(
            SubTheme,
            {"seminar_id": seminar.id, "position": position},
            _texts("text", subtheme),
        )
        changes += changed
    for position, org in enumerate(data["organizations"], start=1):
        # The enums refuse a mistyped code in the data file instead of storing it.
        values = {"role": OrganizationRole(org["role"]).value, **_texts("name", org)}
        _, changed = _upsert(
            SeminarOrganization, {"seminar_id": seminar.id, "position": position}, values
        )
        changes += changed
    return seminar, changes


def _seed_program(seminar: Seminar, days: list[dict[str, Any]]) -> int:
    changes = 0
    for day_data in days:
        date = dt.date.fromisoformat(day_data["date"])
        day, changed = _upsert(ProgramDay, {"seminar_id": seminar.id, "date": date}, {})
        changes += changed
        for position, item in enumerate(day_data["items"], start=1):
            values = {
                "day_id": day.id,
                "position": position,
                "kind": ItemKind(item["kind"]).value,
                "audience": Audience(item["audience"]).value,
                **_texts("title", item["title"]),
                **_texts("description", item.get("description")),
                **_texts("venue", item.get("venue")),
            }
            _, changed = _upsert(
                ProgramItem, {"seminar_id": seminar.id, "code": item["code"]}, values
            )
            changes += changed
    return changes


def _seed_editions(editions: list[dict[str, Any]]) -> int:
    changes = 0
    for edition in editions:
        values = {
            "fiscal_year": edition["fiscal_year"],
            **_texts("city", edition["city"]),
            **_texts("province", edition["province"]),
            **_texts("theme", edition["theme"]),
        }
        _, changed = _upsert(Edition, {"number": edition["number"]}, values)
        changes += changed
    return changes


def seed_program(data: dict[str, Any] | None = None) -> int:
    """Create or update the seminar and its programme; return how many rows changed."""
    data = data or load_seed_data()
    seminar, changes = _seed_seminar(data["seminar"])
    if not db.session.execute(select(Seminar.id).where(Seminar.is_current.is_(True))).first():
        seminar.is_current = True  # a fresh database runs the seeded edition
        changes += 1
    changes += _seed_program(seminar, data["days"])
    changes += _seed_editions(data["editions"])
    db.session.commit()
    return changes
