"""Badge words come from the catalogs, in Japanese and Chinese, and every font can draw them."""

import datetime as dt

import pytest

from seminar_reg.badges.operations import badge_data
from seminar_reg.badges.texts import badge_texts, date_range
from seminar_reg.documents.fonts import font_chain, missing_characters

from .helpers import add_chinese, add_japanese


def test_labels_are_the_catalogs_japanese_and_chinese(app, seminar):
    texts = badge_texts(seminar)
    assert texts.side_labels == {"japan": "日本側 / 日方", "china": "中国側 / 中方"}
    assert texts.role_labels["vip"] == "来賓 / 贵宾"
    assert texts.role_labels["speaker"] == "講演者 / 演讲嘉宾"
    assert set(texts.role_labels) == {"delegate", "vip", "speaker", "press", "interpreter", "staff"}
    assert texts.seminar_title == f"{seminar.short_title_ja} / {seminar.short_title_zh}"
    assert texts.dates == "2017年7月26日～28日 / 2017年7月26日—28日"


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_badge_words_do_not_depend_on_the_users_language(app, seminar, language):
    from flask_babel import force_locale

    with force_locale(language):
        assert badge_texts(seminar) == badge_texts(seminar)
        assert badge_texts(seminar).side_labels["japan"] == "日本側 / 日方"


def test_ranges_across_months_keep_both_months():
    start, end = dt.date(2017, 7, 30), dt.date(2017, 8, 2)
    assert date_range(start, end, "ja") == "2017年7月30日～8月2日"
    assert date_range(start, end, "zh") == "2017年7月30日—8月2日"


def test_every_shared_text_can_be_drawn(app, seminar):
    # build_badges does not check the shared texts, so a missing glyph there would
    # print as a box on every badge (CLDR's thin spaces once did).
    texts = badge_texts(seminar)
    strings = [texts.seminar_title, texts.dates, *texts.side_labels.values()]
    strings += list(texts.role_labels.values())
    for side in ("japan", "china"):
        for text in strings:
            assert missing_characters(text, font_chain(side)) == [], text


def test_badge_data_from_a_delegate(app, seminar):
    japanese = add_japanese(seminar, "鈴木", "すずき", role="speaker")
    data = badge_data(japanese)
    assert (data.family, data.given, data.side, data.role) == ("鈴木", "太郎", "japan", "speaker")
    assert data.cross_name == japanese.cross_family_name + japanese.cross_given_name == "铃木太郎"
    assert data.latin_name == japanese.latin_name == "SUZUKI Taro"
    assert data.token == japanese.checkin_code
    assert (data.organization, data.title) == (japanese.organization, japanese.title)
    chinese = badge_data(add_chinese(seminar, "张"))
    assert (chinese.display_name, chinese.cross_name) == ("张伟", "張偉")
