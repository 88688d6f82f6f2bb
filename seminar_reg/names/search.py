"""One searchable text blob per person, and the matching query normalisation.

Why: staff at the desk type whatever they have in front of them -- 單 from a
Hong Kong keyboard, 単 from a Japanese one, ナミキ from a phone, "Shan" from a
passport -- and must find the same person.

Contract with the console and the desk
---------------------------------------
* ``search_terms(...)`` returns ``search_blob``: lower-case tokens separated by
  single ASCII spaces.  No token contains whitespace.  Tokens are whole name parts:
  for the name, the cross-script name and their concatenations (family+given):

  - the text as typed, its canonical fold (simplified Chinese via
    ``to_chinese_script``), its traditional form and its Japanese form;
  - each word of a name written in words (买买提·吐尔逊: 买买提, 吐尔逊);
  - the kana reading in hiragana and katakana;
  - the pinyin reading without tones (ü as ``u`` and ``v``);
  - the Latin name lower-cased without spaces, also given+family.

* ``normalize_query(q)`` returns the term variants for a user query (casefold,
  full-width ASCII and half-width kana folded, whitespace and name dots
  removed, Latin diacritics stripped, script fold, hiragana and katakana).

The matching rule (one rule, for the database and for the desk's offline look-up
in the browser alike)::

    a person matches when, for ANY term, some token STARTS WITH the term;
    a person whose token EQUALS a term ranks before the others.

In plain string terms: ``(" " + blob).includes(" " + term)`` matches and
``(" " + blob + " ").includes(" " + term + " ")`` is exact (``match_rank`` is the
reference).  In SQL the tokens are rows of their own (``delegate_search_token``, kept
from ``search_text`` by the database: registration/models.py), so that "starts with" is
a range on an index, ``low <= token < high`` with ``token_range(term)``, the same in
code-point order on SQLite and PostgreSQL (its column collates "C"), and "equals" is
``token = term``.  LIKE over every delegate's text read them all at every look-up.

A term never matches inside a token, so a match never starts in the middle of a
name part: "ouyang" does not find 周洋 (zhouyang, zhou + yang), "yang" does (the
given name's own token), and 欧阳 is found by ouyang, 歐陽 and 欧陽 (all fold to
the same tokens).  Because no term contains a space, a match never spans two tokens.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from seminar_reg.names.readings import to_hiragana, to_katakana
from seminar_reg.names.script import to_chinese_script, to_japanese_script

if TYPE_CHECKING:  # imported when first used: start-up need not load it
    import opencc

__all__ = [
    "fold_script",
    "like_pattern",
    "match_rank",
    "normalize_query",
    "search_terms",
    "token_range",
]

_STRIP = re.compile(r"[\s·・•‧'’\-]+")
_WORD_BREAK = re.compile(r"[\s·・•‧\-]+")  # between the words of a name written in words
_HALFWIDTH_KANA_RUN = re.compile(r"[\uff61-\uff9f]+")
_HAS_IDEOGRAPH = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


@cache
def _s2t() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("s2t")


def _is_accented_latin(char: str) -> bool:
    cp = ord(char)
    return 0xC0 <= cp <= 0x24F or 0x1E00 <= cp <= 0x1EFF


_HAS_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")
_ACCENTED_LATIN = re.compile(r"[\u00c0-\u024f\u1e00-\u1eff]")
_WIDE_OR_HALF = re.compile(r"[\u3000\uff01-\uff5e\uff61-\uff9f]")


def _strip_latin_marks(text: str) -> str:
    if text.isascii() or not _ACCENTED_LATIN.search(text):
        return text
    out: list[str] = []
    for char in text:
        if _is_accented_latin(char):
            if char in "üÜǖǘǚǜ":
                out.append("u")
            else:
                decomposed = unicodedata.normalize("NFD", char)
                out.extend(c for c in decomposed if not unicodedata.combining(c))
        else:
            out.append(char)
    return "".join(out)


def _width_fold(text: str) -> str:
    if text.isascii() or not _WIDE_OR_HALF.search(text):
        return text
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text)
    text = text.replace("\u3000", " ")
    return _HALFWIDTH_KANA_RUN.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


@lru_cache(maxsize=65536)
def _token(text: str) -> str:
    return _STRIP.sub("", _strip_latin_marks(_width_fold(text)).casefold())


def fold_script(text: str) -> str:
    """Canonical script fold used on both sides: Japanese/traditional -> simplified."""
    return to_chinese_script(text) if _HAS_IDEOGRAPH.search(text) else text


@lru_cache(maxsize=65536)
def _script_variants(text: str) -> tuple[str, str, str, str]:
    """(as typed, simplified fold, traditional, Japanese) forms of *text*."""
    if not _HAS_IDEOGRAPH.search(text):
        return (text, text, text, text)
    return (text, fold_script(text), _s2t().convert(text), to_japanese_script(text))


_U_UMLAUT_TO_V = str.maketrans(dict.fromkeys("üǖǘǚǜ", "v"))


def _pinyin_variants(text: str) -> list[str]:
    """Toneless pinyin both with ``u`` (lǚ -> lu) and with ``v`` (lǚ -> lv)."""
    return [_strip_latin_marks(text.replace("v", "ü")), text.translate(_U_UMLAUT_TO_V)]


def _unique(tokens: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for token in tokens:
        if token:
            seen.setdefault(token, None)
    return list(seen)


def search_terms(
    *,
    family: str,
    given: str,
    reading_family: str = "",
    reading_given: str = "",
    latin_family: str = "",
    latin_given: str = "",
    cross_family: str = "",
    cross_given: str = "",
) -> str:
    """Build the ``search_blob`` described in the module docstring."""
    raw: list[str] = []
    family_forms, given_forms = _script_variants(family), _script_variants(given)
    raw.extend(family_forms)
    raw.extend(given_forms)
    raw.extend(f + g for f, g in zip(family_forms, given_forms, strict=True))
    raw.extend(_words(family_forms + given_forms))
    # The cross-script name is normally one of the forms above already; it is
    # added as-is in case a reviewed override made it differ.
    raw.extend((cross_family, cross_given, cross_family + cross_given))
    readings = (reading_family, reading_given, reading_family + reading_given)
    for text in (*readings, *_words(readings)):
        if _HAS_IDEOGRAPH.search(text):
            continue
        if _HAS_LATIN.search(text):
            raw.extend(_pinyin_variants(text))
        else:
            raw.extend((to_hiragana(text), to_katakana(text)))
    raw.extend((latin_family, latin_given, latin_family + latin_given, latin_given + latin_family))
    raw.extend(_words((latin_family, latin_given)))
    return " ".join(_unique(_token(text) for text in raw))


def _words(texts: Iterable[str]) -> list[str]:
    """The words of names written in words (买买提·吐尔逊), each its own token."""
    return [word for text in texts if _WORD_BREAK.search(text) for word in _WORD_BREAK.split(text)]


def normalize_query(q: str) -> list[str]:
    """Return the normalised term variants of a search query (empty list for a blank query)."""
    base = _token(q)
    if not base:
        return []
    return _unique([base, fold_script(base), to_hiragana(base), to_katakana(base)])


def _escape(term: str, escape: str = "\\") -> str:
    for char in (escape, "%", "_"):
        term = term.replace(char, escape + char)
    return term


_SURROGATES = range(0xD800, 0xE000)


def token_range(term: str) -> tuple[str, str | None]:
    """(low, high): the tokens that start with *term* are those with ``low <= token <
    high`` in code-point order (high None: no upper bound). High is *term* with its last
    character replaced by the next code point, so "tana" gives ("tana", "tanb")."""
    for cut in range(len(term) - 1, -1, -1):
        following = ord(term[cut]) + 1
        if following in _SURROGATES:
            following = _SURROGATES.stop  # not encodable, and no token holds one
        if following <= 0x10FFFF:
            return term, term[:cut] + chr(following)
    return term, None


def match_rank(blob: str, query: str) -> int | None:
    """The matching rule in Python: 0 exact, 1 a token starts with a term, None no match."""
    padded = f" {blob} "
    terms = normalize_query(query)
    if any(f" {term} " in padded for term in terms):
        return 0
    if any(f" {term}" in padded for term in terms):
        return 1
    return None


def like_pattern(term: str, escape: str = "\\") -> str:
    """Return ``%term%`` with LIKE wildcards in *term* escaped (use with ``ESCAPE '\\'``)."""
    return f"%{_escape(term, escape)}%"
