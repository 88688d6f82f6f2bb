import pytest

pytestmark = pytest.mark.same_on_every_database

TITLES = {
    "ja": "第16回日中地域間交流推進セミナー",
    "zh": "第十六届中日地方交流促进研讨会",
    "en": "16th Japan-China Regional Exchange Promotion Seminar",
}
DAY_HEADINGS = {
    "ja": ["2017年7月26日(水)", "2017年7月27日(木)", "2017年7月28日(金)"],
    "zh": ["2017年7月26日 星期三", "2017年7月27日 星期四", "2017年7月28日 星期五"],
    "en": ["Wednesday, July 26, 2017", "Thursday, July 27, 2017", "Friday, July 28, 2017"],
}
TBA = {"ja": "時間未定", "zh": "时间待定", "en": "TBA"}


@pytest.mark.parametrize("header", ["zh", "zh-CN", "zh-Hans", "zh-Hans-CN", "zh_CN", "zh-TW;q=0.9"])
def test_every_chinese_variant_gets_the_chinese_catalog(client, seminar, header):
    page = client.get("/", headers={"Accept-Language": header}).get_data(as_text=True)
    assert TITLES["zh"] in page
    assert "日程" in page  # from the catalog, not from the database


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_program_lists_seven_items_under_three_days(client, seminar, language):
    page = client.get(f"/program?lang={language}").get_data(as_text=True)
    positions = [page.index(heading) for heading in DAY_HEADINGS[language]]
    assert positions == sorted(positions)
    assert page.count('<li class="program-item ') == 7
    assert TBA[language] in page
    for code in (
        "liaison-meeting",
        "shenyang-reception",
        "plenary",
        "jet-exchange",
        "pr-session",
        "clair-reception",
        "site-visit",
    ):
        assert f'id="item-{code}"' in page


def test_catalogs_are_really_loaded(client, seminar):
    # "Program" is translated only in the catalogs; the database holds no such word.
    ja = client.get("/program", headers={"Accept-Language": "ja"}).get_data(as_text=True)
    zh = client.get("/program", headers={"Accept-Language": "zh"}).get_data(as_text=True)
    assert "<h1>プログラム</h1>" in ja
    assert "<h1>日程</h1>" in zh


def test_unknown_language_falls_back_to_japanese(client, seminar):
    page = client.get("/?lang=xx", headers={"Accept-Language": "fr, de;q=0.5"})
    assert TITLES["ja"] in page.get_data(as_text=True)


def test_language_choice_is_remembered_over_accept_language(client, seminar):
    response = client.get("/language/en?next=/program")
    assert response.status_code == 302 and response.headers["Location"].endswith("/program")
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert TITLES["en"] in page


def test_language_switch_refuses_open_redirects(client, seminar):
    response = client.get("/language/zh?next=https://evil.example/")
    assert response.headers["Location"].endswith("/")
    assert "evil" not in response.headers["Location"]


@pytest.mark.parametrize(
    ("language", "message"),
    [("ja", "ページが見つかりません"), ("zh", "找不到该页面"), ("en", "Page not found")],
)
def test_missing_item_is_a_404_in_the_visitors_language(client, seminar, language, message):
    response = client.get("/program/no-such-item", headers={"Accept-Language": language})
    assert response.status_code == 404
    assert message in response.get_data(as_text=True)


def test_item_page_shows_venue_and_audience(client, seminar):
    page = client.get("/program/site-visit?lang=zh").get_data(as_text=True)
    assert "沈阳市规划展示馆" in page
    assert "中日双方均可参加" in page
    liaison = client.get("/program/liaison-meeting?lang=ja").get_data(as_text=True)
    assert "日本側のみ" in liaison


def test_history_page_lists_sixteen_editions(client, seminar):
    page = client.get("/history?lang=ja").get_data(as_text=True)
    assert page.count('<th scope="row">') == 16
    assert "チチハル市" in page and "協働による『幸福都市』の創造" in page


def test_home_shows_organizers_and_figures(client, seminar):
    page = client.get("/?lang=en").get_data(as_text=True)
    assert "Council of Local Authorities for International Relations" in page
    assert "165 participants: 73 Japanese side, 92 Chinese side" in page


def test_pages_load_nothing_from_other_hosts(client, seminar):
    for path in ("/", "/program", "/history"):
        page = client.get(path).get_data(as_text=True)
        assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_the_programme_and_the_form_are_a_404_before_a_programme_is_set_up(client):
    # The seminar and its items come in one statement (registration/availability.py);
    # without a current edition that statement finds no row.
    for path in ("/program", "/register/japan", "/register/china"):
        assert client.get(path).status_code == 404, path
