"""Bulk import of delegates from .csv or .xlsx: all rows or none.

Each row goes through the registration form's own validation (the form is filled
from the row instead of a request), then the cross-row rules (duplicate emails,
known items, audience). Only a file with no error at all is stored, in one
transaction; otherwise every error comes back with its row and column.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from werkzeug.datastructures import MultiDict

from ..database import analyze_after_bulk_load
from ..extensions import db
from ..fields import choices_from
from ..names.display import cross_display_name, display_name
from ..program.models import Seminar
from ..vocabulary import OWN_LANGUAGE
from . import operations
from .data import DelegateData, RegistrationError, derive_fields
from .forms import DelegateForm
from .models import Delegate, Role, Side
from .rules import likely_organization_type
from .spreadsheets import MAX_COLUMNS, MAX_ROWS, ImportFileError, column_letter, read_rows

__all__ = [
    "MAX_ROWS",
    "ImportFileError",
    "PreviewRow",
    "RowError",
    "preview_rows",
    "read_table",
    "store_rows",
    "validate_rows",
]

COLUMNS = (
    "side",
    "family_name",
    "given_name",
    "family_reading",
    "given_reading",
    "family_latin",
    "given_latin",
    "organization",
    "title",
    "email",
    "phone",
    "role",
    "dietary",
    "items",
)
TRAVEL_COLUMNS = (
    "arrival_date",
    "arrival_time",
    "arrival_transport",
    "arrival_place",
    "departure_date",
    "departure_time",
    "departure_transport",
    "departure_place",
)
OPTIONAL_COLUMNS = ("organization_type", *TRAVEL_COLUMNS, "needs_hotel")
# Form field -> column, where the import's header names differ from the form's.
FIELD_TO_COLUMN = {"item_codes": "items", "dietary_note": "dietary"}
# Headers of earlier templates, still read so spreadsheets made from them import.
HEADER_ALIASES = {
    "family_name_reading": "family_reading",
    "given_name_reading": "given_reading",
    "family_name_latin": "family_latin",
    "given_name_latin": "given_latin",
}


@dataclasses.dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


def read_table(content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of the file as dicts keyed by the header; empty rows are dropped.

    Empty rows still count towards MAX_ROWS: the file is refused as soon as it has
    more, before its rows are held in memory (see spreadsheets.py for the bounds).
    """
    rows = read_rows(content, filename)
    header = [cell.strip().lower() for cell in rows[0]]
    header = [HEADER_ALIASES.get(name, name) for name in header]
    while header and not header[-1]:
        header.pop()
    _check_header(header)
    table = []
    for values in rows[1:]:
        cells = [cell.strip() for cell in values[: len(header)]]
        if any(cells):
            table.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
    return table


def _check_header(header: Sequence[str]) -> None:
    missing = [c for c in COLUMNS if c not in header]
    unknown = [c for c in header if c not in COLUMNS and c not in OPTIONAL_COLUMNS]
    if missing or unknown:
        raise ImportFileError("bad_header:" + ",".join(missing) + "|" + ",".join(unknown))


def _formdata(row: dict[str, str], side: str) -> MultiDict:
    dietary = row.get("dietary", "").strip()
    note = ""
    if dietary.lower().startswith("other"):
        dietary, _, note = dietary.partition(":")
    values = MultiDict(
        {
            "family_name": row.get("family_name", ""),
            "given_name": row.get("given_name", ""),
            "family_reading": row.get("family_reading", ""),
            "given_reading": row.get("given_reading", ""),
            "family_latin": row.get("family_latin", ""),
            "given_latin": row.get("given_latin", ""),
            "organization": row.get("organization", ""),
            "organization_type": row.get("organization_type")
            or likely_organization_type(side, row.get("organization", "")),
            "title": row.get("title", ""),
            "email": row.get("email", ""),
            "phone": row.get("phone", ""),
            "role": row.get("role") or "delegate",
            "dietary": (dietary.strip().lower() or "none"),
            "dietary_note": note.strip(),
            "consent": "y",  # the sending delegation collected its members' consent
        }
    )
    for key in TRAVEL_COLUMNS:
        if row.get(key):
            values[key] = row[key]
    if row.get("needs_hotel", "").lower() in {"1", "y", "yes", "true", "○", "はい", "是"}:
        values["needs_hotel"] = "y"
    for code in (c.strip() for c in row.get("items", "").split(";")):
        if code:
            values.add("item_codes", code)
    return values


def _side_form(forms: dict[str, DelegateForm], side: str) -> DelegateForm:
    # One form per side, refilled for each row: binding its 25 fields anew cost half
    # of each row's time (5,000 rows must fit in gunicorn's 30 s).
    if side not in forms:
        forms[side] = DelegateForm(formdata=None, meta={"csrf": False}, side=side, item_choices=[])
        forms[side].role.choices = choices_from({role.value: role.value for role in Role})
    return forms[side]


def row_side(row: dict[str, str]) -> str:
    """The side a row names, as the import reads its cell ("Japan " is japan)."""
    return row.get("side", "").strip().lower()


