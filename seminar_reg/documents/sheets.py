"""Table exports (the delegate list, the audit log): CSV that Excel on Japanese or
Chinese Windows opens cleanly, and XLSX.

Plain code: rows in, bytes out. Excel guesses a legacy code page (Shift_JIS, GBK)
for CSV unless the file starts with a UTF-8 byte-order mark, hence ``utf-8-sig``.
In CSV, cells beginning with = + - @ (or a tab/CR/LF, their full-width forms, or any of
these after spaces) would run as formulas when
opened; they are prefixed with a single quote, the usual guard, so nothing executes.
XLSX cells keep the text unchanged and carry Excel's quote-prefix flag instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

# openpyxl (and xlsx.py, which needs it) load when a file is made, not when the
# routes that offer the files are imported: start-up stays fast.


def to_csv(header: Sequence[str], rows: Sequence[Sequence[object]]) -> bytes:
    from .xlsx import neutralise

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else neutralise(str(v)) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: Sequence[str], rows: Sequence[Sequence[object]], title: str) -> bytes:
    """Text cells are stored inert (quote prefix, never a formula) and otherwise unchanged."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from .xlsx import style_header_row, write_text

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    for column, label in enumerate(header, start=1):
        write_text(sheet, 1, column, label)
        sheet.column_dimensions[get_column_letter(column)].width = 18
    style_header_row(sheet, 1, len(header), "ja")
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, str):
                write_text(sheet, row_number, column, value)
            else:
                sheet.cell(row=row_number, column=column, value=value)
    sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
