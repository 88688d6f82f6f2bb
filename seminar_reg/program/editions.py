"""Editions of the series: create the next one from an earlier one, make one current.

The programme's structure is copied (days shifted to the new start, items with their
kind, audience, clock times and capacity, sub-themes, organisers); venues are cleared to
"to be announced", the registration deadline is cleared for the secretariat to set, the
reported figures are left empty, and no delegate is copied. Titles are renumbered in
all three languages (第17回 / 第十七届 / 17th).
"""

from __future__ import annotations

import datetime as dt
import re

from flask_babel import gettext as _
from sqlalchemy import update

from ..audit.trail import Kind, record
from ..extensions import db
from ..vocabulary import LANGUAGES
from .models import ProgramDay, Seminar
from .queries import seminar_by_edition

_DIGITS = "〇一二三四五六七八九"


class EditionError(Exception):
    """A request the series cannot take; `str()` is a sentence for the user."""


def chinese_number(number: int) -> str:
    """1..999 in Chinese numerals as edition numbers are written: 十六, 二十, 一百零五."""
    if not 0 < number < 1000:
        return str(number)
    hundreds, tens, ones = number // 100, number // 10 % 10, number % 10
    text = f"{_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    return text + (_DIGITS[ones] if ones else "")


def english_ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _numbered(lang: str, number: int) -> str:
    return {"ja": f"第{number}回", "zh": f"第{chinese_number(number)}届"}.get(
        lang, english_ordinal(number)
    )


_PATTERNS = {
    "ja": re.compile(r"第\s*[0-9０-９]+\s*回"),
    "zh": re.compile(r"第[〇零一二三四五六七八九十百0-9]+届"),
    "en": re.compile(r"\b[0-9]+(st|nd|rd|th)\b"),
}


def renumber(text: str, lang: str, number: int) -> str:
    """The title with its edition number replaced (or put in front when it has none)."""
    new = _numbered(lang, number)
    if _PATTERNS[lang].search(text):
        return _PATTERNS[lang].sub(new, text, count=1)
    return f"{new} {text}" if lang == "en" else f"{new}{text}"


def fiscal_year(start: dt.date) -> int:
    """Japan's fiscal year (April to March), as the report's history counts editions."""
    return start.year if start.month >= 4 else start.year - 1


def _copy(source, exclude: set[str], **values):
    columns = {
        column.name: getattr(source, column.name)
        for column in type(source).__table__.columns
        if column.name not in exclude | {"id", "seminar_id"}
    }
    return type(source)(**(columns | values))


def create_edition(
    number: int,
    *,
    source_number: int,
    start: dt.date,
    cities: dict[str, str] | None = None,
) -> Seminar:
    """Create edition `number` from edition `source_number` starting on `start`; commit."""
    source = seminar_by_edition(source_number)
    if source is None:
        raise EditionError(_("There is no edition %(number)s to copy from.", number=source_number))
    if number < 1:
        raise EditionError(_("An edition number is a whole number from 1."))
    if seminar_by_edition(number) is not None:
        raise EditionError(_("Edition %(number)s exists already.", number=number))
    shift = start - source.start_date
    texts = {
        f"{field}_{lang}": renumber(getattr(source, f"{field}_{lang}"), lang, number)
        for field in ("title", "short_title")
        for lang in LANGUAGES
    }
    cities = {f"city_{lang}": text for lang, text in (cities or {}).items() if text}
    if cities:  # another city: the old one's province would be wrong, so it is left to fill
        cities |= {f"province_{lang}": "" for lang in LANGUAGES}
    seminar = _copy(
        source,
        {"edition", "is_current", "fiscal_year", "start_date", "end_date"},
        edition=number,
        is_current=False,
        fiscal_year=fiscal_year(start),
        start_date=start,
        end_date=source.end_date + shift,
        reported_participants_total=None,
        reported_participants_japan=None,
        reported_participants_china=None,
        registration_deadline=None,
        **texts,
        **cities,
    )
    db.session.add(seminar)
    db.session.flush()
    for subtheme in source.subthemes:
        db.session.add(_copy(subtheme, set(), seminar_id=seminar.id))
    for organization in source.organizations:
        db.session.add(_copy(organization, set(), seminar_id=seminar.id))
    _copy_programme(source, seminar, shift)
    db.session.commit()
    record(
        Kind.EDITION,
        subject=str(number),
        detail=f"created from edition {source_number}; {start} to {seminar.end_date}; "
        f"city {seminar.city_en or seminar.city_ja}",
    )
    return seminar


def _copy_programme(source: Seminar, seminar: Seminar, shift: dt.timedelta) -> None:
    for day in source.days:
        new_day = ProgramDay(seminar_id=seminar.id, date=day.date + shift)
        db.session.add(new_day)
        db.session.flush()
        for item in day.items:
            venues = {f"venue_{lang}": "" for lang in LANGUAGES}  # to be announced
            db.session.add(
                _copy(item, {"day_id"}, seminar_id=seminar.id, day_id=new_day.id, **venues)
            )


def make_current(number: int) -> Seminar:
    """Make edition `number` the one the public pages, registration and desk work on."""
    seminar = seminar_by_edition(number)
    if seminar is None:
        raise EditionError(_("There is no edition %(number)s.", number=number))
    db.session.execute(update(Seminar).where(Seminar.id != seminar.id).values(is_current=False))
    seminar.is_current = True
    db.session.commit()
    record(Kind.EDITION, subject=str(number), detail="made current")
    return seminar
