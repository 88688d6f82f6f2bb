"""The space between family and given name follows the person's side and the script the
name is written in, never the reader's side (names.display)."""

from seminar_reg.names.display import cross_display_name, display_name


def test_a_japanese_name_is_spaced_in_japanese_and_joined_in_chinese_forms():
    assert display_name("japan", "並木", "心") == "並木 心"
    assert cross_display_name("并木", "心") == "并木心"


def test_a_chinese_name_is_joined_in_chinese_and_in_japanese_forms():
    assert display_name("china", "单", "伟") == "单伟"
    assert cross_display_name("単", "偉") == "単偉"  # as the seed report: 寥力強


def test_a_name_without_family_is_its_given_name_in_either_script():
    assert display_name("china", "", "买买提·吐尔逊") == "买买提·吐尔逊"
    assert cross_display_name("", "買買提·吐爾遜") == "買買提·吐爾遜"
