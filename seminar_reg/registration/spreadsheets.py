"""Reading an uploaded .csv or .xlsx into rows of text, in bounded time and memory.

An .xlsx is a zip of XML parts and is limited in compressed size only; deflate packs
repetitive XML about a thousand to one. So before any parser sees a part, every part's
declared unpacked size is checked against a limit for its kind (zipfile stops reading a
member at its declared size), and every worksheet is scanned as a stream for its rows,
cells and columns. Only then does python-calamine (Rust) read the first sheet: it was
15 times faster than openpyxl on a genuine 5,000-row file, and a styles.xml padded with
empty cell formats, which kept openpyxl busy for minutes at over a gigabyte, costs it a
fraction of a second (benchmarks/xlsx_readers.py, figures in README).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import PurePosixPath
from xml.parsers import expat

from python_calamine import CalamineWorkbook

MAX_ROWS = 5000
# Read per row; a valid header has at most 24 columns (COLUMNS + OPTIONAL_COLUMNS).
MAX_COLUMNS = 64
MAX_CELLS = (MAX_ROWS + 1) * MAX_COLUMNS
MAX_ROW_CELLS = 16384  # Excel's own limit (column XFD): no genuine sheet has more
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_MEMBERS = 1000
# Per part, unpacked. Each is far above what a delegate list needs: 5,000 rows of 24
# cells are some 10 MB of sheet XML; Excel's styles.xml is tens of kilobytes.
PART_LIMITS = (
    (re.compile(r"xl/worksheets/[^/]+\.xml"), 32 * 1024 * 1024),
    (re.compile(r"xl/sharedStrings\.xml"), 16 * 1024 * 1024),
    (re.compile(r"xl/styles\.xml"), 1024 * 1024),
)
OTHER_XML_LIMIT = 1024 * 1024  # workbook, rels, content types, theme, properties...
XML_SUFFIXES = (".xml", ".rels", ".vml")
# Uploads are size-limited before parsing, so a long cell is a row error (too long),
# not a parser failure; the csv module's 128 KiB default would make it one.
csv.field_size_limit(64 * 1024 * 1024)


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, header, size)."""


def read_rows(content: bytes, filename: str) -> list[list[str]]:
    """The header row and at most MAX_ROWS rows (empty ones count), as text."""
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _read_csv(content)
    elif name.endswith(".xlsx"):
        rows = _read_xlsx(content)
    else:
        raise ImportFileError("unsupported_type")
    if not rows:
        raise ImportFileError("empty")
    return rows


def _bounded(rows: Iterable[Sequence[str]]) -> list[list[str]]:
    """The header and at most MAX_ROWS rows, empty ones included; one more refuses."""
    taken: list[list[str]] = []
    for row in rows:
        if len(taken) > MAX_ROWS:
            raise ImportFileError("too_many_rows")
        taken.append(list(row))
    return taken


def _read_csv(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError("not_utf8") from None
    try:
        return _bounded(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise ImportFileError("not_csv") from None


def _read_xlsx(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_parts(archive)
            for info in archive.infolist():
                if re.fullmatch(PART_LIMITS[0][0], info.filename):
                    with archive.open(info) as part:
                        scan_sheet(part)
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
        return _bounded(_aligned(sheet))
    except ImportFileError:
        raise
    except Exception:  # any other failure means the file is not a workbook we can read
        raise ImportFileError("not_xlsx") from None


def check_parts(archive: zipfile.ZipFile) -> None:
    """Refuse an archive whose parts, as declared, unpack beyond their limits."""
    members = archive.infolist()
    if len(members) > MAX_MEMBERS:
        raise ImportFileError("not_xlsx")
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise ImportFileError("not_xlsx")
    for info in members:
        if info.file_size > _part_limit(info.filename):
            raise ImportFileError("not_xlsx")


def _part_limit(name: str) -> int:
    for pattern, limit in PART_LIMITS:
        if pattern.fullmatch(name):
            return limit
    if PurePosixPath(name).suffix.lower() in XML_SUFFIXES:
        return OTHER_XML_LIMIT
    return MAX_UNPACKED_BYTES  # images and the like: no reader here opens them


def column_letter(number: int) -> str:
    """1 -> A, 64 -> BL: how a spreadsheet names a column."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _column_number(reference: str) -> int:
    number = 0
    for letter in reference:
        if not "A" <= letter <= "Z":
            break
        number = number * 26 + ord(letter) - 64
    return number


def scan_sheet(source) -> None:
    """Refuse a sheet with too many rows or cells, or values far right of the import's
    columns (a reader makes every row as wide as the widest), before any reader builds
    it. Streams in constant memory; no DOCTYPE (Excel writes none; entities expand)."""
    row = rows = cells = row_cells = column = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal row, rows, cells, row_cells, column
        tag = name.rpartition("}")[2]
        if tag == "row":
            number = attributes.get("r")  # a gap stands for empty rows
            row = int(float(number)) if number is not None else row + 1
            rows += 1
            row_cells = column = 0
            if max(row, rows) > MAX_ROWS + 1:
                raise ImportFileError("too_many_rows")
        elif tag == "c":
            row_cells += 1
            cells += 1
            reference = attributes.get("r")
            column = _column_number(reference) if reference else column + 1
            if row_cells > MAX_ROW_CELLS or cells > MAX_CELLS:
                raise ImportFileError("not_xlsx")
        elif tag in ("v", "is") and column > MAX_COLUMNS:
            raise ImportFileError("too_wide")

    def doctype(*_args: object) -> None:
        raise ImportFileError("not_xlsx")

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    while chunk := source.read(64 * 1024):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _aligned(sheet) -> Iterable[list[str]]:
    """Rows as the spreadsheet numbers them: calamine's range starts at the first cell
    with a value, so rows and columns before it are put back as empty."""
    first_row, first_column = sheet.start or (0, 0)
    for _ in range(first_row):
        yield []
    for values in sheet.iter_rows():
        yield [""] * first_column + [_text(value) for value in values[:MAX_COLUMNS]]


def _text(value: object) -> str:
    """A cell as the text a person typed: 1, not 1.0; 2017-07-25; 09:30."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M") if not value.second else value.isoformat()
    return str(value)
