import pytest

from seminar_reg.names import (
    derive_name_fields,
    like_pattern,
    match_rank,
    normalize_query,
    search_terms,
    token_range,
)


def _matches(blob, query):
    return match_rank(blob, query) is not None


def test_ouyang_does_not_find_zhou_yang_across_the_syllable_boundary():
    zhou_yang = derive_name_fields("china", "周", "洋").search_blob
    assert not _matches(zhou_yang, "ouyang")
    assert match_rank(zhou_yang, "yang") == 0 and match_rank(zhou_yang, "zhou yang") == 0


@pytest.mark.parametrize("query", ["ouyang", "歐陽", "欧陽", "欧阳", "OuYang", "ōuyáng"])
def test_ouyang_is_found_in_every_script(query):
    ouyang = derive_name_fields("china", "欧阳", "娜娜").search_blob
    assert match_rank(ouyang, query) == 0


def test_exact_token_ranks_before_a_token_that_only_starts_with_the_query():
    assert match_rank(derive_name_fields("china", "华", "明").search_blob, "hua") == 0
    assert match_rank(derive_name_fields("china", "陈", "华强").search_blob, "hua") == 1
    assert match_rank(derive_name_fields("china", "陈", "华强").search_blob, "ua") is None


def test_blob_is_lowercase_space_separated_tokens():
    blob = derive_name_fields("china", "单", "伟").search_blob
    assert blob == blob.lower()
    assert "  " not in blob
    assert all(token for token in blob.split(" "))


def test_chinese_name_found_in_every_script_and_latin():
    blob = derive_name_fields("china", "单", "伟").search_blob
    for query in ["单", "單", "単", "单伟", "單偉", "単偉", "shan", "SHAN Wei", "Shàn", "ｓｈａｎ"]:
        assert _matches(blob, query), query
    assert not _matches(blob, "dan")


def test_japanese_name_found_by_kana_latin_and_chinese_forms():
    blob = derive_name_fields("japan", "並木", "心", "なみき", "こころ").search_blob
    for query in [
        "並木",
        "并木",
        "namiki",
        "Namiki Kokoro",
        "なみき",
        "ナミキ",
        "ﾅﾐｷ",
        "なみきこころ",
    ]:
        assert _matches(blob, query), query
    assert not _matches(blob, "なみこ")


def test_variant_glyphs_find_each_other():
    blob = derive_name_fields("japan", "髙橋", "一郎", "たかはし", "いちろう").search_blob
    assert _matches(blob, "高橋")
    assert _matches(blob, "高桥")
    assert _matches(blob, "髙橋")
    assert _matches(blob, "takahashi")


def test_pinyin_with_umlaut_found_as_u_v_and_yu():
    blob = derive_name_fields("china", "吕", "欣").search_blob
    for query in ["lv", "lu", "lyu", "Lǚ", "lü"]:
        assert _matches(blob, query), query


def test_transliterated_name_found_by_part():
    blob = derive_name_fields("china", "", "买买提·吐尔逊").search_blob
    assert _matches(blob, "吐尔逊")
    assert _matches(blob, "買買提")
    assert _matches(blob, "tuerxun")
    assert _matches(blob, "Maimaiti Tuerxun")


def test_search_terms_direct_call():
    blob = search_terms(
        family="单",
        given="伟",
        reading_family="shàn",
        reading_given="wěi",
        latin_family="Shan",
        latin_given="Wei",
        cross_family="単",
        cross_given="偉",
    )
    assert set(blob.split()) >= {"单", "單", "単", "单伟", "shan", "shanwei", "weishan"}


def test_normalize_query():
    assert normalize_query("  ") == []
    assert normalize_query("ナミキ") == ["ナミキ", "なみき"]
    assert normalize_query("單") == ["單", "单"]
    assert normalize_query("Ōta") == ["ota"]
    assert normalize_query("Namiki Kokoro") == ["namikikokoro"]


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_token_range_holds_exactly_the_tokens_that_start_with_the_term():
    assert token_range("tana") == ("tana", "tanb")
    assert token_range("a\U0010ffff") == ("a\U0010ffff", "b")
    assert token_range("\U0010ffff") == ("\U0010ffff", None)
    assert token_range("\ud7ff") == ("\ud7ff", "\ue000")  # past the surrogates
    tokens = ["tan", "tana", "tanaka", "tanb", "tan\U0010ffff", "田中", "田中太郎", "田丮", "だ"]
    for term in ("tana", "tan", "田中", "た", "t"):
        low, high = token_range(term)
        # Compared as the databases compare them: UTF-8 bytes, i.e. code points.
        inside = [t for t in tokens if low <= t and (high is None or t < high)]
        assert inside == [t for t in tokens if t.startswith(term)], term
