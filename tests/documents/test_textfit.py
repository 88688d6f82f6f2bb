"""The one text-fitting engine keeps Japanese line-breaking rules (kinsoku): no line of a
PDF starts with a small kana or the prolonged sound mark (Unicode's class CJ, as CSS
``line-break: strict`` in the browser), nor with a stop, closing bracket or iteration
mark, at any width that holds the longest run the rules keep together (きゃっ), whether
the text wraps (letters, programme entries) or is fitted on two lines (badges, rolls,
cards)."""

from __future__ import annotations

import pytest

from seminar_reg.documents.fonts import font_chain
from seminar_reg.documents.textfit import fit, style, wrap

# UAX #14 class CJ, as listed in Unicode's LineBreak.txt (the BMP ones the fonts draw).
SMALL_KANA = (
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶー"
    "ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿｧｨｩｪｫｬｭｮｯｰ"
)
NEVER_FIRST = SMALL_KANA + "、。）」々ゝ〜"
READINGS = "しょうちゅう きょうこ ちゃっきゅう ジョーンズ リューベック ヴェッキオ"
RUNNING = "国際交流セミナー（第16回）の参加者は、佐々木さん、チョウさん、ホッチャーさんです。"


def _lines(fitted) -> list[str]:
    return [fitted.styled.text[start:end] for start, end in fitted.lines]


def _widths(styled, size: float) -> list[float]:
    """Every width from three of its widest characters to the whole text, in
    half-character steps."""
    em = size * max(styled.advances) / 1000
    return [em * steps / 2 for steps in range(6, 2 * len(styled.text) + 1)]


@pytest.mark.parametrize("text", [READINGS, RUNNING, "きゃっきゅっしゅっちゃっ" * 3])
def test_wrapped_lines_never_start_with_a_small_kana(text):
    styled = style([(text, font_chain("japan"))])
    for width in _widths(styled, 10):
        lines = _lines(wrap(styled, width, 10))
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        starts = [line[0] for line in lines[1:] if line]
        assert not set(starts) & set(NEVER_FIRST), (width, lines)


@pytest.mark.parametrize("reading", READINGS.split())
def test_a_reading_fitted_on_two_lines_breaks_before_a_full_kana(reading):
    styled = style([(reading * 2, font_chain("japan"))])
    for width in _widths(styled, 10):
        fitted = fit(styled, width, 10, 9, max_lines=2)
        if len(fitted.lines) == 2:
            assert _lines(fitted)[1][0] not in NEVER_FIRST, (width, _lines(fitted))


def test_every_small_kana_stays_on_the_line_of_the_kana_before_it():
    chain = font_chain("japan")
    for small in SMALL_KANA:
        styled = style([(("か" + small) * 6, chain)])
        for width in _widths(styled, 10):
            assert all(line[0] == "か" for line in _lines(wrap(styled, width, 10))), small
