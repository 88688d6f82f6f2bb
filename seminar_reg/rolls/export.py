"""Roll documents for the web and the command line: translated texts, entries, bytes.

The document builders know nothing of Flask; this module gathers the data and
translates every label with the roll's own language (not the viewer's), so a Chinese
roll downloaded from a Japanese console is Chinese throughout.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import force_locale
from flask_babel import gettext as _

from ..clock import venue_datetime
from ..i18n import localized, long_date
from ..names.display import display_reading
from ..program.models import ProgramItem, Seminar
from ..registration.models import Delegate
from ..vocabulary import LANGUAGES
from .queries import check_in_times, roll_delegates, roll_item

if TYPE_CHECKING:
    from .content import RollEntry, RollResult, RollTexts

# The builders (reportlab, openpyxl) are imported by make_roll, when a roll is made.
FORMATS = ("pdf", "xlsx")

__all__ = ["FORMATS", "LANGUAGES", "RollFile", "make_roll", "roll_entries", "roll_texts"]


@dataclass(frozen=True)
class RollFile:
    data: bytes
    filename: str
    result: RollResult


def make_roll(seminar: Seminar, code: str, *, language: str, file_format: str) -> RollFile:
    """The roll of item `code` (or 'all') as PDF or XLSX in `language`.

    Raises UnknownRollError for an unknown code and ValueError for an unknown language
    or format.
    """
    if file_format not in FORMATS:
        raise ValueError(f"unknown roll format {file_format!r}; expected one of {list(FORMATS)}")
    if language not in LANGUAGES:
        raise ValueError(f"unknown roll language {language!r}; expected one of {LANGUAGES}")
    from .pdf import build_roll_pdf
    from .xlsx import build_roll_xlsx

    builders = {"pdf": build_roll_pdf, "xlsx": build_roll_xlsx}
    item = roll_item(seminar, code)
    texts = roll_texts(seminar, item, language)
    result = builders[file_format](roll_entries(seminar, item), texts)
    filename = f"roll-{seminar.edition}-{code}-{language}.{file_format}"
    return RollFile(result.data, filename, result)


def roll_entries(seminar: Seminar, item: ProgramItem | None) -> list[RollEntry]:
    checked_in = check_in_times(seminar, item)
    return [
        _entry(delegate, checked_in.get(delegate.id)) for delegate in roll_delegates(seminar, item)
    ]


def _entry(delegate: Delegate, checked_in_at: dt.datetime | None) -> RollEntry:
    from .content import RollEntry

    return RollEntry(
        delegate_id=delegate.id,
        side=delegate.side,
        family=delegate.family_name,
        given=delegate.given_name,
        latin_name=delegate.latin_name,
        cross_name=delegate.cross_name,
        organization=delegate.organization,
        cross_organization=delegate.cross_organization,
        title=delegate.title,
        reading=display_reading(delegate.side, delegate.family_reading, delegate.given_reading),
        # Stored in UTC; the roll shows the time on the venue's clock, like the desk.
        checked_in_at=venue_datetime(checked_in_at) if checked_in_at else None,
    )


def roll_texts(seminar: Seminar, item: ProgramItem | None, language: str) -> RollTexts:
    """Every label of the roll, translated into `language`."""
    from .content import RollTexts

    with force_locale(language):
        return RollTexts(
            language=language,
            document_title=_("Attendance roll"),
            seminar_title=localized(seminar, "title"),
            roll_title=localized(item, "title") if item else _("Whole seminar"),
            date=_item_date(item) if item else _seminar_dates(seminar),
            venue=localized(item, "venue") if item else localized(seminar, "city"),
            venue_to_be_announced=_("Venue to be announced"),
            side_labels={"japan": _("Japanese side"), "china": _("Chinese side")},
            number=_("No."),
            name=_("Name"),
            reading=_("Reading (kana)"),
            latin_name=_("Name in Latin letters"),
            cross_name=_("Name as written by the other side"),
            organization=_("Organization"),
            title=_("Title or position"),
            signature=_("Signature"),
            checked_in=_("Checked in"),
            subtotal=_("Subtotal"),
            total=_("Total"),
            continued=_("(continued)"),
            no_delegates=_("No delegates"),
            page_of=_("Page %(page)s of %(pages)s"),
            # The whole-seminar roll spans three days: the day goes with the time.
            check_in_format="%H:%M" if item else "%m/%d %H:%M",
        )


def _item_date(item: ProgramItem) -> str:
    date = long_date(item.day.date)
    if item.start_time is None:
        return date
    times = item.start_time.strftime("%H:%M")
    if item.end_time is not None:
        times += "–" + item.end_time.strftime("%H:%M")
    return f"{date} {times}"


def _seminar_dates(seminar: Seminar) -> str:
    return f"{long_date(seminar.start_date)} – {long_date(seminar.end_date)}"
