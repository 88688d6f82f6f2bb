import dataclasses

import pytest
import zxingcpp

from seminar_reg.badges.face import BODY_BOTTOM, BODY_TOP, TEXT_WIDTH, badge_blocks
from seminar_reg.badges.layout import EmptySelectionError, NothingPrintableError, build_badges
from tests.pdf_tools import assert_fonts_embedded, page_texts, rasterise, squeeze, text_runs

from .samples import ALL, CHINESE, JAPANESE, TEXTS, badge


@pytest.fixture(scope="module")
def sheet():
    return build_badges(ALL, texts=TEXTS)


def test_all_badges_print_on_one_sheet(sheet):
    assert sheet.skipped == ()
    assert sheet.printed == tuple(b.delegate_id for b in ALL)
    assert sheet.pages == 1 and sheet.pdf.startswith(b"%PDF")


def test_every_string_comes_back_from_text_extraction(sheet):
    text = squeeze("".join(page_texts(sheet.pdf)))
    for b in ALL:
        for value in (b.display_name, b.cross_name, b.latin_name, b.organization, b.title):
            assert squeeze(value) in text, (b.delegate_id, value)


def test_every_font_is_embedded(sheet):
    assert_fonts_embedded(sheet.pdf)


def test_qr_codes_decode_to_the_tokens(sheet, tmp_path):
    (image,) = rasterise(sheet.pdf, tmp_path)
    decoded = {result.text for result in zxingcpp.read_barcodes(image)}
    assert decoded == {b.token for b in ALL}


def _name_runs(pdf):
    """Text drawn at name size (>= 12 pt; nothing else on a badge is that large)."""
    return [(text, font) for _, text, font, size in text_runs(pdf) if size >= 12 and text.strip()]


@pytest.mark.parametrize("delegate", JAPANESE, ids=lambda b: b.display_name)
def test_japanese_names_use_the_japanese_face(delegate):
    pdf = build_badges([delegate], layout="single", texts=TEXTS).pdf
    runs = _name_runs(pdf)
    assert squeeze("".join(t for t, _ in runs)) == squeeze(delegate.display_name)
    assert all("NotoSansJP-Bold" in font for _, font in runs), runs
    cross = [font for _, text, font, _ in text_runs(pdf) if text == delegate.cross_name]
    assert cross and all("NotoSansSC" in font for font in cross)


@pytest.mark.parametrize("delegate", CHINESE, ids=lambda b: b.display_name)
def test_chinese_names_use_the_chinese_face(delegate):
    pdf = build_badges([delegate], layout="single", texts=TEXTS).pdf
    runs = _name_runs(pdf)
    assert squeeze("".join(t for t, _ in runs)) == squeeze(delegate.display_name)
    assert all("NotoSansSC-Bold" in font for _, font in runs), runs


def test_chinese_side_name_with_japanese_only_character_falls_back():
    delegate = badge(30, "china", "𠮷", "明", "𠮷明", "JI Ming", "沈阳市", "")
    runs = _name_runs(build_badges([delegate], layout="single", texts=TEXTS).pdf)
    assert [(t, "JP" if "JP" in f else "SC") for t, f in runs] == [("𠮷", "JP"), ("明", "SC")]


LONG = badge(
    40,
    "japan",
    "勅使河原",
    "左衛門三郎太郎兵衛之助",
    "敕使河原左卫门三郎太郎兵卫之助",
    "TESHIGAHARA Saemonsaburotarobenosuke Extraordinarily-Long-Latin-Name",
    "独立行政法人国際協力機構 中華人民共和国事務所 瀋陽連絡事務所 地域間交流推進担当",
    "上席調査役 兼 地域間交流推進担当 兼 瀋陽連絡事務所長代理",
    "speaker",
    kana="てしがわら さえもんさぶろうたろうべえのすけ",
)


def test_long_texts_are_fitted_into_the_text_column():
    blocks = badge_blocks(LONG)
    for fitted, _, _ in blocks:
        for line in range(len(fitted.lines)):
            assert fitted.line_width(line) <= TEXT_WIDTH + 1e-6
    name = blocks[0][0]
    assert len(name.lines) == 2 and name.size >= 9
    assert sum(space + fitted.height for fitted, _, space in blocks) <= BODY_TOP - BODY_BOTTOM


def test_long_name_breaks_between_family_and_given_name():
    name = badge_blocks(dataclasses.replace(LONG, given="左衛門三郎太郎兵衛"))[0][0]
    first, second = (name.styled.text[start:end] for start, end in name.lines)
    assert (first, second) == ("勅使河原", "左衛門三郎太郎兵衛")


