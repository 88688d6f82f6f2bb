import random

import pytest

from seminar_reg.names import (
    chinese_sort_key,
    chinese_sort_string,
    japanese_sort_key,
    japanese_sort_string,
    pinyin_syllables,
)

# Expected gojūon order (JIS X 4061 style): seion first, then voicing, then small/long.
# Note ざいつ < さいとう (さいつ < さいとう at the first level) and
# ぱく < はせがわ < ばば (はく < はせかわ < はは).
GOJUON_ORDER = [
    "あべ", "あんどう", "いとう", "うえだ", "おおた", "おおの",
    "かとう", "かどう", "がとう", "こうの", "ごとう",
    "ざいつ", "さいとう",
    "ぱく", "はせがわ", "ばば", "ひらの", "ほんま",
    "まつもと", "ゆうき", "よしだ", "わたなべ",
]  # fmt: skip


def _shuffled(items, seed=7):
    items = list(items)
    random.Random(seed).shuffle(items)
    return items


def test_japanese_gojuon_order_with_tuple_key():
    assert sorted(_shuffled(GOJUON_ORDER), key=lambda r: japanese_sort_key(r, "")) == GOJUON_ORDER


def test_japanese_gojuon_order_with_string_key():
    ordered = sorted(_shuffled(GOJUON_ORDER), key=lambda r: japanese_sort_string(r, ""))
    assert ordered == GOJUON_ORDER


def test_voicing_breaks_ties_left_to_right():
    assert japanese_sort_key("かとう", "") < japanese_sort_key("かどう", "")
    assert japanese_sort_key("かどう", "") < japanese_sort_key("がとう", "")
    assert (
        japanese_sort_key("はく", "")
        < japanese_sort_key("ばく", "")
        < japanese_sort_key("ぱく", "")
    )


def test_long_vowel_mark_has_equal_primary_and_sorts_after_vowel():
    long_mark = japanese_sort_key("すーざん", "")
    vowel = japanese_sort_key("すうざん", "")
    assert long_mark[0] == vowel[0]  # same seion string
    assert vowel < long_mark
    assert japanese_sort_key("すうざん", "") < japanese_sort_key("すえ", "")


def test_small_kana_sort_before_normal_and_katakana_equals_hiragana():
    assert japanese_sort_key("きよう", "")[0] == japanese_sort_key("きょう", "")[0]
    assert japanese_sort_key("きょう", "") < japanese_sort_key("きよう", "")
    assert japanese_sort_key("ナミキ", "ココロ") == japanese_sort_key("なみき", "こころ")


def test_family_name_sorts_first_then_given():
    names = [("かとう", "ひろし"), ("かとう", "あきら"), ("がとう", "あきら"), ("あべ", "ゆい")]
    ordered = sorted(names, key=lambda n: japanese_sort_string(*n))
    assert ordered == [
        ("あべ", "ゆい"),
        ("かとう", "あきら"),
        ("かとう", "ひろし"),
        ("がとう", "あきら"),
    ]


def test_japanese_string_key_is_fixed_width_digits():
    key = japanese_sort_string("わたなべ", "しょうへい")
    assert len(key) == len(japanese_sort_string("あ", "")) == 128
    assert key.isdigit()


def _chinese(family, given):
    return (pinyin_syllables(family, surname=True), pinyin_syllables(given), family, given)


CHINESE_ORDER = [
    ("陈", "伟"), ("邓", "伟"), ("丁", "伟"), ("欧阳", "娜娜"), ("单", "伟"), ("沈", "伟"),
    ("司马", "光"), ("孙", "伟"), ("王", "伟"), ("解", "伟"), ("曾", "伟"), ("张", "伟"),
]  # fmt: skip


@pytest.mark.parametrize("as_string", [False, True])
def test_chinese_order_uses_surname_readings(as_string):
    key = chinese_sort_string if as_string else chinese_sort_key
    ordered = sorted(_shuffled(CHINESE_ORDER), key=lambda n: key(*_chinese(*n)))
    assert ordered == CHINESE_ORDER


def test_chinese_syllable_by_syllable_and_tones():
    assert chinese_sort_key(["si1", "ma3"], [], "司马", "") < chinese_sort_key(
        ["sun1"], [], "孙", ""
    )
    assert chinese_sort_string(["xi1", "an1"], [], "西安", "") < chinese_sort_string(
        ["xian1"], [], "先", ""
    )
    # same toneless syllable: tone decides (汤 tang1 < 唐 tang2)
    assert chinese_sort_string(*_chinese("汤", "伟")) < chinese_sort_string(*_chinese("唐", "伟"))
    # ü is v, so 吕 lv sorts after 陆 lu and 罗 luo
    names = [("吕", "伟"), ("陆", "伟"), ("罗", "伟")]
    ordered = sorted(names, key=lambda n: chinese_sort_string(*_chinese(*n)))
    assert ordered == [("陆", "伟"), ("罗", "伟"), ("吕", "伟")]


def test_chinese_surname_before_given_and_character_tiebreak():
    assert chinese_sort_string(*_chinese("王", "子")) < chinese_sort_string(*_chinese("魏", "阿"))
    # homophones with the same tone are ordered deterministically by code point
    a = chinese_sort_string(*_chinese("张", "伟"))
    b = chinese_sort_string(*_chinese("章", "伟"))
    assert a != b
    assert (a < b) == (ord("张") < ord("章"))


def test_name_without_family_sorts_by_given_name():
    maimaiti = chinese_sort_string(*_chinese("", "买买提·吐尔逊"))
    assert (
        chinese_sort_string(*_chinese("马", "伟"))
        < maimaiti
        < chinese_sort_string(*_chinese("毛", "伟"))
    )


def test_chinese_string_key_shape_and_determinism():
    key = chinese_sort_string(*_chinese("欧阳", "娜娜"))
    assert key == chinese_sort_string(*_chinese("欧阳", "娜娜"))
    assert len(key) == len(chinese_sort_string(*_chinese("王", ""))) == 312
    assert set(key) <= set("0123456789abcdefghijklmnopqrstuvwxyz")
