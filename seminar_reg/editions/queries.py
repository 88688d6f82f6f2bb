"""Reads about editions that need the delegates: the list with live figures, and each
past edition's reported figures for the dashboard's comparison."""

from __future__ import annotations

from dataclasses import dataclass

from ..program.models import Seminar
from ..program.queries import seminars
from ..registration.places import seminar_attendance_by_side


@dataclass(frozen=True)
class EditionRow:
    seminar: Seminar
    live: dict  # {japan, china, all}: who attends now

    def as_json(self) -> dict:
        seminar = self.seminar
        return {
            "edition": seminar.edition,
            "current": seminar.is_current,
            "start_date": seminar.start_date.isoformat(),
            "end_date": seminar.end_date.isoformat(),
            "city_ja": seminar.city_ja,
            "delegates": self.live["all"],
        }


def edition_rows() -> list[EditionRow]:
    """Every edition with a programme, newest first, with who attends it."""
    return [EditionRow(seminar, seminar_attendance_by_side(seminar)) for seminar in seminars()]


def reported_figures(shown: Seminar | None) -> list[dict]:
    """The organisers' published figures of `shown` and the editions before it that have
    them, newest first: {edition, year, japan, china, all}."""
    rows = []
    for seminar in seminars():
        if shown is not None and seminar.edition > shown.edition:
            continue
        if seminar.reported_figures is None:
            continue
        rows.append(
            {"edition": seminar.edition, "year": seminar.fiscal_year}
            | seminar.reported_figures
        )
    return rows
