"""The kana reading over a Japanese-side name on its badge (badges/furigana.py), read back
from real PDFs: where each reading is drawn, at what size, in which face."""

import dataclasses
import itertools

import pytest

from seminar_reg.badges.face import (
    BADGE_HEIGHT,
    BODY_BOTTOM,
    BODY_TOP,
    HEADER_HEIGHT,
    PAD,
    TEXT_WIDTH,
    badge_blocks,
    badge_reading,
)
from seminar_reg.badges.furigana import (
    READING_GAP,
    READING_GAP_X,
    READING_MIN,
    READING_RAISE,
    READING_SIZE,
)
from seminar_reg.badges.layout import build_badges
from seminar_reg.badges.operations import build_job
from seminar_reg.badges.queries import Selection
from seminar_reg.documents.textfit import CAP_HEIGHT
from seminar_reg.names.derive import cross_script_for_side
from seminar_reg.registration import demo
from seminar_reg.registration.demo import load_demo_data
from tests.pdf_tools import (
    DRAWS_ARTIFACTS,
    assert_fonts_embedded,
    page_texts,
    positioned_runs,
    rasterise,
    save_artifact,
    squeeze,
)

from .samples import CHINESE, JAPANESE, TEXTS, badge
from .test_pdf import LONG

KANA_DESCENT = 0.12  # below the baseline, as a fraction of the size (Noto Sans JP kana)
NAMIKI = badge(81, "japan", "並木", "心", "并木心", "NAMIKI Kokoro", "東京都羽村市", "国際交流員",
               kana="なみき こころ")


def _runs(pdf: bytes) -> dict[str, tuple[str, float, float, float]]:
    """Text -> (font, size, x, y) of the first run drawing exactly that text."""
    runs = {}
    for _, text, font, size, x, y in positioned_runs(pdf):
        runs.setdefault(text.strip(), (font, size, x, y))
    return runs


def test_each_reading_is_centred_over_its_part_of_the_name_just_above_it():
    runs = _runs(build_badges([NAMIKI], layout="single", texts=TEXTS).pdf)
    name_font, name_size, name_x, name_y = runs["並木 心"]
    assert name_size == 22 and "NotoSansJP-Bold" in name_font
    family, given = runs["なみき"], runs["こころ"]
    for font, size, _x, y in (family, given):
        assert "NotoSansJP-Regular" in font and size == READING_SIZE
        # above the name's ideographs, below the header band, not touching either
        assert y - KANA_DESCENT * size > name_y + CAP_HEIGHT * name_size
        assert y + size < BADGE_HEIGHT - HEADER_HEIGHT
        assert y - (name_y + CAP_HEIGHT * name_size) < size  # directly above, not adrift
    # 並木 spans two ideographs of 22 pt from the name's left; 心 one, after a space
    assert family[2] + 3 * READING_SIZE / 2 == pytest.approx(name_x + 22, abs=0.5)
    given_centre = given[2] + 3 * READING_SIZE / 2
    assert name_x + 44 + 11 < given_centre < name_x + 44 + 6 + 11  # over 心, after the space


def test_the_readings_of_japanese_badges_come_back_in_the_pdf():
    pdf = build_badges([*JAPANESE, *CHINESE], texts=TEXTS).pdf
    text = squeeze("".join(page_texts(pdf)))
    for delegate in JAPANESE:
        if delegate.given == "さくら":  # a name part in kana is its own reading
            assert delegate.family_reading in text and "さくらさくら" not in text
            continue
        for reading in (delegate.family_reading, delegate.given_reading):
            assert reading and reading in text, (delegate.display_name, reading)
    assert_fonts_embedded(pdf)


def test_chinese_badges_print_no_reading_even_when_one_is_given():
    """A Chinese name's reading is pinyin, which its Latin line shows already."""
    chinese = dataclasses.replace(CHINESE[0], family_reading="liào", given_reading="lìqiáng")
    assert badge_reading(chinese, badge_blocks(chinese)[0][0]) is None
    text = squeeze("".join(page_texts(build_badges([chinese], texts=TEXTS).pdf)))
    assert "liào" not in text and "LIAOLiqiang" in text


def test_a_name_without_a_reading_prints_nothing_over_it():
    bare = dataclasses.replace(NAMIKI, family_reading="", given_reading="")
    runs = _runs(build_badges([bare], layout="single", texts=TEXTS).pdf)
    assert "並木 心" in runs and not any(c in text for text in runs for c in "なみきこころ")
    half = dataclasses.replace(NAMIKI, given_reading="")
    runs = _runs(build_badges([half], layout="single", texts=TEXTS).pdf)
    assert "なみき" in runs and "こころ" not in runs


