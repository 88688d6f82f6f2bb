"""Name handling for the Japan–China seminar (pure Python, no Flask).

A Japanese name is stored in Japanese glyph forms with a kana reading and
sorts in gojūon order; a Chinese name in Chinese forms, sorted by pinyin with
surname readings right; each is shown to the other side in that side's
script.  ``derive_name_fields`` is the single entry point the app should use
to compute stored fields; the other functions are exported for forms,
imports and the search console.
"""

from seminar_reg.names.derive import (
    SIDES,
    DerivedName,
    EmptyNameError,
    InvalidReadingError,
    MissingReadingError,
    UnknownSideError,
    cross_script_for_side,
    derive_name_fields,
)
from seminar_reg.names.readings import (
    is_kana,
    normalize_kana,
    pinyin_for_name,
    pinyin_syllables,
    pinyin_words,
    split_chinese_name,
    to_hiragana,
    to_katakana,
)
from seminar_reg.names.romanize import hepburn, latin_name_chinese, latin_name_japanese
from seminar_reg.names.script import to_chinese_script, to_japanese_script
from seminar_reg.names.search import (
    fold_script,
    like_pattern,
    match_rank,
    normalize_query,
    search_terms,
    token_range,
)
from seminar_reg.names.sorting import (
    chinese_sort_key,
    chinese_sort_string,
    japanese_sort_key,
    japanese_sort_string,
)
from seminar_reg.names.text import (
    ControlCharacterError,
    clean_text,
    find_control_character,
    require_clean_text,
    without_control_characters,
)

__all__ = [
    "SIDES",
    "ControlCharacterError",
    "DerivedName",
    "EmptyNameError",
    "InvalidReadingError",
    "MissingReadingError",
    "UnknownSideError",
    "chinese_sort_key",
    "chinese_sort_string",
    "clean_text",
    "cross_script_for_side",
    "derive_name_fields",
    "find_control_character",
    "without_control_characters",
    "fold_script",
    "hepburn",
    "is_kana",
    "japanese_sort_key",
    "japanese_sort_string",
    "latin_name_chinese",
    "latin_name_japanese",
    "like_pattern",
    "match_rank",
    "normalize_kana",
    "normalize_query",
    "pinyin_for_name",
    "pinyin_syllables",
    "pinyin_words",
    "require_clean_text",
    "search_terms",
    "split_chinese_name",
    "to_chinese_script",
    "to_hiragana",
    "to_japanese_script",
    "to_katakana",
    "token_range",
]
