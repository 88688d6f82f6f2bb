import dataclasses

import pytest

from seminar_reg.names import (
    ControlCharacterError,
    DerivedName,
    EmptyNameError,
    InvalidReadingError,
    MissingReadingError,
    UnknownSideError,
    derive_name_fields,
)


def test_japanese_name_derivation():
    name = derive_name_fields("japan", " 並木 ", "心", "ナミキ", "ｺｺﾛ")
    assert name.family == "並木"
    assert name.family_reading == "なみき"
    assert name.given_reading == "こころ"
    assert (name.family_latin, name.given_latin) == ("Namiki", "Kokoro")
    assert (name.cross_family, name.cross_given) == ("并木", "心")
    assert name.sort_key.startswith("j")


def test_japanese_variant_glyphs_are_preserved_but_crossed():
    name = derive_name_fields("japan", "山\ufa11", "𠮷子", "やまさき", "よしこ")
    assert name.family == "山\ufa11"
    assert name.given == "𠮷子"
    assert (name.cross_family, name.cross_given) == ("山崎", "吉子")


def test_japanese_reading_required():
    with pytest.raises(MissingReadingError) as info:
        derive_name_fields("japan", "並木", "心", "", "こころ")
    assert info.value.field == "family_reading"
    with pytest.raises(MissingReadingError):
        derive_name_fields("japan", "並木", "心", "なみき", " ")


def test_japanese_kana_name_is_its_own_reading():
    name = derive_name_fields("japan", "並木", "さくら", "なみき")
    assert name.given_reading == "さくら"
    assert name.given_latin == "Sakura"


def test_japanese_reading_must_be_kana():
    with pytest.raises(InvalidReadingError):
        derive_name_fields("japan", "並木", "心", "namiki", "こころ")


def test_typed_latin_name_wins():
    name = derive_name_fields("japan", "大野", "翔", "おおの", "しょう", family_latin="Ohno")
    assert (name.family_latin, name.given_latin) == ("Ohno", "Sho")


def test_chinese_name_derivation():
    name = derive_name_fields("china", "单", "伟")
    assert (name.family_reading, name.given_reading) == ("shàn", "wěi")
    assert (name.family_latin, name.given_latin) == ("Shan", "Wei")
    assert (name.cross_family, name.cross_given) == ("単", "偉")
    assert name.sort_key.startswith("cshan")


def test_chinese_surname_cross_script_uses_surname_mode():
    assert derive_name_fields("china", "沈", "阳明").cross_family == "沈"
    assert derive_name_fields("china", "范", "冰冰").cross_family == "范"
    assert derive_name_fields("china", "欧阳", "娜娜").cross_family == "欧陽"


def test_chinese_transliterated_name():
    name = derive_name_fields("china", "", "买买提·吐尔逊")
    assert name.family_latin == ""
    assert name.given_latin == "Maimaiti Tuerxun"
    assert name.cross_given == "買買提·吐爾遜"


def test_chinese_typed_reading_overrides_derived():
    name = derive_name_fields("china", "盖", "伟", family_reading="Gài")
    assert name.family_reading == "Gài"
    assert name.family_latin == "Gai"
    default = derive_name_fields("china", "盖", "伟")
    assert default.family_latin == "Ge"
    assert name.sort_key[:4] == "cgai"


def test_chinese_typed_reading_that_agrees_keeps_tones():
    typed = derive_name_fields("china", "单", "伟", family_reading="Shàn", given_reading="Wěi")
    assert typed.sort_key == derive_name_fields("china", "单", "伟").sort_key


def test_sort_keys_order_like_rolls():
    rows = [
        derive_name_fields("china", "张", "伟"),
        derive_name_fields("china", "单", "伟"),
        derive_name_fields("china", "欧阳", "娜娜"),
    ]
    assert [r.family for r in sorted(rows, key=lambda r: r.sort_key)] == ["欧阳", "单", "张"]


def test_errors_are_value_errors():
    with pytest.raises(UnknownSideError):
        derive_name_fields("korea", "金", "")
    with pytest.raises(EmptyNameError):
        derive_name_fields("china", " ", "")
    with pytest.raises(ControlCharacterError):
        derive_name_fields("china", "单\u202e", "伟")
    for error in (UnknownSideError, EmptyNameError, MissingReadingError, InvalidReadingError):
        assert issubclass(error, ValueError)


def test_derived_name_is_frozen():
    name = derive_name_fields("china", "单", "伟")
    assert isinstance(name, DerivedName)
    with pytest.raises(dataclasses.FrozenInstanceError):
        name.family = "王"  # type: ignore[misc]


def test_converters_are_built_once_and_reused():
    """Speed is measured by benchmarks; here we check the cause of slowness cannot creep in."""
    from seminar_reg.names import script

    derive_name_fields("china", "单", "伟")
    before = script._converter.cache_info().misses
    for given in ("芳", "娜娜", "晓明", "建国"):
        derive_name_fields("china", "欧阳", given)
        derive_name_fields("japan", "並木", given, "なみき", "こころ")
    assert script._converter.cache_info().misses == before
