"""The import spreadsheet template: the exact header keys, with notes in Japanese and Chinese."""

from __future__ import annotations

import io

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font

from ..registration.importer import COLUMNS, OPTIONAL_COLUMNS

NOTES = {
    "side": (_l("japan or china"), "japan"),
    "family_name": (
        _l("Family name as written by the person; may be empty for names that do not split"),
        "並木",
    ),
    "given_name": (_l("Given name (or the whole name when there is no family name)"), "心"),
    "family_reading": (
        _l("Kana reading, required for the Japanese side; pinyin, optional for the Chinese side"),
        "なみき",
    ),
    "given_reading": (
        _l("Kana reading, required for the Japanese side; pinyin, optional for the Chinese side"),
        "こころ",
    ),
    "family_latin": (_l("Latin letters; empty means derived (Hepburn or pinyin)"), "Namiki"),
    "given_latin": (_l("Latin letters; empty means derived (Hepburn or pinyin)"), "Kokoro"),
    "organization": (_l("Organization"), "東京都羽村市"),
    "title": (_l("Title or position"), "市長"),
    "email": (_l("Email, unique per person"), "namiki@example.jp"),
    "phone": (_l("Phone"), "+81-42-555-0000"),
    "role": (
        _l("delegate, vip, speaker, press, interpreter or staff; empty means delegate"),
        "vip",
    ),
    "dietary": (
        _l("none, vegetarian, vegan, halal, or other: followed by the details"),
        "other: no shellfish",
    ),
    "items": (_l("Program item codes separated by ;"), "plenary;clair-reception;site-visit"),
    "organization_type": (
        _l(
            "Optional: local_government, national_government, travel_agency, company, "
            "academic, media, other. Empty: travel_agency when the organization's name says "
            "so (旅行社, 旅游…), else local_government for the Japanese side and "
            "national_government for the Chinese side"
        ),
        "local_government",
    ),
}


def _note(key: str) -> tuple[str, str, str]:
    label, example = NOTES.get(key, ("", ""))
    with force_locale("ja"):
        japanese = str(label)
    with force_locale("zh"):
        chinese = str(label)
    return japanese, chinese, example


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "delegates"
    keys = [*COLUMNS, "organization_type"]
    sheet.append(keys)
    for cell in sheet[1]:
        japanese, chinese, example = _note(cell.value)
        cell.font = Font(bold=True)
        cell.comment = Comment(f"{japanese}\n{chinese}\n例: {example}", "seminar_reg")
        sheet.column_dimensions[cell.column_letter].width = 20
    notes = workbook.create_sheet("notes")
    notes.append(["column", "日本語", "中文", "example / 例"])
    for key in [*COLUMNS, *OPTIONAL_COLUMNS]:
        notes.append([key, *_note(key)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
