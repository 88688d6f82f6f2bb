"""Hostile CSV/XLSX imports: any bytes, any Unicode, wrong cell types, huge cells. The
importer answers with a file error or row errors that name row and column, or stores
every row; never an unexpected exception and never part of a file."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import itertools
import re
import resource
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import assume, event, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from seminar_reg.registration.importer import (
    COLUMNS,
    MAX_ROWS,
    OPTIONAL_COLUMNS,
    ImportFileError,
    file_error_message,
    read_table,
    store_rows,
    validate_rows,
)
from tests.conftest import require

from .support import HOSTILE, stored_counts
from .test_hostile_forms import nasty_text

HEADER = [*COLUMNS, "organization_type"]
GOOD_ROWS = (
    {"side": "japan", "family_name": "並木", "given_name": "心",
     "family_reading": "なみき", "given_reading": "こころ",
     "organization": "東京都羽村市", "title": "市長", "role": "delegate", "dietary": "none",
     "items": "plenary", "organization_type": "local_government"},
    {"side": "china", "family_name": "单", "given_name": "伟",
     "organization": "沈阳市人民政府外事办公室", "title": "处长", "role": "delegate",
     "dietary": "halal", "items": "plenary;site-visit", "organization_type": "local_government"},
)  # fmt: skip
serial = itertools.count()

cell_value = st.one_of(
    nasty_text,
    st.text(max_size=80),
    st.integers(min_value=-(2**40), max_value=2**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2100, 1, 1)),
    st.just(None),
)
row_changes = st.dictionaries(st.sampled_from([*COLUMNS, *OPTIONAL_COLUMNS]), cell_value,
                              max_size=3)  # fmt: skip
file_changes = st.lists(st.tuples(st.sampled_from(GOOD_ROWS), row_changes), min_size=1,
                        max_size=4)  # fmt: skip


def _rows(chosen) -> list[dict]:
    rows = []
    for base, changes in chosen:
        row = dict(base, email=f"import{next(serial)}@example.jp")
        row.update(changes)
        rows.append(row)
    return rows


def _csv(rows: list[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=HEADER + sorted(
        {k for row in rows for k in row} - set(HEADER)))  # fmt: skip
    writer.writeheader()
    writer.writerows([{k: "" if v is None else v for k, v in row.items()} for row in rows])
    return buffer.getvalue().encode("utf-8", "surrogatepass")  # lone surrogates stay bytes


def _outside_xml(value: object) -> bool:
    """Characters XML 1.0 cannot carry (lone surrogates, U+FFFE, U+FFFF)."""
    return isinstance(value, str) and any(
        0xD800 <= ord(c) <= 0xDFFF or ord(c) in (0xFFFE, 0xFFFF) for c in value
    )


def _xlsx(rows: list[dict]) -> bytes:
    # Such characters make a workbook openpyxl writes but cannot read back; that case
    # has its own test below (a known importer bug), so the search looks elsewhere.
    assume(not any(_outside_xml(v) for row in rows for v in row.values()))
    header = HEADER + sorted({k for row in rows for k in row} - set(HEADER))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    try:
        for row in rows:
            sheet.append([row.get(column) for column in header])
    except (IllegalCharacterError, ValueError):
        assume(False)  # Excel itself cannot hold such a cell, so no file will carry it
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _import(app, seminar, content: bytes, filename: str) -> None:
    """What the import command does, with the checks of all or nothing."""
    before = stored_counts()
    with app.test_request_context("/?lang=en"):
        try:
            rows = read_table(content, filename)
        except ImportFileError as error:
            event("file refused")
            assert file_error_message(error)
            assert stored_counts() == before
            return
    good, errors = validate_rows(seminar, rows)
    if errors:
        event("row errors")
        assert all(e.row >= 2 and e.column and str(e.message) for e in errors)
        assert stored_counts() == before
        return
    event("stored")
    delegates = store_rows(seminar, good)
    items = sum(len(d.attendances) for d in delegates)
    assert stored_counts() == (before[0] + len(rows), before[1] + items)


@pytest.mark.slow
@HOSTILE
@given(chosen=file_changes)
def test_hostile_csv_files(app, seminar, chosen):
    try:
        content = _csv(_rows(chosen))
    except UnicodeEncodeError:
        assume(False)
    _import(app, seminar, content, "delegates.csv")


@pytest.mark.slow
@HOSTILE
@given(chosen=file_changes)
def test_hostile_xlsx_files_with_any_cell_types(app, seminar, chosen):
    _import(app, seminar, _xlsx(_rows(chosen)), "delegates.xlsx")


@HOSTILE
@given(
    content=st.binary(max_size=2000),
    filename=st.sampled_from(["a.csv", "a.xlsx", "a.CSV", "a.txt", "a", "a.xlsx.csv"]),
)
def test_any_bytes_under_any_name(app, seminar, content, filename):
    _import(app, seminar, content, filename)


@pytest.mark.parametrize("character", ["\ud800", "\uffff"])
def test_workbook_with_an_invalid_xml_character_is_a_file_error(app, seminar, character):
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["japan", character])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with app.test_request_context(), pytest.raises(ImportFileError):
        read_table(buffer.getvalue(), "delegates.xlsx")


def test_zip_that_is_not_a_workbook(app, seminar):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with app.test_request_context(), pytest.raises(ImportFileError, match="not_xlsx"):
        read_table(buffer.getvalue(), "delegates.xlsx")


@pytest.mark.parametrize(
    "size",
    [
        100 * 1024,
        10 * 1024 * 1024,
    ],
)
def test_huge_cell_is_a_row_error(app, seminar, size):
    row = dict(GOOD_ROWS[1], email="huge@example.cn", organization="组" * (size // 3))
    before = stored_counts()
    with app.test_request_context():
        rows = read_table(_csv([row]), "delegates.csv")
    _good, errors = validate_rows(seminar, rows)
    assert [(e.row, e.column) for e in errors] == [(2, "organization")]
    assert stored_counts() == before


def test_one_bad_row_stores_nothing(app, seminar):
    rows = _rows([(GOOD_ROWS[0], {}), (GOOD_ROWS[1], {"email": "broken"})])
    before = stored_counts()
    with app.test_request_context():
        table = read_table(_csv(rows), "delegates.csv")
    good, errors = validate_rows(seminar, table)
    assert len(good) == 1 and [(e.row, e.column) for e in errors] == [(3, "email")]
    assert stored_counts() == before  # nothing is stored while any row is wrong


# --- decompression bombs: small uploads that unpack into huge sheets ------------------

MEMORY_CEILING = 50 * 1024 * 1024


def _patched_xlsx(change) -> bytes:
    """A small valid workbook whose first sheet's XML went through ``change``."""
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append([dict(GOOD_ROWS[0], email="bomb@example.jp").get(c) for c in HEADER])
    written = io.BytesIO()
    workbook.save(written)
    patched = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data.decode()).encode()
            target.writestr(info.filename, data)
    return patched.getvalue()


