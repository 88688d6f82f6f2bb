"""Bulk import of delegates from .csv or .xlsx: all rows or none.

Each row goes through the registration form's own validation (the form is filled
from the row instead of a request), then the cross-row rules (duplicate emails,
known items, audience). Only a file with no error at all is stored, in one
transaction; otherwise every error comes back with its row and column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from xml.parsers import expat

from flask import current_app
from werkzeug.datastructures import MultiDict

from ..extensions import db
from ..fields import choices_from
from ..program.models import Seminar
from . import operations
from .data import DelegateData, RegistrationError
from .forms import DelegateForm
from .models import Delegate, Role, Side
from .rules import likely_organization_type

COLUMNS = (
    "side",
    "family_name",
    "given_name",
    "family_name_reading",
    "given_name_reading",
    "family_name_latin",
    "given_name_latin",
    "organization",
    "title",
    "email",
    "phone",
    "role",
    "dietary",
    "items",
)
OPTIONAL_COLUMNS = (
    "organization_type",
    "arrival_date",
    "arrival_time",
    "arrival_transport",
    "arrival_place",
    "departure_date",
    "departure_time",
    "departure_transport",
    "departure_place",
    "needs_hotel",
)
# Form field -> column, where the import's header names differ from the form's.
FIELD_TO_COLUMN = {
    "family_reading": "family_name_reading",
    "given_reading": "given_name_reading",
    "family_latin": "family_name_latin",
    "given_latin": "given_name_latin",
    "item_codes": "items",
    "dietary_note": "dietary",
}
MAX_ROWS = 5000
# An .xlsx is limited in compressed size only, and deflate packs repetitive XML about
# a thousand to one, so what it unpacks to is bounded too: its bytes, its rows, its
# cells per row and in all. Each bound is far above what a delegate list needs.
MAX_COLUMNS = 64  # read per row; a valid header has at most 24 (COLUMNS + OPTIONAL_COLUMNS)
MAX_ROW_CELLS = 16384  # Excel's own limit (column XFD): no genuine sheet has more
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Uploads are size-limited before parsing, so a long cell is a row error (too long),
# not a parser failure; the csv module's 128 KiB default would make it one.
csv.field_size_limit(64 * 1024 * 1024)


@dataclasses.dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, header, size)."""


def read_table(content: bytes, filename: str) -> list[dict[str, str]]:
    """Rows of the file as dicts keyed by the header; empty rows are dropped.

    Empty rows still count towards MAX_ROWS: the file is refused as soon as it has
    more, before its rows are held in memory.
    """
    name = filename.lower()
    if name.endswith(".csv"):
        header, rows = _read_csv(content)
    elif name.endswith(".xlsx"):
        header, rows = _read_xlsx(content)
    else:
        raise ImportFileError("unsupported_type")
    _check_header(header)
    table = []
    for values in rows:
        cells = [("" if v is None else str(v)).strip() for v in values]
        if any(cells):
            table.append(dict(zip(header, cells + [""] * (len(header) - len(cells)), strict=False)))
    return table


def _bounded(rows: Iterable[Sequence[object]]) -> list[list[object]]:
    """The header and at most MAX_ROWS rows, empty ones included; one more refuses."""
    taken: list[list[object]] = []
    for row in rows:
        if len(taken) > MAX_ROWS:
            raise ImportFileError("too_many_rows")
        taken.append(list(row))
    return taken


