import pytest

from seminar_reg.names import (
    is_kana,
    normalize_kana,
    pinyin_for_name,
    pinyin_syllables,
    split_chinese_name,
    to_katakana,
)


@pytest.mark.parametrize(
    "surname, reading",
    [
        ("单", "shan"), ("單", "shan"), ("単", "shan"),
        ("曾", "zeng"), ("解", "xie"), ("仇", "qiu"), ("区", "ou"), ("區", "ou"),
        ("查", "zha"), ("朴", "piao"), ("乐", "yue"), ("尉迟", "yuchi"), ("尉", "wei"),
        ("欧阳", "ouyang"), ("歐陽", "ouyang"), ("司马", "sima"), ("诸葛", "zhuge"),
        ("上官", "shangguan"), ("司徒", "situ"), ("东方", "dongfang"), ("令狐", "linghu"),
        ("皇甫", "huangfu"), ("长孙", "zhangsun"), ("長孫", "zhangsun"), ("澹台", "tantai"),
        ("万俟", "moqi"), ("单于", "chanyu"), ("公孙", "gongsun"), ("秘", "bi"), ("盖", "ge"),
        ("缪", "miao"), ("覃", "qin"), ("召", "shao"), ("种", "chong"), ("繁", "po"),
        ("员", "yun"), ("翟", "zhai"), ("黑", "he"), ("折", "she"), ("华", "hua"),
        ("任", "ren"), ("那", "na"), ("纪", "ji"), ("燕", "yan"), ("葛", "ge"),
        ("宁", "ning"), ("薄", "bo"), ("能", "nai"), ("万", "wan"), ("沈", "shen"),
        ("吕", "lv"), ("王", "wang"),
    ],
)  # fmt: skip
def test_surname_readings(surname, reading):
    assert pinyin_for_name(surname, "")[0] == reading


def test_surname_tones_come_from_the_table():
    assert pinyin_syllables("单", surname=True) == ["shan4"]
    assert pinyin_syllables("曾", surname=True) == ["zeng1"]
    assert pinyin_syllables("诸葛", surname=True) == ["zhu1", "ge3"]
    # the same characters in a given name use ordinary readings
    assert pinyin_syllables("单") == ["dan1"]
    assert pinyin_syllables("曾") != ["zeng1"]


def test_given_names_use_pypinyin_and_no_neutral_tone():
    assert pinyin_for_name("单", "伟") == ("shan", "wei")
    assert pinyin_for_name("曾", "子轩", tone_marks=True) == ("zēng", "zǐxuān")
    assert pinyin_for_name("欧阳", "娜娜", tone_marks=True) == ("ōuyáng", "nànà")
    assert pinyin_for_name("王", "晓明") == ("wang", "xiaoming")


def test_unknown_multi_character_family_is_read_per_character():
    assert pinyin_for_name("陈李", "")[0] == "chenli"
    assert pinyin_for_name("单张", "")[0] == "shanzhang"


def test_tone_marked_pinyin_uses_apostrophe_before_vowel_syllables():
    assert pinyin_for_name("李", "嘉恩", tone_marks=True) == ("lǐ", "jiā'ēn")
    assert pinyin_for_name("吕", "欣", tone_marks=True) == ("lǚ", "xīn")


def test_transliterated_name_keeps_words():
    assert pinyin_for_name("", "买买提·吐尔逊") == ("", "maimaiti tuerxun")


@pytest.mark.parametrize(
    "full, expected",
    [
        ("欧阳娜娜", ("欧阳", "娜娜")),
        ("司马光", ("司马", "光")),
        ("诸葛亮", ("诸葛", "亮")),
        ("上官婉儿", ("上官", "婉儿")),
        ("單偉", ("單", "偉")),
        ("单伟", ("单", "伟")),
        ("单于明", ("单", "于明")),  # 单于 is never split off automatically
        ("王", ("王", "")),
        ("欧阳", ("欧", "阳")),  # a two-character name cannot have a compound surname
        ("买买提·吐尔逊", ("", "买买提·吐尔逊")),
        ("Anna Li", ("", "Anna Li")),
        ("", ("", "")),
    ],
)
def test_split_chinese_name(full, expected):
    assert split_chinese_name(full) == expected


@pytest.mark.parametrize(
    "raw, normalized",
    [
        ("ナミキ", "なみき"),
        ("ﾅﾐｷ", "なみき"),
        ("ｶﾞﾄｳ", "がとう"),
        ("か゛とう", "がとう"),
        ("すーざん", "すーざん"),
        ("スーザン", "すーざん"),
        ("ｽｰｻﾞﾝ", "すーざん"),
        ("スズキ　イチロー", "すずき いちろー"),
        ("  なみき   こころ ", "なみき こころ"),
        ("ジョン・スミス", "じょん・すみす"),
        ("ヴァイオリン", "ゔぁいおりん"),
        ("イチロ－", "いちろー"),  # full-width hyphen-minus typed as long mark
    ],
)
def test_normalize_kana(raw, normalized):
    assert normalize_kana(raw) == normalized


@pytest.mark.parametrize(
    "value, ok",
    [
        ("なみき", True),
        ("ナミキ", True),
        ("じょん・すみす", True),
        ("すーざん", True),
        ("なみき こころ", True),
        ("並木", False),
        ("namiki", False),
        ("なみき1", False),
        ("", False),
        ("   ", False),
    ],
)
def test_is_kana(value, ok):
    assert is_kana(value) is ok


def test_to_katakana_round_trip():
    assert to_katakana("なみき ゝ") == "ナミキ ヽ"
    assert normalize_kana(to_katakana("しょうへい")) == "しょうへい"
