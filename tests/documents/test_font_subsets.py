"""Badge jobs draw with faces cut down to their characters, and only the faces they draw."""

import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from seminar_reg.badges import layout
from seminar_reg.badges.layout import BadgeTexts, build_badges
from seminar_reg.documents import fonts
from seminar_reg.documents.fonts import draw_text, font_chain, subset_job
from tests.badges.samples import ALL, TEXTS, badge

JAPANESE_ONLY_TEXTS = BadgeTexts(
    seminar_title="第16回日中地域間交流推進セミナー",
    dates="2017年7月26日〜28日 瀋陽",
    side_labels={"japan": "日本側", "china": "中国側"},
    role_labels={},
)


@pytest.fixture
def subsets(monkeypatch):
    """Records every face a job registers (name, glyph count); whole faces are refused."""
    registered = []
    real = fonts._register_subset

    def spy(name, characters):
        font = real(name, characters)
        registered.append((name, len(font.face.charToGlyph)))
        return font

    def no_whole_faces():
        raise AssertionError("a badge job parsed a whole face")

    monkeypatch.setattr(layout, "SUBSET_FROM", 1)  # these jobs are small; subset them too
    monkeypatch.setattr(fonts, "_register_subset", spy)
    monkeypatch.setattr(fonts, "register_fonts", no_whole_faces)
    return registered


def test_a_badge_job_registers_only_small_subsets_and_forgets_them(subsets):
    result = build_badges(ALL, layout="sheet", texts=TEXTS)
    assert {name for name, _ in subsets} == set(fonts._FONT_FILES)
    characters = {c for b in ALL for f in (b.family, b.given, b.cross_name) for c in f}
    assert all(count < len(characters) + 300 for _, count in subsets), subsets
    assert not [n for n in pdfmetrics.getRegisteredFontNames() if "~" in n]
    assert result.pdf.startswith(b"%PDF")


def test_embedded_fonts_are_subsets_of_the_job(subsets):
    pdf = build_badges(ALL, layout="sheet", texts=TEXTS).pdf
    fonts_seen = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts_seen[str(font["/BaseFont"])] = font["/FontDescriptor"]["/FontFile2"]
    assert len({name.split("+")[1].split("-J")[0] for name in fonts_seen}) == 4
    for name, stream in fonts_seen.items():
        face = TTFont(io.BytesIO(stream.get_object().get_data()))
        assert face["maxp"].numGlyphs < 300, name  # the whole faces have ~17,000 to 65,000


def test_a_japanese_only_job_loads_only_the_japanese_faces(subsets):
    delegate = badge(1, "japan", "髙橋", "健一", "髙橋健一", "TAKAHASHI Kenichi", "新潟県", "課長")
    result = build_badges([delegate], layout="single", texts=JAPANESE_ONLY_TEXTS)
    assert result.printed == (1,)
    assert {name for name, _ in subsets} == {"NotoSansJP", "NotoSansJP-Bold"}


def test_coverage_is_still_the_whole_faces(subsets):
    """Missing glyphs are refused against the full cmaps, before any face is subset."""
    jp = ["NotoSansJP", "NotoSansSC"]  # font_chain outside a job would register whole faces
    assert fonts.missing_characters("𠮷田 买买提 陈㛃", jp) == []
    assert fonts.missing_characters("田\ue000", jp) == ["\ue000"]
    assert subsets == []


def test_drawing_a_character_outside_the_job_is_refused(subsets):
    canvas = Canvas(io.BytesIO())
    with subset_job(["田中"]), pytest.raises(ValueError, match="not among"):
        draw_text(canvas, 0, 0, "田村", font_chain("japan"), 10)


def test_small_jobs_use_the_whole_faces(monkeypatch):
    """A desk reprint must not pay for subsetting; the process's whole faces serve it."""
    monkeypatch.setattr(fonts, "_register_subset", None)  # calling it would fail
    assert build_badges(ALL[:1], layout="single", texts=TEXTS).printed == (ALL[0].delegate_id,)
