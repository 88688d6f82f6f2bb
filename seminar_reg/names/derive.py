"""Derive every stored name field from what a registrant typed.

Why one function: the web form, the spreadsheet import and the admin console
must all store exactly the same derived values (reading, Latin name,
cross-script name, sort key, search blob), or lists and search disagree.

Sides
-----
``"japan"``: the kana reading is required for every non-empty name part
(kanji readings of names cannot be guessed; a part written in kana is its own
reading).  Latin name defaults to passport Hepburn; cross-script is simplified
Chinese; sort key is gojūon.

``"china"``: the pinyin reading is derived when blank (display form with tone
marks, e.g. ``shàn``/``wěi``).  A typed reading wins for display and for the
default Latin name, and for sorting when it disagrees with the derived one
(someone whose 盖 is Gài, not Gě).  Cross-script is Japanese shinjitai, with
the family name converted in surname mode.  Sort key is pinyin.

``sort_key`` is ``"j"`` or ``"c"`` followed by the fixed-width string from
``sorting``; only ``[0-9a-z]`` occurs, so any collation orders it like bytes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from seminar_reg.names.readings import (
    is_kana,
    normalize_kana,
    pinyin_for_name,
    pinyin_syllables,
    split_tone,
)
from seminar_reg.names.romanize import hepburn, latin_name_chinese
from seminar_reg.names.script import to_chinese_script, to_japanese_script
from seminar_reg.names.search import search_terms
from seminar_reg.names.sorting import chinese_sort_string, japanese_sort_string
from seminar_reg.names.text import require_clean_text
from seminar_reg.vocabulary import SIDES

__all__ = [
    "SIDES",
    "DerivedName",
    "EmptyNameError",
    "InvalidReadingError",
    "MissingReadingError",
    "UnknownSideError",
    "cross_script_for_side",
    "derive_name_fields",
]


class UnknownSideError(ValueError):
    """The side is neither ``"japan"`` nor ``"china"``."""


class EmptyNameError(ValueError):
    """Both the family and the given name are blank."""


class MissingReadingError(ValueError):
    """A Japanese name part has no kana reading."""

    def __init__(self, field: str) -> None:
        self.field = field
        super().__init__(f"{field} is required for Japanese names")


class InvalidReadingError(ValueError):
    """A Japanese reading contains something other than kana."""

    def __init__(self, field: str, value: str) -> None:
        self.field = field
        super().__init__(f"{field} must be written in kana: {value!r}")


@dataclass(frozen=True, slots=True)
class DerivedName:
    """All stored name fields of one person."""

    side: str
    family: str
    given: str
    family_reading: str
    given_reading: str
    family_latin: str
    given_latin: str
    cross_family: str
    cross_given: str
    sort_key: str
    search_blob: str


def cross_script_for_side(side: str, text: str) -> str:
    """Render *text* (e.g. an organisation name) for the other delegation."""
    if side == "japan":
        return to_chinese_script(text)
    if side == "china":
        return to_japanese_script(text)
    raise UnknownSideError(side)


def _japanese_reading(name: str, reading: str, field: str) -> str:
    reading = normalize_kana(reading)
    if not name:
        return reading
    if not reading:
        if is_kana(normalize_kana(name)):
            return normalize_kana(name)
        raise MissingReadingError(field)
    if not is_kana(reading):
        raise InvalidReadingError(field, reading)
    return reading


_READING_WORDS = re.compile(r"[\s·・'’\-]+")


def _plain_pinyin(reading: str) -> list[str]:
    """Toneless words of a typed pinyin reading, ü as ``v`` (``"Lǚ Xīn"`` -> lv, xin)."""
    words: list[str] = []
    for word in _READING_WORDS.split(reading.casefold()):
        letters = ""
        for char in unicodedata.normalize("NFD", word):
            if char == "\u0308":  # diaeresis: u + ¨ is ü
                letters = letters[:-1] + "v" if letters.endswith("u") else letters
            elif not unicodedata.combining(char):
                letters += char
        if letters:
            words.append(letters)
    return words


def _latin_from_reading(reading: str) -> str:
    words: list[str] = []
    for word in reading.split():
        plain = "".join(_plain_pinyin(word))
        plain = re.sub(r"(?<=[ln])v", "yu", plain).replace("v", "u")
        words.append(plain[:1].upper() + plain[1:])
    return " ".join(words)


def _sort_syllables(derived: list[str], typed_reading: str) -> list[str]:
    """Use the derived TONE3 syllables unless a typed reading says otherwise."""
    if not typed_reading:
        return derived
    typed = _plain_pinyin(typed_reading)
    if "".join(typed) == "".join(split_tone(s)[0] for s in derived):
        return derived
    return typed


def _derived(
    side: str,
    name: tuple[str, str],
    reading: tuple[str, str],
    latin: tuple[str, str],
    cross: tuple[str, str],
    sort_key: str,
) -> DerivedName:
    """The stored fields of one person; the search text is built the same way for both sides."""
    return DerivedName(
        side=side,
        family=name[0],
        given=name[1],
        family_reading=reading[0],
        given_reading=reading[1],
        family_latin=latin[0],
        given_latin=latin[1],
        cross_family=cross[0],
        cross_given=cross[1],
        sort_key=sort_key,
        search_blob=search_terms(
            family=name[0],
            given=name[1],
            reading_family=reading[0],
            reading_given=reading[1],
            latin_family=latin[0],
            latin_given=latin[1],
            cross_family=cross[0],
            cross_given=cross[1],
        ),
    )


def _derive_japanese(
    family: str, given: str, readings: tuple[str, str], latins: tuple[str, str]
) -> DerivedName:
    family_reading = _japanese_reading(family, readings[0], "family_reading")
    given_reading = _japanese_reading(given, readings[1], "given_reading")
    family_latin = latins[0] or hepburn(family_reading)
    given_latin = latins[1] or hepburn(given_reading)
    cross_family, cross_given = to_chinese_script(family), to_chinese_script(given)
    return _derived(
        "japan",
        (family, given),
        (family_reading, given_reading),
        (family_latin, given_latin),
        (cross_family, cross_given),
        sort_key="j" + japanese_sort_string(family_reading, given_reading),
    )


def _derive_chinese(
    family: str, given: str, readings: tuple[str, str], latins: tuple[str, str]
) -> DerivedName:
    derived_family_reading, derived_given_reading = pinyin_for_name(family, given, tone_marks=True)
    family_reading = readings[0] or derived_family_reading
    given_reading = readings[1] or derived_given_reading
    derived_family_latin, derived_given_latin = latin_name_chinese(family, given)
    family_latin = latins[0] or (
        _latin_from_reading(readings[0]) if readings[0] else derived_family_latin
    )
    given_latin = latins[1] or (
        _latin_from_reading(readings[1]) if readings[1] else derived_given_latin
    )
    family_syllables = _sort_syllables(pinyin_syllables(family, surname=True), readings[0])
    given_syllables = _sort_syllables(pinyin_syllables(given), readings[1])
    cross_family = to_japanese_script(family, surname=True)
    cross_given = to_japanese_script(given)
    return _derived(
        "china",
        (family, given),
        (family_reading, given_reading),
        (family_latin, given_latin),
        (cross_family, cross_given),
        sort_key="c" + chinese_sort_string(family_syllables, given_syllables, family, given),
    )


def derive_name_fields(
    side: str,
    family: str,
    given: str,
    family_reading: str = "",
    given_reading: str = "",
    family_latin: str = "",
    given_latin: str = "",
) -> DerivedName:
    """Clean the typed name fields and derive all stored values for *side*.

    Raises ``UnknownSideError``, ``EmptyNameError``, ``ControlCharacterError``,
    ``MissingReadingError`` or ``InvalidReadingError`` (all ``ValueError``).
    """
    if side not in SIDES:
        raise UnknownSideError(side)
    family, given, family_reading, given_reading, family_latin, given_latin = (
        require_clean_text(value)
        for value in (family, given, family_reading, given_reading, family_latin, given_latin)
    )
    if not family and not given:
        raise EmptyNameError("family and given name are both blank")
    readings, latins = (family_reading, given_reading), (family_latin, given_latin)
    if side == "japan":
        return _derive_japanese(family, given, readings, latins)
    return _derive_chinese(family, given, readings, latins)
