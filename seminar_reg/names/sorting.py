"""Deterministic sort keys for attendance rolls: gojūon for Japanese, pinyin for Chinese.

Why: each delegation expects its own list order, and the database must be
able to ``ORDER BY`` a stored column.  Each key exists in two forms:

* a tuple (``japanese_sort_key``, ``chinese_sort_key``) for Python sorting;
* a fixed-width string (``japanese_sort_string``, ``chinese_sort_string``)
  that orders exactly like the tuple.  It uses only ``[0-9a-z]`` with every
  field at a fixed offset, so plain byte comparison, SQLite's BINARY collation
  and PostgreSQL's ``COLLATE "C"`` agree, and even locale collations agree
  (they differ from byte order only on case, punctuation and spaces, none of
  which occur).  Identical names give identical keys: add the row id as a
  final ``ORDER BY`` column for a total order.

Japanese (family name completely first, then given name; each part compared
by JIS X 4061 style levels):

1. seion string: katakana as hiragana, small kana as full size (ゃ -> や),
   voiced/semi-voiced as unvoiced (が, ぱ -> か, は), ー as the vowel of the
   preceding kana, ゝゞ repeated; compared in gojūon order (あ … を, ん last);
2. voicing, left to right: unvoiced < voiced (dakuten) < semi-voiced;
3. form, left to right: small kana < normal kana < long-vowel mark.

So かとう < かどう < がとう (level 2 compares position by position), and
ざいつ sorts *before* さいとう (level 1: さいつ < さいとう), as in a dictionary.
Spaces and ・ are ignored.

Chinese (family name completely first, then given name):

1. toneless syllables compared syllable by syllable (司马 [si, ma] < 孙 [sun];
   西安 [xi, an] < 先 [xian]); ü is ``v`` and sorts after ``u`` (路 < 吕);
2. tone numbers (1–4, 5 neutral; 0 for Latin text without tones);
3. code points of the characters, as a final deterministic tiebreak (for
   the URO this approximates radical/stroke order).

A name with no family part (买买提·吐尔逊) is sorted by its given name as if
it were the family part, as Chinese lists do.

Widths: Japanese parts hold 16 kana, Chinese parts 12 syllables/characters
(Latin chunks count in 6-letter pieces).  Longer names are truncated in the
string form only; the order among names that agree up to that point then
falls back to the database's next ORDER BY column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from seminar_reg.names.readings import normalize_kana, split_tone

__all__ = [
    "chinese_sort_key",
    "chinese_sort_string",
    "japanese_sort_key",
    "japanese_sort_string",
]

# ----------------------------------------------------------------- Japanese

_GOJUON = (
    "あいうえお"
    "かきくけこ"
    "さしすせそ"
    "たちつてと"
    "なにぬねの"
    "はひふへほ"
    "まみむめも"
    "やゆよ"
    "らりるれろ"
    "わゐゑを"
    "ん"
)
_RANK = {char: index for index, char in enumerate(_GOJUON, start=1)}
_SMALL = dict(zip("ぁぃぅぇぉっゃゅょゎゕゖ", "あいうえおつやゆよわかけ", strict=True))
_VOWEL_OF = {char: "あいうえお"[index % 5] for index, char in enumerate(_GOJUON[:35])} | {
    "や": "あ", "ゆ": "う", "よ": "お",
    "ら": "あ", "り": "い", "る": "う", "れ": "え", "ろ": "お",
    "わ": "あ", "ゐ": "い", "ゑ": "え", "を": "お", "ん": "ん",
}  # fmt: skip
_UNKNOWN_RANK = 99  # non-kana characters sort after ん
_KANA_WIDTH = 16

_Levels = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _kana_levels(reading: str) -> _Levels:
    """Return (primary, voicing, form) levels of one name part."""
    primary: list[int] = []
    voicing: list[int] = []
    form: list[int] = []
    previous = ""
    for char in normalize_kana(reading):
        if char in " ・":
            continue
        if char in "ゝゞ" and previous:
            base, voice, size = previous, (1 if char == "ゞ" else 0), 1
        elif char == "ー":
            base, voice, size = _VOWEL_OF.get(previous, "あ"), 0, 2
        else:
            decomposed = unicodedata.normalize("NFD", char)
            base = decomposed[0]
            voice = 1 if "\u3099" in decomposed else 2 if "\u309a" in decomposed else 0
            size = 1
            if base in _SMALL:
                base, size = _SMALL[base], 0
            if base == "ゔ":  # NFD does not split ゔ from the katakana side
                base, voice = "う", 1
        primary.append(_RANK.get(base, _UNKNOWN_RANK))
        voicing.append(voice)
        form.append(size)
        previous = base
    return tuple(primary), tuple(voicing), tuple(form)


def japanese_sort_key(family_kana: str, given_kana: str) -> tuple[tuple[int, ...], ...]:
    """Return a tuple key ordering names in gojūon order, family name first."""
    return _kana_levels(family_kana) + _kana_levels(given_kana)


def _digits(values: Sequence[int], width: int, per_item: int) -> str:
    encoded = "".join(f"{value:0{per_item}d}" for value in values[:width])
    return encoded.ljust(width * per_item, "0")


def japanese_sort_string(family_kana: str, given_kana: str) -> str:
    """Return ``japanese_sort_key`` encoded as a fixed-width ``[0-9]`` string (128 chars)."""
    parts: list[str] = []
    for reading in (family_kana, given_kana):
        primary, voicing, form = _kana_levels(reading)
        parts.append(_digits(primary, _KANA_WIDTH, 2))
        parts.append(_digits(voicing, _KANA_WIDTH, 1))
        parts.append(_digits(form, _KANA_WIDTH, 1))
    return "".join(parts)


# ------------------------------------------------------------------ Chinese

_SYLLABLE_WIDTH = 6  # longest pinyin syllables: zhuang, chuang, shuang
_FAMILY_ITEMS = 12
_GIVEN_ITEMS = 12

_ChineseLevels = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...]]


def _chinese_levels(syllables: Sequence[str], text: str) -> _ChineseLevels:
    toneless: list[str] = []
    tones: list[int] = []
    for syllable in syllables:
        base, tone = split_tone(syllable.lower().replace("ü", "v"))
        toneless.append("".join(c for c in base if c.isascii() and c.isalnum()))
        tones.append(tone)
    codepoints = tuple(ord(c) for c in text if not c.isspace() and c not in "·・•‧")
    return tuple(toneless), tuple(tones), codepoints


def _ordered_parts(
    family_syllables: Sequence[str], given_syllables: Sequence[str], family: str, given: str
) -> tuple[_ChineseLevels, _ChineseLevels]:
    if not family_syllables and not family:
        family_syllables, family, given_syllables, given = given_syllables, given, (), ""
    return (
        _chinese_levels(family_syllables, family),
        _chinese_levels(given_syllables, given),
    )


def chinese_sort_key(
    family_syllables: Sequence[str],
    given_syllables: Sequence[str],
    family: str,
    given: str,
) -> tuple[tuple[str, ...] | tuple[int, ...], ...]:
    """Return a tuple key ordering names by pinyin, family name first.

    Syllables are TONE3 strings as produced by ``readings.pinyin_syllables``
    (``"shan4"``); toneless input is accepted (tone 0).
    """
    family_levels, given_levels = _ordered_parts(family_syllables, given_syllables, family, given)
    return family_levels + given_levels


def _syllable_cells(toneless: Sequence[str], width: int) -> str:
    cells: list[str] = []
    for syllable in toneless:
        for start in range(0, max(len(syllable), 1), _SYLLABLE_WIDTH):
            cells.append(syllable[start : start + _SYLLABLE_WIDTH].ljust(_SYLLABLE_WIDTH, "0"))
    return "".join(cells[:width]).ljust(width * _SYLLABLE_WIDTH, "0")


def chinese_sort_string(
    family_syllables: Sequence[str],
    given_syllables: Sequence[str],
    family: str,
    given: str,
) -> str:
    """Return ``chinese_sort_key`` encoded as a fixed-width ``[0-9a-z]`` string (312 chars)."""
    parts: list[str] = []
    levels = _ordered_parts(family_syllables, given_syllables, family, given)
    widths = (_FAMILY_ITEMS, _GIVEN_ITEMS)
    for (toneless, tones, codepoints), width in zip(levels, widths, strict=True):
        parts.append(_syllable_cells(toneless, width))
        parts.append(_digits(tones, width, 1))
        parts.append("".join(f"{cp:06x}" for cp in codepoints[:width]).ljust(width * 6, "0"))
    return "".join(parts)
