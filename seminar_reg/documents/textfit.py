"""Fitting text into a box: shrink to a width, then wrap onto a second line, never overflow.

Text is held as characters with a font per character (from `fonts.split_runs`), so widths
are exact sums of advances and a line break never changes a character's font.

Why not reportlab's Paragraph: it is platypus machinery with far more per-call overhead
than a badge needs, and it has no idea about JP/SC font chains.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from .fonts import pdf_font, run_advances, split_runs

Segment = tuple[str, Sequence[str]]  # (text, font chain)

BILINGUAL_SEPARATOR = " / "
LINE_HEIGHT = 1.2  # leading as a multiple of font size
# Visible top of CJK ideographs and Latin capitals, as a fraction of the font size:
# used to place the first baseline so that text starts where the layout says.
CAP_HEIGHT = 0.86


def _small_kana() -> set[str]:
    """Unicode's line-breaking class CJ (UAX #14): every small kana, in the kana blocks,
    the phonetic extensions, half width and the Small Kana Extension, and the prolonged
    sound mark, full and half width. Japanese strict line breaking (JIS X 4051 cl-11, what
    CSS ``line-break: strict`` does in the browser) never starts a line with one: a
    reading such as きゃっきゅう breaks before き, never before ゃ or っ."""
    blocks = (range(0x3041, 0x3100), range(0x31F0, 0x3200), range(0xFF65, 0xFFA0),
              range(0x1B130, 0x1B170))
    small = {c for block in blocks for c in map(chr, block) if " SMALL " in unicodedata.name(c, "")}
    # Small ko (Unicode 15, newer than this Python's table) by hand.
    return small | {"ー", "ｰ", "\U0001B132", "\U0001B155"}


# Kinsoku (JIS X 4051): never start a line with closing brackets, hyphens and dashes
# (cl-03: ‐ 〜 ゠ –), iteration marks (cl-09), full stops, commas and middle dots, or the
# small kana above...
_NO_LINE_START = (
    set("、。，．・：；？！）」』】〕〉》”’")
    | set("‐〜゠–ゝゞヽヾ々〻")
    | _small_kana()
    | set("·,.:;!?)]}")
)
# ...nor end one with these.
_NO_LINE_END = set("（「『【〔〈《“‘([{")
_BREAK_AFTER = set("·・-/")


@dataclass(frozen=True)
class StyledText:
    text: str
    fonts: tuple[str, ...]  # one registered font name per character
    advances: tuple[float, ...]  # per character, 1/1000 em

    def width(self, size: float, start: int = 0, end: int | None = None) -> float:
        return sum(self.advances[start:end]) * size / 1000

    def runs(self, start: int, end: int) -> list[tuple[str, str]]:
        """(font, text) runs of the characters [start, end)."""
        runs: list[tuple[str, str]] = []
        run_start = start
        for i in range(start + 1, end + 1):
            if i == end or self.fonts[i] != self.fonts[run_start]:
                runs.append((self.fonts[run_start], self.text[run_start:i]))
                run_start = i
        return runs


def style(segments: Sequence[Segment]) -> StyledText:
    """Concatenate segments, each in its own font chain."""
    text, fonts, advances = [], [], []
    for segment_text, chain in segments:
        for font, run in split_runs(segment_text, chain):
            text.append(run)
            fonts.extend([font] * len(run))
            advances.extend(run_advances(font, run))
    return StyledText("".join(text), tuple(fonts), tuple(advances))


def bilingual(text: str, japanese: Sequence[str], chinese: Sequence[str]) -> StyledText:
    """'Japanese / Chinese' strings: each half in its own side's face.

    Strings without the separator are set in the `japanese` chain (the caller passes the
    reader-appropriate chain there).
    """
    head, separator, tail = text.partition(BILINGUAL_SEPARATOR)
    if not separator:
        return style([(text, japanese)])
    return style([(head, japanese), (separator, japanese), (tail, chinese)])


@dataclass(frozen=True)
class Fitted:
    styled: StyledText
    size: float
    lines: tuple[tuple[int, int], ...]  # [start, end) character ranges

    @property
    def height(self) -> float:
        return self.size * LINE_HEIGHT * len(self.lines)

    def line_width(self, index: int) -> float:
        start, end = self.lines[index]
        return self.styled.width(self.size, start, end)


def fit(
    styled: StyledText,
    width: float,
    max_size: float,
    min_size: float,
    max_lines: int = 1,
    two_line_max: float | None = None,
) -> Fitted:
    """Largest size <= max_size at which `styled` fits `width` on one line; if that is
    below min_size and max_lines == 2, the best two-line break instead (at most
    `two_line_max`). If even that is below min_size the text still shrinks: a small name
    is a nuisance, a clipped one is a misprint.
    """
    total = sum(styled.advances)
    n = len(styled.text)
    if total <= 0:
        return Fitted(styled, max_size, ((0, n),))
    one_line = min(max_size, width * 1000 / total)
    if one_line >= min_size or max_lines < 2:
        return Fitted(styled, one_line, ((0, n),))
    best = _best_break(styled, width * 1000 / min_size)
    if best is None:
        return Fitted(styled, one_line, ((0, n),))
    first, second = best
    widest = max(sum(styled.advances[slice(*first)]), sum(styled.advances[slice(*second)]))
    two_lines = min(two_line_max or max_size, width * 1000 / widest)
    if two_lines <= one_line:
        return Fitted(styled, one_line, ((0, n),))
    return Fitted(styled, two_lines, (first, second))


def wrap(styled: StyledText, width: float, size: float) -> Fitted:
    """`styled` broken into as many lines as it takes to stay within `width` at `size`
    (running text: letters, programme entries). Lines break at the places `fit` allows
    (spaces, after a middle dot or hyphen, between CJK characters, kinsoku kept), as late
    as possible; a word longer than a whole line is cut where it overflows."""
    limit = width * 1000 / size
    breaks = {position: drop for position, drop, _rank in _break_candidates(styled.text)}
    n = len(styled.text)
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        used, end, last_break = 0.0, start, None
        while end < n and (end == start or used + styled.advances[end] <= limit):
            used += styled.advances[end]
            end += 1
            if end in breaks:
                last_break = end
        if end >= n:
            lines.append((start, n))
            break
        end = last_break if last_break is not None else _kinsoku_cut(styled.text, start, end)
        lines.append((start, end))
        start = end + breaks.get(end, 0)
    return Fitted(styled, size, tuple(lines) or ((0, 0),))


def _best_break(
    styled: StyledText, fits_at_min: float
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """Line ranges for a break: the most balanced break of the best rank whose lines still
    fit at the minimum size (a name breaks between family and given name even if the
    halves are unequal); if no break gets there, the most balanced break of any rank.

    `fits_at_min` is the widest line, in 1/1000 em, that fits at the minimum size.
    """
    prefix = [0.0]
    for advance in styled.advances:
        prefix.append(prefix[-1] + advance)
    n = len(styled.text)
    options = []
    for position, drop, rank in _break_candidates(styled.text):
        first, second = (0, position), (position + drop, n)
        widest = max(prefix[position], prefix[n] - prefix[position + drop])
        options.append((rank, widest, first, second))
    if not options:
        return None
    fitting = [option for option in options if option[1] <= fits_at_min]
    rank, widest, first, second = min(fitting) if fitting else min(options, key=lambda o: o[1])
    return first, second


def _break_candidates(text: str):
    """(position, characters dropped, rank) for each allowed break before text[position].

    Rank 0: between the halves of a bilingual 'A / B' string (the separator is dropped);
    1: at a space or after a middle dot or hyphen; 2: between CJK characters (legal
    anywhere, kinsoku aside).
    """
    separator = text.find(BILINGUAL_SEPARATOR)
    inside_separator = range(separator + 1, separator + len(BILINGUAL_SEPARATOR) + 1)
    for position in range(1, len(text)):
        before, after = text[position - 1], text[position]
        if position == separator:
            yield position, len(BILINGUAL_SEPARATOR), 0
        elif separator >= 0 and position in inside_separator:
            continue
        elif after in " \u3000" and before not in " \u3000":
            yield position, 1, 1
        elif before in _BREAK_AFTER and _allowed(before, after):
            yield position, 0, 1
        elif (_is_cjk(before) or _is_cjk(after)) and _allowed(before, after):
            yield position, 0, 2


def _kinsoku_cut(text: str, start: int, end: int) -> int:
    """Where to cut a line with no break in it (a long word, a run of kana that may not
    be split there): at ``end``, or a character or more earlier if ``end`` would start
    the next line with a small kana or a stop; ``end`` if the whole line is such a run."""
    for cut in range(end, start, -1):
        if _allowed_cut(text[cut - 1], text[cut]):
            return cut
    return end


def _allowed_cut(before: str, after: str) -> bool:
    return after not in _NO_LINE_START and before not in _NO_LINE_END


def _allowed(before: str, after: str) -> bool:
    return (
        after not in _NO_LINE_START
        and before not in _NO_LINE_END
        and not before.isspace()
        and not after.isspace()
    )


def _is_cjk(character: str) -> bool:
    code = ord(character)
    return (
        0x3040 <= code <= 0x30FF  # kana
        or 0x3400 <= code <= 0x9FFF  # Ext A + URO
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs (﨑)
        or 0x20000 <= code <= 0x3FFFF  # Ext B and beyond (𠮷)
        or unicodedata.east_asian_width(character) in "WF"
    )


def draw_fitted(
    canvas: Canvas, x: float, top: float, fitted: Fitted, align: str = "left", width: float = 0
) -> float:
    """Draw fitted lines with the first line's visible top at `top`; returns the y below
    the block. `align='right'` aligns to x + width."""
    text_object = canvas.beginText()
    leading = fitted.size * LINE_HEIGHT
    baseline = top - fitted.size * CAP_HEIGHT
    for index, (start, end) in enumerate(fitted.lines):
        line_x = x if align == "left" else x + width - fitted.line_width(index)
        text_object.setTextOrigin(line_x, baseline - index * leading)
        for font, run in fitted.styled.runs(start, end):
            text_object.setFont(pdf_font(font, run), fitted.size)
            text_object.textOut(run)
    canvas.drawText(text_object)
    return top - fitted.height