def _read_csv(content: bytes) -> tuple[list[str], list[list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("not_utf8") from None
    try:
        rows = _bounded(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise ImportFileError("not_csv") from None
    if not rows:
        raise ImportFileError("empty")
    return [h.strip().lower() for h in rows[0]], rows[1:]


def _read_xlsx(content: bytes) -> tuple[list[str], list[list[object]]]:
    # openpyxl raises many types for a file that is not a workbook, and parses rows
    # lazily, so a broken cell surfaces only while iterating.
    try:
        _check_unpacked_size(content)
        from openpyxl import load_workbook  # ~0.2 s to import: only for .xlsx files

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            with sheet._get_source() as source:  # the sheet's XML, as openpyxl reads it
                _scan_sheet(source)
            # The declared <dimension> would pad every row to its width and fill
            # every gap up to its last row; only the cells present count.
            sheet.reset_dimensions()
            rows = _bounded(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True))
        finally:
            workbook.close()
    except ImportFileError:
        raise
    except Exception:
        raise ImportFileError("not_xlsx") from None
    if not rows:
        raise ImportFileError("empty")
    header = [("" if h is None else str(h)).strip().lower() for h in rows[0]]
    while header and not header[-1]:
        header.pop()
    return header, [row[: len(header)] for row in rows[1:]]


def _check_unpacked_size(content: bytes) -> None:
    # zipfile stops at each member's declared size (and then fails its CRC check),
    # so the declared sizes bound what openpyxl can unpack.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
            raise ImportFileError("not_xlsx")


def _scan_sheet(source) -> None:
    """Refuse a sheet with too many rows or cells before openpyxl parses it: openpyxl
    builds each row whole, however many cells it has. Streams in constant memory."""
    row = rows = cells = row_cells = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row, rows, cells, row_cells
        tag = name.rpartition("}")[2]
        if tag == "row":
            # As openpyxl numbers rows; a gap stands for empty rows.
            number = attributes.get("r")
            row = int(float(number)) if number is not None else row + 1
            rows += 1
            row_cells = 0
            if max(row, rows) > MAX_ROWS + 1:
                raise ImportFileError("too_many_rows")
        elif tag == "c":
            row_cells += 1
            cells += 1
            if row_cells > MAX_ROW_CELLS or cells > MAX_CELLS:
                raise ImportFileError("not_xlsx")

    def doctype(*_args: object) -> None:
        raise ImportFileError("not_xlsx")  # Excel writes none; entities could expand

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    while chunk := source.read(64 * 1024):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


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
            "family_reading": row.get("family_name_reading", ""),
            "given_reading": row.get("given_name_reading", ""),
            "family_latin": row.get("family_name_latin", ""),
            "given_latin": row.get("given_name_latin", ""),
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
    for key in (
        "arrival_date",
        "arrival_time",
        "arrival_transport",
        "arrival_place",
        "departure_date",
        "departure_time",
        "departure_transport",
        "departure_place",
    ):
        if row.get(key):
            values[key] = row[key]
    if row.get("needs_hotel", "").lower() in {"1", "y", "yes", "true", "○", "はい", "是"}:
        values["needs_hotel"] = "y"
    for code in (c.strip() for c in row.get("items", "").split(";")):
        if code:
            values.add("item_codes", code)
    return values


def _validate_row(
    seminar: Seminar, row: dict[str, str], number: int
) -> tuple[DelegateData | None, list[RowError]]:
    side = row.get("side", "").strip().lower()
    if side not in (Side.JAPAN, Side.CHINA):
        return None, [RowError(number, "side", _message("bad_side"))]
    form = DelegateForm(
        formdata=_formdata(row, side), meta={"csrf": False}, side=side, item_choices=[]
    )
    form.role.choices = choices_from({role.value: role.value for role in Role})
    if not form.validate():
        return None, [
            RowError(number, FIELD_TO_COLUMN.get(field, field), str(message))
            for field, messages in form.errors.items()
            for message in messages
        ]
    data = form.to_data("ja" if side == Side.JAPAN else "zh")
    try:
        operations.check(seminar, data)
    except RegistrationError as error:
        return None, [
            RowError(number, FIELD_TO_COLUMN.get(field, field), message)
            for field, message in error.messages().items()
        ]
    return data, []


def validate_rows(
    seminar: Seminar, rows: Sequence[dict[str, str]]
) -> tuple[list[DelegateData], list[RowError]]:
    """Validate every row; return the data of good rows and the errors of bad ones."""
    good, errors, seen = [], [], {}
    with current_app.test_request_context():
        for number, row in enumerate(rows, start=2):
            data, row_errors = _validate_row(seminar, row, number)
            errors.extend(row_errors)
            if data is None:
                continue
            key = data.email.casefold()
            if key in seen:
                errors.append(RowError(number, "email", _message("duplicate_email", seen[key])))
            seen.setdefault(key, number)
            good.append(data)
    return good, errors


def store_rows(
    seminar: Seminar,
    rows: Iterable[DelegateData],
    progress: Callable[[], None] = lambda: None,
) -> list[Delegate]:
    """Register every row in one transaction, as confirmed delegates."""
    try:
        return operations.register_many(seminar, list(rows), source="import", progress=progress)
    except BaseException:
        db.session.rollback()
        raise


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
    }
    return messages.get(code, code)