def _huge_dimension(xml: str) -> str:
    return re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:XFD1048576"', xml)


def _then_rows(rows: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</sheetData>", rows + "</sheetData>")


def _cell_row(number: int) -> str:
    return f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>japan</t></is></c></row>'


@contextlib.contextmanager
def _bounded_memory() -> Iterator[Callable[[], int]]:
    """Measures the peak of Python allocations, and caps the address space meanwhile so a
    regression fails with MemoryError instead of taking the machine's memory."""
    require(Path("/proc/self/statm").exists(), "Linux's /proc (the address-space cap)")
    tracing = tracemalloc.is_tracing()
    if tracing:
        tracemalloc.reset_peak()
    else:
        tracemalloc.start()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        in_use = int(statm.read().split()[0]) * resource.getpagesize()
    cap = in_use + 2 * 1024**3
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard < 0 else min(cap, hard), hard))
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        if not tracing:
            tracemalloc.stop()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        # The declared dimension padded every row to 16384 cells and every gap up to
        # the far row: 1M rows of 16384 cells.
        pytest.param(
            lambda xml: _then_rows(_cell_row(1_000_000))(_huge_dimension(xml)),
            "too_many_rows",
            id="dimension-XFD1048576-and-row-1000000",
        ),
        pytest.param(
            lambda xml: _then_rows(_cell_row(20_000))(_huge_dimension(xml)),
            "too_many_rows",
            id="dimension-XFD1048576-and-row-20000",
        ),
        pytest.param(_then_rows(_cell_row(1_000_000)), "too_many_rows", id="row-1000000"),
        pytest.param(
            _then_rows("".join(f'<row r="{n}"/>' for n in range(3, MAX_ROWS + 3))),
            "too_many_rows",
            id="empty-rows-count",
        ),
        # openpyxl builds a row whole: a million cells is some 300 MB.
        pytest.param(
            _then_rows('<row r="3">' + "<c/>" * 1_000_000 + "</row>"),
            "not_xlsx",
            id="row-of-a-million-cells",
        ),
    ],
)
def test_xlsx_bomb_is_refused_in_little_memory(app, seminar, change, code):
    content = _patched_xlsx(change)
    assert len(content) < 20_000
    before = stored_counts()
    with app.test_request_context("/?lang=en"), _bounded_memory() as peak:
        with pytest.raises(ImportFileError) as refused:
            read_table(content, "delegates.xlsx")
        assert peak() < MEMORY_CEILING
        assert str(refused.value) == code
        assert file_error_message(refused.value)
    assert stored_counts() == before


