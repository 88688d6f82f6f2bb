"""Small helpers for XLSX documents (openpyxl): safe text cells and bilingual styling.

Formula injection
-----------------
A delegate controls their own name, organisation and title. A cell whose text begins
with ``=``, ``+``, ``-`` or ``@`` (or a tab / line break before one of them) is run as a
formula by spreadsheet programs when it is typed in or re-entered, e.g. ``=HYPERLINK(...)``
in an organisation name. `write_text` therefore stores every text cell

* as a string (``t="inlineStr"``), never as a formula, whatever its first character, and
* with Excel's *quote prefix* flag on the risky ones: the same flag Excel sets when a
  user types a leading apostrophe. The cell shows exactly what the delegate wrote, and
  editing it (F2, Enter) keeps it text instead of turning it into a formula.

The value itself is not changed (a literal ``'`` would end up in names and in every
copy-paste). Tools that drop styles when converting to CSV lose the flag; CSV exports
must neutralise on their own.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

# Full-width forms too: Japanese and Chinese input methods produce them, and some
# spreadsheet programs normalise them to the ASCII operators.
FORMULA_PREFIXES = tuple("=+-@\t\r\n") + tuple("＝＋－＠")

# Office fonts that draw each side's Han characters in that side's glyph forms; the
# spreadsheet analogue of documents.fonts' Noto Sans JP / SC split.
SIDE_FONT_NAMES = {"japan": "Yu Gothic", "china": "Microsoft YaHei"}
LANGUAGE_SIDE = {"ja": "japan", "zh": "china", "en": "japan"}

HEADER_FILL = PatternFill("solid", start_color="FFE8EBF0")
THIN = Side(style="thin", color="FF9AA3AE")
GRID = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")


def is_risky(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    # Leading spaces are skipped: some programs trim them before parsing a cell.
    return text.lstrip(" ").startswith(FORMULA_PREFIXES)


def neutralise(value: object) -> object:
    """A leading apostrophe for text a spreadsheet would run as a formula, where the
    format has no quote-prefix flag (CSV) or the cell is written by sheet.append."""
    if isinstance(value, str) and is_risky(value):
        return "'" + value
    return value


def clean_text(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (openpyxl refuses them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def write_text(sheet: Worksheet, row: int, column: int, text: str) -> Cell:
    """Store `text` as an inert string cell (see the module docstring)."""
    cell = sheet.cell(row=row, column=column)
    value = clean_text(text)
    cell.value = value
    cell.data_type = "s"  # openpyxl guesses "f" for a leading "="; never let it
    if is_risky(value):
        cell.quotePrefix = True
    return cell


def side_font(side: str, *, bold: bool = False, size: float = 10, color: str = "FF1A1A1A") -> Font:
    """The font for text written by (or for readers of) `side`."""
    return Font(name=SIDE_FONT_NAMES[side], bold=bold, size=size, color=color)


def language_font(language: str, **options) -> Font:
    """The font for labels in `language` (ja, zh or en)."""
    return side_font(LANGUAGE_SIDE.get(language, "japan"), **options)


def style_header_row(sheet: Worksheet, row: int, columns: int, language: str) -> None:
    """Bold, shaded, wrapped, bordered: header labels in any of the three languages fit."""
    for column in range(1, columns + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = language_font(language, bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    sheet.row_dimensions[row].height = 30
