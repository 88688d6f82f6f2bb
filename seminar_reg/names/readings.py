"""Readings: pinyin for Chinese names, kana for Japanese names.

Chinese
-------
Badges print a Latin name and rolls sort by pinyin, so the reading has to be
right for *names*, which general-purpose converters get wrong: 单 is Shàn as a
surname (not dān), 曾 is Zēng, 长孙 is Zhǎngsūn.  Family names are therefore
looked up first in the reviewed table ``data/zh_surnames.tsv`` (longest match,
so the compound 尉迟 Yùchí wins over the single 尉 Wèi); anything else falls
back to pypinyin, which uses phrase mode for given names.  Neutral tones, which
do not occur in names (pypinyin gives 子轩 -> zi5), are replaced by the
character's first full-tone reading.

Syllables are handled internally in pypinyin's TONE3 form (``"shan4"``,
``"lv3"``; ``v`` stands for ``ü``).  Non-Han runs (``Anna``) are kept as one
lower-cased "syllable" without tone.  Separators (``·``, ``・``, spaces,
hyphens) split a name into words: 买买提·吐尔逊 is two words.

Japanese
--------
Japanese readings are entered by people, not derived (kanji readings of names
are not predictable), so this module only validates and normalises them:
hiragana, full-width, long-vowel mark ``ー`` kept, single spaces.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from seminar_reg.names._data import load_table, longest_match_segments

__all__ = [
    "is_kana",
    "normalize_kana",
    "pinyin_for_name",
    "pinyin_syllables",
    "pinyin_words",
    "split_chinese_name",
    "split_tone",
    "to_hiragana",
    "to_katakana",
]

_SURNAMES = "zh_surnames.tsv"
# Compound surnames too ambiguous to split off a bare full name automatically:
# 单于 Chányú is vanishingly rare, while 单 Shàn + a given name starting with 于 is not.
_NO_AUTO_SPLIT = frozenset({"单于", "單于"})

_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_WORD_SEPARATORS = re.compile(r"[\s·・•‧･.\-‐‑－]+")
_NAME_SEPARATORS = frozenset("·・•‧･")


# --------------------------------------------------------------------------- Chinese


def split_tone(syllable: str) -> tuple[str, int]:
    """Split a TONE3 syllable into ``(toneless, tone)``; tone 0 means "no tone known"."""
    if syllable and syllable[-1].isdigit():
        return syllable[:-1], int(syllable[-1])
    return syllable, 0


@lru_cache(maxsize=4096)
def _full_tone(char: str, syllable: str) -> str:
    """Replace a neutral-tone reading of *char* by its first full-tone reading."""
    if not syllable.endswith("5"):
        return syllable
    # pypinyin loads its phrase dictionary on import (~0.7 s): only when a name needs it.
    from pypinyin import Style, pinyin

    candidates = pinyin(char, style=Style.TONE3, heteronym=True, neutral_tone_with_five=True)
    for candidate in candidates[0] if candidates else []:
        if not candidate.endswith("5") and candidate[-1:].isdigit():
            return candidate
    return syllable


def _han_syllables(run: str, *, surname: bool) -> list[str]:
    if surname:
        out: list[str] = []
        for segment, known in longest_match_segments(run, load_table(_SURNAMES)):
            if known:
                out.extend(segment.split())
            else:  # unknown surname characters: read each on its own
                for char in segment:
                    out.extend(_han_syllables_plain(char))
        return out
    return _han_syllables_plain(run)


def _han_syllables_plain(run: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
    if len(syllables) != len(run):  # pypinyin should give one per Han character
        return syllables
    return [_full_tone(char, syl) for char, syl in zip(run, syllables, strict=True)]


def _other_syllable(chunk: str) -> str:
    decomposed = unicodedata.normalize("NFKD", chunk.casefold())
    return "".join(c for c in decomposed if c.isalnum())


@lru_cache(maxsize=16384)
def _pinyin_words_cached(text: str, surname: bool) -> tuple[tuple[str, ...], ...]:
    words: list[tuple[str, ...]] = []
    for chunk in _WORD_SEPARATORS.split(text):
        if not chunk:
            continue
        syllables: list[str] = []
        pos = 0
        for match in _HAN_RUN.finditer(chunk):
            other = _other_syllable(chunk[pos : match.start()])
            if other:
                syllables.append(other)
            syllables.extend(_han_syllables(match.group(), surname=surname))
            pos = match.end()
        other = _other_syllable(chunk[pos:])
        if other:
            syllables.append(other)
        if syllables:
            words.append(tuple(syllables))
    return tuple(words)


def pinyin_words(text: str, *, surname: bool = False) -> list[list[str]]:
    """Return TONE3 syllables grouped by word (买买提·吐尔逊 -> two words).

    ``surname=True`` applies the surname reading table to *text*.
    """
    return [list(word) for word in _pinyin_words_cached(text, surname)]


def pinyin_syllables(text: str, *, surname: bool = False) -> list[str]:
    """Return the TONE3 syllables of *text* in order (``"单" -> ["shan4"]`` as a surname)."""
    return [syl for word in _pinyin_words_cached(text, surname) for syl in word]


@lru_cache(maxsize=4096)
def _tone_marked(syllable: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone

    return to_tone(syllable) if syllable[-1:].isdigit() else syllable


def _join_syllables(syllables: tuple[str, ...], *, tone_marks: bool) -> str:
    out = ""
    for syllable in syllables:
        if tone_marks:
            rendered = _tone_marked(syllable)
            # Pinyin orthography: apostrophe before a/o/e starting a non-initial syllable.
            if out and rendered[:1] in "aoeāáǎàōóǒòēéěè":
                out += "'"
            out += rendered
        else:
            out += split_tone(syllable)[0]
    return out


def _render(text: str, *, surname: bool, tone_marks: bool) -> str:
    return " ".join(
        _join_syllables(word, tone_marks=tone_marks) for word in _pinyin_words_cached(text, surname)
    )


def pinyin_for_name(family: str, given: str, *, tone_marks: bool = False) -> tuple[str, str]:
    """Return lower-case pinyin for ``(family, given)``, syllables joined within a word.

    ``tone_marks=False`` gives the sortable/Latin form with ``v`` for ``ü``
    (``("shan", "wei")``, ``("lv", "xin")``); ``tone_marks=True`` gives display
    pinyin (``("shàn", "wěi")``, ``("ōuyáng", "nànà")``, ``("", "mǎimǎití tǔ'ěrxùn")``).
    """
    return (
        _render(family, surname=True, tone_marks=tone_marks),
        _render(given, surname=False, tone_marks=tone_marks),
    )


@lru_cache(maxsize=1)
def _compound_surnames() -> frozenset[str]:
    return frozenset(
        key for key in load_table(_SURNAMES) if len(key) == 2 and key not in _NO_AUTO_SPLIT
    )


def split_chinese_name(full: str) -> tuple[str, str]:
    """Split a full Chinese name into ``(family, given)`` when only the full name is known.

    * Names with a middle dot (买买提·吐尔逊, transliterated Uyghur/foreign names)
      have no family/given split: ``("", full)``.
    * A known compound surname is split off when at least one character remains
      (欧阳娜娜 -> 欧阳, 娜娜); 单于 is never auto-split (单 + 于… is likelier).
    * Otherwise the first character is the family name (单伟 -> 单, 伟).
    * Text that is not all Han characters is returned as ``("", full)``: the
      order of Latin names cannot be guessed.
    """
    full = full.strip()
    if not full or any(c in _NAME_SEPARATORS for c in full):
        return "", full
    if not _HAN_RUN.fullmatch(full):
        return "", full
    if len(full) >= 3 and full[:2] in _compound_surnames():
        return full[:2], full[2:]
    if len(full) == 1:
        return full, ""
    return full[0], full[1:]


# --------------------------------------------------------------------------- Japanese

_HALFWIDTH_KANA_RUN = re.compile(r"[\uff61-\uff9f]+")
_SPACING_VOICING = {"\u309b": "\u3099", "\u309c": "\u309a"}  # ゛゜ -> combining
_LONG_MARK_LOOKALIKES = str.maketrans(dict.fromkeys("－―‐—‑ｰ", "ー"))
_WHITESPACE_RUN = re.compile(r"\s+")
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F7)} | {0x30FD: 0x309D, 0x30FE: 0x309E}
_HIRA_TO_KATA = {cp: cp + 0x60 for cp in range(0x3041, 0x3097)} | {0x309D: 0x30FD, 0x309E: 0x30FE}


def to_hiragana(text: str) -> str:
    """Convert katakana to hiragana (ヷヸヹヺ, which have no hiragana form, are kept)."""
    return text.translate(_KATA_TO_HIRA)


def to_katakana(text: str) -> str:
    """Convert hiragana to katakana."""
    return text.translate(_HIRA_TO_KATA)


@lru_cache(maxsize=65536)
def normalize_kana(reading: str) -> str:
    """Normalise a kana reading to the stored form.

    Half-width katakana become full-width (ｶﾞ -> が), katakana become hiragana,
    stray spacing voicing marks are combined, look-alike dashes become the
    long-vowel mark ``ー`` (kept: it is part of the reading), whitespace runs
    (including U+3000) collapse to one ASCII space, and ``・`` is kept.
    Anything that is not kana is left in place for ``is_kana`` to reject.
    """
    text = _HALFWIDTH_KANA_RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), reading)
    text = "".join(_SPACING_VOICING.get(c, c) for c in text)
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_LONG_MARK_LOOKALIKES)
    text = _WHITESPACE_RUN.sub(" ", text).strip()
    return to_hiragana(text)


def _is_kana_char(char: str) -> bool:
    cp = ord(char)
    return (
        0x3041 <= cp <= 0x3096  # hiragana
        or cp in (0x309D, 0x309E)  # ゝゞ
        or 0x30A1 <= cp <= 0x30FA  # katakana
        or cp in (0x30FB, 0x30FC, 0x30FD, 0x30FE)  # ・ ー ヽ ヾ
        or char == " "
    )


def is_kana(reading: str) -> bool:
    """True if *reading* is a non-blank string of kana, ``ー``, ``・`` and spaces only."""
    return bool(reading.strip()) and all(_is_kana_char(c) for c in reading)
