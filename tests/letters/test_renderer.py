"""Invitation letters from plain data: names in the reader's script, fonts, wording,
pages, and the refusal of characters no font can draw."""

import dataclasses
import datetime as dt

import pytest

from seminar_reg.documents import MissingGlyphError
from seminar_reg.documents.fonts import font_chain
from seminar_reg.documents.textfit import style, wrap
from seminar_reg.letters import export
from seminar_reg.letters.content import LETTER_LANGUAGES, NoLettersError, UndrawableLetterError
from seminar_reg.letters.pdf import build_letters
from seminar_reg.letters.wording import period
from tests.pdf_tools import (
    assert_fonts_embedded,
    page_texts,
    rasterise,
    save_artifact,
    squeeze,
    text_runs,
)

from .samples import HAMURA, SHENYANG, job, letters


@pytest.fixture(scope="module", params=LETTER_LANGUAGES)
def rendered(request):
    return request.param, build_letters(job(request.param))


def test_every_member_is_named_in_the_readers_script(rendered):
    language, result = rendered
    text = squeeze("".join(page_texts(result.pdf)))
    expected = {
        "ja": ["並木心", "髙橋一郎", "𠮷田花子", "廖力強", "買買提·吐爾遜", "欧陽娜娜"],
        "zh": ["并木心", "高桥一郎", "吉田花子", "廖力强", "买买提·吐尔逊", "欧阳娜娜"],
    }[language]
    for member, name in zip((*HAMURA, *SHENYANG), expected, strict=True):
        assert member.name_for(language).replace(" ", "") == name
        assert name in text, name
    other = {"ja": ["并木心", "高桥一郎", "廖力强"], "zh": ["髙橋一郎", "廖力強", "欧陽娜娜"]}
    for name in other[language]:
        assert name not in text  # not the writer's script
    for title in {"ja": ["市長", "秘書広報課長", "翻訳"], "zh": ["市长", "秘书广报课长", "处长"]}[
        language
    ]:
        assert title in text


def test_names_are_spaced_by_the_members_side_not_the_readers(rendered):
    """A Japanese name is spaced in Japanese only; a Chinese name is never spaced, also in
    Japanese forms (names.display)."""
    language, result = rendered
    text = "".join(page_texts(result.pdf))
    present, absent = {
        "ja": (["並木 心", "廖力強", "欧陽娜娜"], ["並木心", "廖 力強", "欧陽 娜娜"]),
        "zh": (["并木心", "廖力强", "欧阳娜娜"], ["并木 心", "廖 力强", "欧阳 娜娜"]),
    }[language]
    for name in present:
        assert name in text, name
    for name in absent:
        assert name not in text, name


def test_fonts_are_embedded_subsets_of_the_readers_face(rendered):
    language, result = rendered
    fonts = {name.split("+", 1)[1] for name in assert_fonts_embedded(result.pdf)}
    own = "NotoSansJP" if language == "ja" else "NotoSansSC"
    # Everything is in the reader's script, so in the reader's face: names too
    assert fonts == {f"{own}-Regular", f"{own}-Bold"}
    runs = [font for _page, run, font, _size in text_runs(result.pdf) if "力" in run]
    assert runs and all(own in font for font in runs)


def test_each_letter_has_its_wording_number_and_pages(rendered):
    language, result = rendered
    texts = [squeeze(text) for text in page_texts(result.pdf)]
    assert result.letters == 2 and result.members == 6 and result.pages == len(texts)
    first = [i for i, text in enumerate(texts) if "JC16-0002" in text][0]
    hamura, shenyang = "".join(texts[:first]), "".join(texts[first:])
    if language == "ja":
        assert "招へい状" in hamura and "東京都羽村市長様" in hamura and "拝啓" in hamura
        assert "敬具" in hamura and "記" in hamura and hamura.rstrip().count("以上") == 1
        assert "2017年7月26日(水)～28日(金)" in hamura and "遼寧省瀋陽市" in hamura
        assert "中国外交部外事管理司及び瀋陽市人民政府との共催" in hamura
        assert "招へい者（3名）" in hamura and "時間未定" in hamura
        assert "瀋陽市人民政府外事弁公室主任張偉様" in shenyang
    else:
        assert "邀请函" in hamura and "尊敬的东京都羽村市市长：" in hamura
        assert "特此邀请。" in hamura and "2017年7月26日至28日" in hamura
        assert "受邀人员名单（共3人）" in hamura and "时间待定" in hamura
        assert "日本国自治体国际化协会主办" in hamura and "2017年6月1日" in hamura
        assert "尊敬的沈阳市人民政府外事办公室主任张伟：" in shenyang
    assert "JC16-0001" in hamura and "JC16-0002" not in hamura


