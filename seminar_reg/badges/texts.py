"""The words printed on badges and the messages about a print job, from the catalogs.

Badges are bilingual whatever language the user works in: every label is looked up
once in Japanese and once in Chinese and joined "ja / zh", the convention
``badges.layout.BadgeTexts`` sets the two faces by.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from babel.dates import format_interval
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..program.models import Seminar
from ..vocabulary.labels import ROLE_LABELS, SIDE_LABELS

if TYPE_CHECKING:
    from .layout import BadgeTexts, SkippedBadge

BADGE_LANGUAGES = ("ja", "zh")

# BadgeData field -> what the secretariat calls it
FIELD_LABELS = {
    "family": _l("Family name"),
    "given": _l("Given name"),
    "cross_name": _l("Name as written by the other side"),
    "latin_name": _l("Name in Latin letters"),
    "organization": _l("Organization"),
    "title": _l("Title or position"),
}


def in_language(language: str, message: object) -> str:
    """A lazy catalog string evaluated in `language`, whatever the user's language."""
    with force_locale(language):
        return str(message)


def bilingual(message: object) -> str:
    return " / ".join(in_language(language, message) for language in BADGE_LANGUAGES)


def date_range(start: dt.date, end: dt.date, language: str) -> str:
    """CLDR's way of writing a range, as a badge sets it: 2017年7月26日～28日 (ja),
    2017年7月26日—28日 (zh)."""
    text = format_interval(start, end, "yMMMd", locale=language)
    # CLDR puts thin spaces around the en dash ("26日 – 28日"); Chinese print sets the
    # range with a dash and no spaces, and the badge fonts have no thin space at all.
    return re.sub(r"\s*\u2013\s*", "\u2014", text)


def badge_texts(seminar: Seminar) -> BadgeTexts:
    from .layout import BadgeTexts  # reportlab: only when printing

    dates = " / ".join(
        date_range(seminar.start_date, seminar.end_date, language) for language in BADGE_LANGUAGES
    )
    return BadgeTexts(
        seminar_title=f"{seminar.short_title_ja} / {seminar.short_title_zh}",
        dates=dates,
        side_labels={str(side): bilingual(label) for side, label in SIDE_LABELS.items()},
        role_labels={str(role): bilingual(label) for role, label in ROLE_LABELS.items()},
    )


def skipped_reason(skipped: SkippedBadge) -> str:
    """Why a badge was left out, in the current language (documents only speak English)."""
    from ..documents.fonts import describe_character

    return _(
        "%(name)s (delegate %(id)s) was not printed: %(field)s contains %(character)s, "
        "which no font can draw.",
        name=skipped.name,
        id=skipped.delegate_id,
        field=str(FIELD_LABELS.get(skipped.field, skipped.field)),
        character=describe_character(skipped.character),
    )