def _demo_badges():
    """Every family and given name of the demonstration data, with its longest texts and
    a line for the other side's rendering (the tallest column a badge can have)."""
    organization = max((org for org, _ in demo.JAPANESE_ORGANIZATIONS), key=len)
    title = max(demo.JAPANESE_TITLES, key=len)
    for (family, kana), (given, given_kana) in itertools.product(
        demo.JAPANESE_FAMILY, demo.JAPANESE_GIVEN
    ):
        cross = cross_script_for_side("japan", family + given) + "·"  # always differs
        yield badge(1, "japan", family, given, cross, "HASEGAWA Junichi", organization,
                    title, kana=f"{kana} {given_kana}")


def _check_column(delegate) -> None:
    blocks = badge_blocks(delegate)
    name = blocks[0][0]
    line = badge_reading(delegate, name)
    assert line is not None and line.size >= READING_MIN
    extents = line.extents()
    assert extents[0][0] >= 0 and extents[-1][1] <= TEXT_WIDTH + 1e-6
    for (_, right), (left, _) in itertools.pairwise(extents):
        assert left - right >= READING_GAP_X - 1e-6  # the two readings never run together
    used = line.height + READING_GAP - READING_RAISE
    used += sum(space + fitted.height for fitted, _, space in blocks)
    assert used <= BODY_TOP - BODY_BOTTOM, delegate.display_name


def test_every_demonstration_name_fits_with_its_reading():
    for delegate in _demo_badges():
        _check_column(delegate)
        name = badge_blocks(delegate)[0][0]
        assert len(name.lines) == 1 and name.size == 22  # readings never shrink the name


def test_the_longest_name_fits_with_its_reading():
    _check_column(LONG)  # test_pdf checks it on paper
    assert BODY_TOP + READING_RAISE < BADGE_HEIGHT - HEADER_HEIGHT


def test_demo_badges_print_every_reading_inside_its_own_badge(seminar, built_once, tmp_path):
    """The 73 Japanese-side demonstration badges, printed as the console prints them."""
    delegates = built_once(load_demo_data, seminar)
    expected = {
        d.full_name: [d.family_reading, d.given_reading] for d in delegates if d.side == "japan"
    }
    pdf = build_job(seminar, Selection(side="japan"), layout="single").result.pdf
    assert_fonts_embedded(pdf)
    pages: dict[int, list] = {}
    for page, text, font, size, x, y in positioned_runs(pdf):
        pages.setdefault(page, []).append((text.strip(), font, size, x, y))
    assert len(pages) == len(expected) == 73
    for runs in pages.values():
        name = next(run for run in runs if run[2] == 22)  # every demo name fits at 22 pt
        # small regular type above the name (the header's seminar title is bold)
        readings = [r for r in runs if r[2] < 9 and r[4] > name[4] and "Bold" not in r[1]]
        assert [run[0] for run in readings] == expected.pop(name[0])
        for text, font, size, x, y in readings:
            assert "NotoSansJP-Regular" in font and size >= READING_MIN
            # kana are one em wide: the reading stays in the text column, clear of the QR
            assert x >= PAD and x + len(text) * size <= PAD + TEXT_WIDTH + 0.5
            assert y + size < BADGE_HEIGHT - HEADER_HEIGHT, text
            assert y - KANA_DESCENT * size > name[4] + CAP_HEIGHT * name[2], text
    assert expected == {}
    if DRAWS_ARTIFACTS:  # for people to look at
        save_artifact(rasterise(pdf, tmp_path, first=1, last=1)[0], "badge-reading.png")


def test_a_reading_no_font_can_draw_skips_the_badge_like_any_other_field():
    broken = dataclasses.replace(NAMIKI, delegate_id=82, given_reading="こ\ue000")
    result = build_badges([NAMIKI, broken], texts=TEXTS)
    assert result.printed == (81,)
    assert [(s.delegate_id, s.field) for s in result.skipped] == [(82, "given_reading")]


def test_big_jobs_cut_their_faces_down_with_the_readings_in_them(monkeypatch):
    """Jobs of SUBSET_FROM badges draw with faces holding only the job's characters:
    the readings' kana must be among them, or they would print as empty boxes."""
    from seminar_reg.badges import layout
    from seminar_reg.documents import fonts

    kept: dict[str, set[str]] = {}
    real = fonts._register_subset

    def spy(name, characters):
        kept[name] = set(characters)
        return real(name, characters)

    monkeypatch.setattr(layout, "SUBSET_FROM", 1)
    monkeypatch.setattr(fonts, "_register_subset", spy)
    result = build_badges([NAMIKI, *JAPANESE], texts=TEXTS)
    assert result.printed == (81, 1, 2, 3, 4, 5)
    kana = {c for b in (NAMIKI, *JAPANESE) for c in b.family_reading + b.given_reading}
    assert kana and kana <= kept["NotoSansJP"]
    text = squeeze("".join(page_texts(result.pdf)))
    assert "なみき" in text and "とくなが" in text
