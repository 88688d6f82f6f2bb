"""Cross-script rendering: Japanese names for Chinese readers and vice versa.

Why: each delegation reads the other side's names in its own script.  A
Japanese 髙橋 must appear as 高桥 on Chinese lists; a Chinese 单伟 as 単偉 on
Japanese ones.  Character sets overlap but glyph standards differ (shinjitai,
simplified, traditional), and a few characters depend on context (沈 is the
surname Shen but 沈阳 is the city 瀋陽).

Pipeline (both directions)::

    reviewed phrase overrides (longest match, final)
      -> OpenCC chain on the remaining segments
      -> reviewed character fixups on the engine output

* Japanese -> Chinese: OpenCC ``jp2t`` then ``t2s``.  Before that, the
  iteration mark 々 is expanded (佐々木 -> 佐佐木) and the counter ヶ/ヵ/ケ
  between two ideographs is dropped (霞ヶ関 -> 霞关), as Chinese media do.
* Chinese -> Japanese: OpenCC ``s2t`` then ``t2jp``.  ``surname=True`` first
  checks a whole-field surname table (范 stays 范, not 範).

The tables live in ``data/*.tsv`` with a comment per line; see ``_data.py``.
OpenCC converters are expensive to build, so they are created once per process;
results are memoised (names repeat a lot: surnames, municipalities).
Converting a family name and a given name separately is intended: it stops
phrase rules from firing across the boundary (沈 + 阳明 must not become 瀋陽明).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from seminar_reg.names._data import Table, load_table, longest_match_segments

if TYPE_CHECKING:  # imported when first used: start-up need not load it
    import opencc

__all__ = ["to_chinese_script", "to_japanese_script"]

_JA_ZH_PHRASES = "ja_to_zh_phrases.tsv"
_JA_ZH_CHARS = "ja_to_zh_chars.tsv"
_ZH_JA_PHRASES = "zh_to_ja_phrases.tsv"
_ZH_JA_CHARS = "zh_to_ja_chars.tsv"
_ZH_JA_SURNAMES = "zh_to_ja_surnames.tsv"

_IDEOGRAPH = r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]"
_COUNTER_KE = re.compile(rf"(?<={_IDEOGRAPH})[ヶヵケ](?={_IDEOGRAPH})")


@cache
def _converter(config: str) -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC(config)


@cache
def _char_map(filename: str) -> dict[int, str]:
    return {ord(source): target for source, target in load_table(filename).items()}


def _expand_iteration_marks(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char == "々" and out:
            out.append(out[-1])
        else:
            out.append(char)
    return "".join(out)


def _convert(text: str, phrases: Table, chain: tuple[str, ...], fixups: dict[int, str]) -> str:
    parts: list[str] = []
    for segment, overridden in longest_match_segments(text, phrases):
        if overridden:
            parts.append(segment)
            continue
        for config in chain:
            segment = _converter(config).convert(segment)
        parts.append(segment.translate(fixups))
    return "".join(parts)


@lru_cache(maxsize=65536)
def to_chinese_script(text: str) -> str:
    """Render Japanese text (names, municipalities, organisations) in simplified Chinese.

    Kana are left as they are: Chinese media keep them or transliterate by hand.
    """
    if not text:
        return text
    text = _COUNTER_KE.sub("", _expand_iteration_marks(text))
    return _convert(text, load_table(_JA_ZH_PHRASES), ("jp2t", "t2s"), _char_map(_JA_ZH_CHARS))


@lru_cache(maxsize=65536)
def to_japanese_script(text: str, *, surname: bool = False) -> str:
    """Render Chinese text (simplified or traditional) in Japanese shinjitai forms.

    Pass ``surname=True`` when *text* is exactly a family name, so that
    surname-only readings of ambiguous characters apply (范 stays 范).
    """
    if not text:
        return text
    if surname:
        pinned = load_table(_ZH_JA_SURNAMES).get(text)
        if pinned is not None:
            return pinned
    return _convert(text, load_table(_ZH_JA_PHRASES), ("s2t", "t2jp"), _char_map(_ZH_JA_CHARS))
