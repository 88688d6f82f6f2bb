"""Choosing whose badges: by the delegate list's search, or one person from their page;
never by an internal ID."""

import re

from tests.forms import open_form

from .helpers import add_cast


def test_the_delegate_lists_search_chooses_whose_badges(login_as, seminar):
    add_cast(seminar)
    client = login_as("secretariat")
    form = open_form(client, "/console/badges/?lang=en", field="query")
    assert form.label("query") == "Search by name in any script, or email"
    assert "delegate" not in form  # no ID to type: the field comes only from a delegate page
    form["query"] = "欧阳"
    page = form.submit(client, button="count").get_data(as_text=True)
    assert 'data-count="1"' in page
    preview = re.search(r'<ul class="badge-preview".*?</ul>', page, re.S)[0]
    assert "欧阳 伟" in preview or "欧阳伟" in preview
    assert "OUYANG" in preview.upper()


def test_a_delegates_page_opens_their_badge(login_as, seminar):
    cast = add_cast(seminar)
    client = login_as("secretariat")
    one = cast[0]
    page = client.get(f"/console/delegates/{one.id}?lang=ja").get_data(as_text=True)
    link = re.search(r'href="(/console/badges/\?delegate=\d+)"[^>]*>名札<', page)
    assert link and link[1] == f"/console/badges/?delegate={one.id}"
    badge_page = client.get(link[1] + "&lang=ja").get_data(as_text=True)
    assert 'data-count="1"' in badge_page
    assert one.full_name in badge_page
    assert "ID" not in re.sub(r"<[^>]+>", " ", badge_page)  # no internal number to type


def test_the_preview_shows_the_reading_the_badge_prints(login_as, seminar):
    """A Japanese-side badge prints the kana over the name (names.display.printed_readings):
    the preview shows it over the name too; a Chinese-side one prints none (its pinyin is
    the Latin line)."""
    add_cast(seminar)
    client = login_as("secretariat")
    form = open_form(client, "/console/badges/?lang=zh", field="query")
    page = form.submit(client, button="count").get_data(as_text=True)
    preview = re.search(r'<ul class="badge-preview".*?</ul>', page, re.S)[0]
    lines = {
        re.search(r'lang="(?:ja|zh-Hans)">([^<]+)</a>', line)[1]: line
        for line in re.findall(r"<li class=\"side-.*?</li>", preview, re.S)
    }
    assert '<small class="reading" lang="ja">おおの たろう</small><a ' in lines["大野 太郎"]
    assert '<small class="reading" lang="ja">はせがわ たろう</small>' in lines["長谷川 太郎"]
    assert 'class="reading"' not in lines["欧阳伟"]
