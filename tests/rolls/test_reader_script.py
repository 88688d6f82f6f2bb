"""Rolls read by the other side (#16): the name in the reader's script at a readable size,
the organisation in the reader's script (derived by names/, corrected in the console)."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from seminar_reg.rolls.export import make_roll
from tests.forms import open_form
from tests.pdf_tools import (
    DRAWS_ARTIFACTS,
    page_texts,
    rasterise,
    save_artifact,
    squeeze,
    text_runs,
)

from .helpers import add_chinese, add_japanese


def _cast(seminar):
    add_japanese(seminar, "髙橋", "たかはし", "健一", "けんいち", organization="鳥取県")
    add_chinese(seminar, "单", "伟", organization="沈阳市人民政府外事办公室")


def _runs(pdf: bytes, text: str) -> list[tuple[str, float]]:
    return [(font, size) for _, run, font, size in text_runs(pdf) if squeeze(run) == text]


def test_the_other_sides_name_is_printed_at_a_readable_size(seminar, tmp_path):
    _cast(seminar)
    roll = make_roll(seminar, "plenary", language="zh", file_format="pdf")
    runs = _runs(roll.data, "高桥健一")  # 髙橋 健一 as a Chinese reader writes it
    # Measured in the PDF: it was 6.5 pt, the Latin line's size; now 9 pt, beside the
    # 10 pt name, in the reader's (SC) face.
    assert runs and all(size >= 9 and "NotoSansSC" in font for font, size in runs), runs
    latin = _runs(roll.data, "TAKAHASHIKen'ichi") or _runs(roll.data, "TAKAHASHIKenichi")
    assert latin and all(size < 9 for _, size in latin)
    if DRAWS_ARTIFACTS:
        page = rasterise(roll.data, tmp_path, last=1)[0]
        save_artifact(page.crop((0, 0, page.width, page.height // 2)), "roll-zh-reader-script.png")


def test_organisations_are_in_the_readers_script_in_the_chinese_roll(seminar):
    _cast(seminar)
    zh = squeeze("".join(page_texts(make_roll(seminar, "plenary", language="zh",
                                              file_format="pdf").data)))
    assert "鸟取县" in zh and "鳥取県" not in zh
    assert "沈阳市人民政府外事办公室" in zh  # a Chinese organisation stays as written
    ja = squeeze("".join(page_texts(make_roll(seminar, "plenary", language="ja",
                                              file_format="pdf").data)))
    assert "鳥取県" in ja and "鸟取县" not in ja
    assert "瀋陽市人民政府外事弁公室" in ja  # and the Japanese reader gets Japanese forms
    en = squeeze("".join(page_texts(make_roll(seminar, "plenary", language="en",
                                              file_format="pdf").data)))
    assert "鳥取県" in en and "沈阳市人民政府外事办公室" in en  # as written, for everyone
    sheet = load_workbook(io.BytesIO(make_roll(seminar, "plenary", language="zh",
                                               file_format="xlsx").data)).worksheets[1]
    assert "鸟取县" in [cell for row in sheet.iter_rows(values_only=True) for cell in row]


def test_the_secretariats_correction_of_an_organisation_is_what_the_roll_prints(
    seminar, login_as
):
    _cast(seminar)
    delegate_id = db.session.execute(
        select(Delegate.id).where(Delegate.organization == "鳥取県")
    ).scalar_one()
    client = login_as("secretariat")
    form = open_form(client, f"/console/delegates/{delegate_id}", field="cross_organization")
    assert form["cross_organization"] == "鸟取县"  # derived, shown for correction
    form["cross_organization"] = "鸟取县政府"
    assert form.submit(client).status_code == 302
    zh = squeeze("".join(page_texts(make_roll(seminar, "plenary", language="zh",
                                              file_format="pdf").data)))
    assert "鸟取县政府" in zh
