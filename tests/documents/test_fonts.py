import io

import pytest
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts
from reportlab.pdfgen.canvas import Canvas

from seminar_reg.documents.fonts import (
    MissingGlyphError,
    check_characters,
    draw_text,
    font_chain,
    make_tounicode_cmap,
    missing_characters,
    register_fonts,
    split_runs,
    string_width,
)

NAMES = ["髙橋", "山﨑", "𠮷田", "渡邉", "德永", "廖力强", "欧阳娜娜", "陈㛃", "买买提·吐尔逊"]
JP, JP_BOLD, SC, SC_BOLD = "NotoSansJP", "NotoSansJP-Bold", "NotoSansSC", "NotoSansSC-Bold"


def cmap(name):
    return register_fonts()[name].face.charToGlyph


def test_registration_is_cached():
    assert register_fonts() is register_fonts()


def test_chains_put_own_face_first():
    assert font_chain("japan") == [JP, SC]
    assert font_chain("china") == [SC, JP]
    assert font_chain("japan", bold=True) == [JP_BOLD, SC_BOLD]
    with pytest.raises(ValueError):
        font_chain("korea")


def test_the_faces_really_differ_in_coverage():
    # why there is a fallback at all
    for character in "买辽㛃":
        assert ord(character) not in cmap(JP) and ord(character) in cmap(SC)
    assert ord("𠮷") in cmap(JP) and ord("𠮷") not in cmap(SC)


@pytest.mark.parametrize("side", ["japan", "china"])
@pytest.mark.parametrize("name", NAMES)
def test_each_chain_covers_every_name(side, name):
    assert missing_characters(name, font_chain(side)) == []
    assert missing_characters(name, font_chain(side, bold=True)) == []


def test_runs_split_on_code_points_outside_the_bmp():
    assert split_runs("𠮷田", font_chain("china")) == [(JP, "𠮷"), (SC, "田")]
    assert split_runs("𠮷田", font_chain("japan")) == [(JP, "𠮷田")]


def test_fallback_for_simplified_characters_on_the_japanese_side():
    assert split_runs("陈㛃", font_chain("japan")) == [(SC, "陈㛃")]


def test_punctuation_stays_in_the_current_run():
    assert split_runs("买买提·吐尔逊", font_chain("china")) == [(SC, "买买提·吐尔逊")]
    runs = split_runs("买买 abc", font_chain("japan"))
    assert runs[0] == (SC, "买买 ")  # the space stays with the SC run; Latin goes to JP


def test_missing_characters_names_each_once():
    chain = font_chain("japan")
    assert missing_characters("\ue000田\ue000\U0002a6a5", chain) == ["\ue000", "\U0002a6a5"]
    with pytest.raises(MissingGlyphError) as error:
        check_characters("山\ue000", chain)
    assert error.value.character == "\ue000"
    assert "U+E000" in str(error.value)


def test_string_width_sums_runs_and_scales():
    chain = font_chain("china")
    width = string_width("𠮷田 Tanaka", chain, 10)
    assert width == pytest.approx(2 * string_width("𠮷田 Tanaka", chain, 5))
    assert string_width("田", chain, 10) == pytest.approx(10)  # ideographs are 1 em


def test_tounicode_cmap_uses_surrogate_pairs_outside_the_bmp():
    cmap_text = make_tounicode_cmap("X", [0, 0x7530, 0x20BB7])
    assert "<01> <7530>" in cmap_text
    assert "<02> <D842DFB7>" in cmap_text
    register_fonts()
    assert ttfonts.makeToUnicodeCMap is make_tounicode_cmap  # reportlab 5.1 still needs it


@pytest.mark.parametrize("side", ["japan", "china"])
def test_non_bmp_name_extracts_back_from_the_pdf(side):
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    chain = font_chain(side, bold=True)
    width = draw_text(canvas, 72, 700, "𠮷田 山﨑 陈㛃", chain, 24)
    canvas.save()
    assert width == pytest.approx(string_width("𠮷田 山﨑 陈㛃", chain, 24))
    text = PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text()
    assert "𠮷田" in text
    assert "山\ufa11" in text  # the compatibility ideograph is not normalised to 崎
    assert "陈㛃" in text


@pytest.mark.parametrize("name", [JP, SC_BOLD])
def test_metrics_read_with_fonttools_match_reportlabs_whole_face(name):
    from seminar_reg.documents import fonts

    face = register_fonts()[name].face
    widths, default = fonts._advances(name)
    assert set(widths) == set(face.charToGlyph)
    assert widths == face.charWidths
    assert default == face.defaultWidth