def test_a_long_delegation_runs_on_with_its_heading_repeated():
    many = tuple(
        dataclasses.replace(HAMURA[0], member_id=n, given=f"心{n}", cross_given=f"心{n}")
        for n in range(1, 61)
    )
    letter = dataclasses.replace(letters("ja")[0], members=many)
    result = build_letters(job("ja", (letter,)))
    texts = [squeeze(text) for text in page_texts(result.pdf)]
    assert result.pages == len(texts) >= 3
    assert all(f"JC16-0001{page}/{len(texts)}" in texts[page - 1] for page in (1, 2, 3))
    assert "招へい者（60名）（続き）" in texts[-1] and "番号氏名役職" in texts[-1]
    assert "以上" in texts[-1] and not any("以上" in text for text in texts[:-1])
    joined = "".join(texts)
    assert all(f"並木心{n}" in joined for n in range(1, 61))


@pytest.mark.parametrize("character", ["😀", "𪚥"])
def test_an_undrawable_name_is_refused_with_the_person_and_character(character):
    broken = dataclasses.replace(SHENYANG[1], given=f"买买提{character}", cross_given="")
    letter = dataclasses.replace(letters("zh")[1], members=(SHENYANG[0], broken))
    with pytest.raises(UndrawableLetterError) as caught:
        build_letters(job("zh", (letters("zh")[0], letter)))
    (problem,) = caught.value.problems
    assert problem.delegate_id == 5 and problem.name == f"买买提{character}"
    assert problem.character == character and problem.field == "name"
    assert f"U+{ord(character):04X}" in str(caught.value) and "买买提" in str(caught.value)


def test_every_undrawable_field_is_named_not_only_the_first():
    members = (
        dataclasses.replace(HAMURA[0], title="市長😀"),
        dataclasses.replace(HAMURA[1], latin_name="\ue000"),
    )
    letter = dataclasses.replace(letters("ja")[0], organization="羽村市😀", members=members)
    with pytest.raises(UndrawableLetterError) as caught:
        build_letters(job("ja", (letter,)))
    found = [(p.delegate_id, p.field, p.character) for p in caught.value.problems]
    assert found == [("", "organization", "😀"), (1, "title", "😀"), (2, "latin_name", "\ue000")]


def test_an_undrawable_seminar_text_refuses_the_job():
    facts = dataclasses.replace(job("ja").seminar, title="第16回\ue000セミナー")
    with pytest.raises(MissingGlyphError) as caught:
        build_letters(dataclasses.replace(job("ja"), seminar=facts))
    assert caught.value.character == "\ue000"


def test_an_empty_job_or_unknown_language_is_refused():
    with pytest.raises(NoLettersError):
        build_letters(dataclasses.replace(job("ja"), letters=()))
    with pytest.raises(ValueError):
        build_letters(dataclasses.replace(job("ja"), language="en"))


def test_the_web_layer_knows_the_renderers_languages():
    assert export.LETTER_LANGUAGES == LETTER_LANGUAGES


def test_periods_as_each_side_writes_them():
    start, end = dt.date(2017, 7, 31), dt.date(2017, 8, 2)
    assert period(start, end, "ja") == "2017年7月31日(月)～8月2日(水)"
    assert period(start, end, "zh") == "2017年7月31日至8月2日"
    assert period(start, start, "zh") == "2017年7月31日"


def test_wrap_breaks_running_text_without_starting_a_line_with_a_stop():
    chain = font_chain("japan")
    text = "さて、自治体国際化協会は、下記のとおり開催いたします。" * 4
    styled = style([(text, chain)])
    lines = wrap(styled, 200, 10.5).lines
    assert len(lines) > 2
    assert "".join(text[a:b] for a, b in lines) == text
    for start, end in lines:
        assert styled.width(10.5, start, end) <= 200 + 0.01
        assert text[start] not in "、。"
    latin = style([("Council of Local Authorities for International Relations", chain)])
    broken = [latin.text[a:b] for a, b in wrap(latin, 120, 10).lines]
    assert broken[0] == "Council of Local" and " ".join(broken) == latin.text


@pytest.mark.slow
@pytest.mark.parametrize("language", LETTER_LANGUAGES)
def test_render_for_people_to_look_at(language, tmp_path):
    result = build_letters(job(language))
    pages = rasterise(result.pdf, tmp_path, last=1)
    save_artifact(pages[0], f"letter-{language}.png")
    width, height = pages[0].size
    # Something printed in the top and bottom thirds, nothing in the side margins
    thirds = (0, 2 * height // 3)
    inked = [pages[0].crop((0, y, width, y + height // 3)).getextrema() for y in thirds]
    assert all(band[0][0] < 100 for band in inked)
    margin = pages[0].crop((0, 0, int(width * 0.1), height))
    assert margin.getextrema()[0][0] > 200