def test_long_texts_stay_inside_the_badge_on_paper(tmp_path):
    """Slot 1 of the sheet is left empty: anything overflowing badge 0 would land there."""
    from seminar_reg.badges.layout import BADGE_HEIGHT, BADGE_WIDTH, sheet_origin

    (image,) = rasterise(build_badges([LONG], texts=TEXTS).pdf, tmp_path)
    scale = 150 / 72
    left, bottom = sheet_origin()
    top_px = round((842 - bottom - 5 * BADGE_HEIGHT) * scale)
    x0 = round((left + BADGE_WIDTH) * scale) + 2
    region = image.crop((x0, top_px + 2, x0 + round(BADGE_WIDTH * scale) - 4, top_px + 150))
    assert region.convert("L").getextrema()[0] > 250  # all white


def test_unprintable_character_skips_only_that_badge():
    pua = badge(50, "china", "王", "\ue000", "王", "WANG", "沈阳市", "")
    rare = badge(51, "japan", "\U0002a6a5", "太郎", "", "TARO", "新潟県", "")
    result = build_badges([pua, *ALL, rare], texts=TEXTS)
    assert result.printed == tuple(b.delegate_id for b in ALL)
    reasons = {s.delegate_id: s.reason for s in result.skipped}
    assert set(reasons) == {50, 51}
    assert "50" in reasons[50] and "王\ue000" in reasons[50] and "U+E000" in reasons[50]
    assert "U+2A6A5" in reasons[51] and "family" in reasons[51]
    text = squeeze("".join(page_texts(result.pdf)))
    assert all(squeeze(b.display_name) in text for b in ALL)


def test_empty_selection_raises():
    with pytest.raises(EmptySelectionError):
        build_badges([], texts=TEXTS)


def test_nothing_printable_raises_with_the_reasons():
    with pytest.raises(NothingPrintableError) as error:
        build_badges([badge(50, "china", "王", "\ue000", "", "", "", "")], texts=TEXTS)
    assert isinstance(error.value, EmptySelectionError)
    assert error.value.skipped[0].character == "\ue000"


def test_unknown_layout_side_or_role_is_a_programming_error():
    with pytest.raises(ValueError):
        build_badges(ALL, layout="poster", texts=TEXTS)
    with pytest.raises(ValueError):
        build_badges([dataclasses.replace(ALL[0], role="guest")], texts=TEXTS)


def test_165_badges_stay_small():
    delegates = [dataclasses.replace(ALL[i % len(ALL)], delegate_id=i) for i in range(165)]
    result = build_badges(delegates, texts=TEXTS)
    assert result.pages == 17
    assert len(result.pdf) < 1_500_000


def test_a_shared_text_no_font_can_draw_stops_the_job():
    from seminar_reg.documents.fonts import MissingGlyphError

    texts = dataclasses.replace(TEXTS, dates="2017年7月26日\u2009–\u200928日\ue000")
    with pytest.raises(MissingGlyphError):
        build_badges(JAPANESE[:1], texts=texts)


def test_progress_is_reported_page_by_page_for_the_badges_drawn():
    many = [dataclasses.replace(ALL[i % len(ALL)], delegate_id=100 + i) for i in range(23)]
    unprintable = badge(99, "china", "王", "\ue000", "王", "WANG", "沈阳市", "")
    steps: list[int] = []
    result = build_badges([*many, unprintable], texts=TEXTS, progress=steps.append)
    assert steps == [10, 10, 3] and sum(steps) == len(result.printed) == 23
    single: list[int] = []
    build_badges(many[:3], layout="single", texts=TEXTS, progress=single.append)
    assert single == [1, 1, 1]


def test_side_label_and_role_ribbon_print_in_both_languages():
    vip = dataclasses.replace(CHINESE[0], role="vip")
    speaker = dataclasses.replace(JAPANESE[0], role="speaker", delegate_id=77)
    text = squeeze("".join(page_texts(build_badges([vip, speaker], texts=TEXTS).pdf)))
    for label in (TEXTS.side_labels["china"], TEXTS.side_labels["japan"]):
        assert squeeze(label) in text
    for role in ("vip", "speaker"):
        assert squeeze(TEXTS.role_labels[role]) in text
    delegate = dataclasses.replace(JAPANESE[1], role="delegate")
    plain = squeeze("".join(page_texts(build_badges([delegate], texts=TEXTS).pdf)))
    ribbons = [label for role, label in TEXTS.role_labels.items() if role != "delegate"]
    assert not any(squeeze(label) in plain for label in ribbons)  # a delegate has no ribbon


def test_the_other_sides_rendering_prints_only_where_it_differs():
    same = badge(80, "japan", "佐藤", "一郎", "佐藤一郎", "SATO Ichiro", "札幌市", "")
    differs = badge(81, "japan", "並木", "心", "并木心", "NAMIKI Kokoro", "羽村市", "")
    runs = [run for _font, run, *_ in text_runs(build_badges([same], texts=TEXTS).pdf)]
    assert sum("佐藤" in run for run in runs) == 1  # the name once, no identical copy under it
    text = squeeze("".join(page_texts(build_badges([differs], texts=TEXTS).pdf)))
    assert "并木心" in text and "並木心" in text
