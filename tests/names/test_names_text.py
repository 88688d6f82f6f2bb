from unicodedata import normalize

import pytest

from seminar_reg.names import (
    ControlCharacterError,
    clean_text,
    find_control_character,
    require_clean_text,
)
from seminar_reg.names.text import is_compatibility_ideograph


@pytest.mark.parametrize(
    "char",
    [
        "髙",  # U+9AD9
        "\ufa11",  # 﨑, unified ideograph inside the compatibility block
        "\U00020bb7",  # 𠮷
        "㛃",  # U+36C3, Extension A
        "\ufa10",  # 塚 compatibility ideograph: NFC would turn it into U+585A
        "\ufa19",  # 神 compatibility ideograph: NFC would turn it into U+795E
        "\U0002f800",  # supplement compatibility ideograph
    ],
)
def test_clean_text_keeps_ideographs_byte_for_byte(char):
    value = f" 山{char}子 "
    cleaned = clean_text(value)
    assert cleaned == f"山{char}子"
    assert cleaned.encode("utf-8") == f"山{char}子".encode()


def test_clean_text_applies_nfc_to_other_text():
    assert clean_text("Jose\u0301") == "José"
    assert clean_text("か\u3099とう") == "がとう"
    assert clean_text("\u3000並木\u3000") == "並木"  # ideographic space stripped


def test_clean_text_does_not_fold_width_or_case():
    assert clean_text("ＡＢＣ ｶﾅ") == "ＡＢＣ ｶﾅ"
    assert clean_text("Namiki") == "Namiki"


@pytest.mark.parametrize(
    "value, bad",
    [
        ("a\x00b", "\x00"),
        ("a\tb", "\t"),
        ("a\nb", "\n"),
        ("a\x85b", "\x85"),  # C1 NEL
        ("a\x7fb", "\x7f"),
        ("abc\u202e", "\u202e"),  # RLO
        ("\u2066abc", "\u2066"),  # LRI
        ("a\u200bb", "\u200b"),  # zero-width space
        ("\ufeffabc", "\ufeff"),
        ("a\u2028b", "\u2028"),
        ("a\ud800b", "\ud800"),  # lone surrogate
        ("a\ufffeb", "\ufffe"),
    ],
)
def test_find_control_character_rejects(value, bad):
    assert find_control_character(value) == bad


@pytest.mark.parametrize(
    "value",
    ["並木 心", "山﨑", "葛\U000e0100城", "👩\u200d💻", "José", "买买提·吐尔逊", "\ue000"],
)
def test_find_control_character_accepts(value):
    assert find_control_character(value) is None


def test_multiline_allows_line_breaks_only():
    assert find_control_character("a\nb\r\n\tc", multiline=True) is None
    assert find_control_character("a\nb\x00", multiline=True) == "\x00"


def test_require_clean_text_raises_value_error():
    assert require_clean_text("  並木 ") == "並木"
    with pytest.raises(ControlCharacterError) as info:
        require_clean_text("並\u202e木")
    assert isinstance(info.value, ValueError)
    assert "U+202E" in str(info.value)


# Every code point, as a test of the short cuts (text already NFC, text all printable):
# they must answer as the character-by-character rules do.
EVERY_CHARACTER = [chr(code) for code in range(0x110000)]


def test_clean_text_of_every_character_follows_the_rule():
    # Kept as typed if a compatibility ideograph NFC would change, else NFC and trimmed.
    for char in EVERY_CHARACTER:
        expected = char if is_compatibility_ideograph(char) else normalize("NFC", char).strip()
        assert clean_text(char) == expected, f"U+{ord(char):04X}"


def test_every_character_is_refused_or_not_as_its_walk_decides():
    # ZWNJ before it (allowed, but not printable) sends the check through its walk.
    for multiline in (False, True):
        for char in EVERY_CHARACTER:
            walked = find_control_character("\u200c" + char, multiline=multiline)
            assert find_control_character(char, multiline=multiline) == walked, f"U+{ord(char):04X}"