def _validate_row(
    forms: dict[str, DelegateForm], row: dict[str, str], number: int
) -> tuple[DelegateData | None, list[RowError]]:
    """The row through the registration form's own validation."""
    side = row_side(row)
    if side not in (Side.JAPAN, Side.CHINA):
        return None, [RowError(number, "side", _message("bad_side"))]
    form = _side_form(forms, side)
    form.process(formdata=_formdata(row, side))
    if not form.validate():
        return None, [
            RowError(number, FIELD_TO_COLUMN.get(field, field), str(message))
            for field, messages in form.errors.items()
            for message in messages
        ]
    return form.to_data(OWN_LANGUAGE[side]), []


def _rule_errors(error: RegistrationError, number: int) -> list[RowError]:
    return [
        RowError(number, FIELD_TO_COLUMN.get(field, field), message)
        for field, message in error.messages().items()
    ]


def validate_rows(
    seminar: Seminar,
    rows: Sequence[dict[str, str]],
    derived: dict[int, dict[str, str]] | None = None,
) -> tuple[list[DelegateData], list[RowError]]:
    """Validate every row; return the data of good rows and the errors of bad ones.

    Everything the commit would refuse is found here, in a constant number of queries
    however long the file (the rules across rows run once for all of them). Given a
    `derived` dict, each good row's derived fields (readings, Latin, the other side's
    script) are put in it under the row's number, for the preview to show.
    """
    valid, errors, seen = [], [], {}
    forms: dict[str, DelegateForm] = {}
    for number, row in enumerate(rows, start=2):
        data, row_errors = _validate_row(forms, row, number)
        errors.extend(row_errors)
        if data is None:
            continue
        key = data.email.casefold()
        if key in seen:
            errors.append(RowError(number, "email", _message("duplicate_email", seen[key])))
        seen.setdefault(key, number)
        valid.append((number, data))
    good = []
    checks = operations.check_many(seminar, [data for _number, data in valid])
    for (number, data), refused in zip(valid, checks, strict=True):
        if refused is None:
            good.append(data)
            if derived is not None:
                derived[number] = derive_fields(data)  # cached: checked just now
        else:
            errors.extend(_rule_errors(refused, number))
    errors.sort(key=lambda error: error.row)
    return good, errors


@dataclasses.dataclass(frozen=True)
class PreviewRow:
    """One row of the file as the preview shows it: its cells, its errors, and what the
    import would derive from it (empty for a refused row)."""

    number: int
    cells: dict[str, str]
    errors: tuple[RowError, ...]
    derived: dict[str, str]

    @property
    def side(self) -> str:
        return row_side(self.cells)

    @property
    def name(self) -> str:
        """The name as the delegate list will show it (names.display owns the spacing)."""
        return display_name(
            self.side, self.cells.get("family_name", ""), self.cells.get("given_name", "")
        )

    @property
    def cross_name(self) -> str:
        """The name in the other side's script, as the delegate list will show it."""
        return cross_display_name(
            self.derived.get("cross_family_name", ""),
            self.derived.get("cross_given_name", ""),
        )


def preview_rows(
    rows: Sequence[dict[str, str]], errors: Sequence[RowError], derived: dict[int, dict[str, str]]
) -> list[PreviewRow]:
    by_row: dict[int, list[RowError]] = {}
    for error in errors:
        by_row.setdefault(error.row, []).append(error)
    return [
        PreviewRow(number, row, tuple(by_row.get(number, ())), derived.get(number, {}))
        for number, row in enumerate(rows, start=2)
    ]


def store_rows(
    seminar: Seminar,
    rows: Iterable[DelegateData],
    progress: Callable[[], None] = lambda: None,
) -> list[Delegate]:
    """Register every row in one transaction, as confirmed delegates."""
    try:
        stored = operations.register_many(seminar, list(rows), source="import", progress=progress)
    except BaseException:
        db.session.rollback()
        raise
    analyze_after_bulk_load(len(stored))
    return stored


def _message(code: str, detail: object = "") -> str:
    from flask_babel import gettext as _

    messages = {
        "bad_side": _("Side must be japan or china."),
        "duplicate_email": _("This email address is already used in row %(row)s.", row=detail),
    }
    return messages[code]


def file_error_message(error: ImportFileError) -> str:
    from flask_babel import gettext as _

    code, _sep, detail = str(error).partition(":")
    if code == "bad_header":
        missing, _bar, unknown = detail.partition("|")
        parts = []
        if missing:
            parts.append(_("missing columns: %(columns)s", columns=missing))
        if unknown:
            parts.append(_("unknown columns: %(columns)s", columns=unknown))
        return _("The header row is wrong (%(details)s).", details="; ".join(parts))
    messages = {
        "unsupported_type": _("Please upload a .csv or .xlsx file."),
        "not_utf8": _(
            'The CSV file is not encoded in UTF-8. Save it as "CSV UTF-8" and try again.'
        ),
        "not_xlsx": _("The file is not a readable .xlsx workbook."),
        "not_csv": _("The file is not a readable CSV file."),
        "empty": _("The file is empty."),
        "too_many_rows": _("The file has more than %(count)s rows.", count=MAX_ROWS),
        "too_wide": _(
            "The sheet has values to the right of column %(column)s; the import reads only"
            " the columns of its header. Delete them and try again.",
            column=column_letter(MAX_COLUMNS),
        ),
    }
    return messages.get(code, code)
