from seminar_reg.names import derive_name_fields, like_pattern, normalize_query, search_terms


def _matches(blob, query):
    return any(term in blob for term in normalize_query(query))


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