def test_xlsx_value_far_right_of_the_columns_is_refused_in_little_memory(app, seminar):
    # A reader makes every row as wide as the widest: 5,000 rows of 16,384 cells.
    content = _patched_xlsx(
        lambda xml: _then_rows(
            '<row r="3"><c r="XFD3" t="inlineStr"><is><t>far</t></is></c></row>'
        )(_huge_dimension(xml))
    )
    with app.test_request_context("/?lang=en"), _bounded_memory() as peak:
        with pytest.raises(ImportFileError, match="too_wide") as refused:
            read_table(content, "delegates.xlsx")
        assert peak() < MEMORY_CEILING
        assert "to the right of column BL" in file_error_message(refused.value)


def test_xlsx_styled_cells_far_right_without_values_are_ignored(app, seminar):
    content = _patched_xlsx(_then_rows('<row r="3"><c r="XFD3" s="0"/></row>'))
    with app.test_request_context():
        assert [row["email"] for row in read_table(content, "delegates.xlsx")] == [
            "bomb@example.jp"
        ]


@pytest.mark.parametrize(("last", "refused"), [(MAX_ROWS + 1, False), (MAX_ROWS + 2, True)])
def test_xlsx_rows_count_up_to_the_last_one_present(app, seminar, last, refused):
    content = _patched_xlsx(_then_rows(_cell_row(last)))
    with app.test_request_context():
        if refused:
            with pytest.raises(ImportFileError, match="too_many_rows"):
                read_table(content, "delegates.xlsx")
        else:
            assert [row["side"] for row in read_table(content, "delegates.xlsx")] == ["japan"] * 2


def test_csv_of_empty_lines_is_refused_in_little_memory(app, seminar):
    content = _csv([]) + b"\n" * 1_000_000
    before = stored_counts()
    with app.test_request_context(), _bounded_memory() as peak:
        with pytest.raises(ImportFileError, match="too_many_rows"):
            read_table(content, "delegates.csv")
        assert peak() < 20 * 1024 * 1024
    assert stored_counts() == before
