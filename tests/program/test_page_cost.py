"""What the public pages cost (benchmarks/requests.py times them): the programme and the
registration form send one statement whatever the number of delegates, and render their
fields and days once per language and content (seminar_reg/fragments.py); an edit in the
console, a capacity or a place taken shows on the very next view, in ja, zh and en."""

from __future__ import annotations

import re

from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.importer import store_rows
from tests.forms import open_form
from tests.registration.helpers import CHINESE, register_through_form
from tests.statements import counted_statements

PAGES = ("/program?lang=ja", "/register/japan?lang=ja", "/register/china?lang=zh")
LANGUAGES = ("ja", "zh", "en")
ONE_PLACE_LEFT = {"ja": "残り1席", "zh": "剩余 1 个名额", "en": "1 place left"}
FULL = {"ja": "満席（キャンセル待ち）", "zh": "已满：可排候补", "en": "Full: waiting list"}


def _statements(client) -> list[int]:
    counts = []
    for page in PAGES:
        with counted_statements() as statements:
            assert client.get(page).status_code == 200
        counts.append(len(statements))
    return counts


def test_the_pages_send_one_statement_at_any_number_of_delegates(client, seminar):
    # The seminar with every item, its day and its places taken (counted only for items
    # with a capacity): no statement per item, per day or per delegate, and on
    # PostgreSQL one round trip for all of it.
    few = _statements(client)
    store_rows(seminar, demo_delegates(60, 60))
    assert _statements(client) == few == [1, 1, 1]


def test_a_repeat_view_renders_no_field_or_day_again_and_keeps_its_own_token(app, seminar):
    app.config["WTF_CSRF_ENABLED"] = True  # as in production (the fixture restores it)
    first, second = app.test_client(), app.test_client()
    for page in PAGES:
        first.get(page)
    renders = app.extensions["fragments"].renders
    tokens = set()
    for client in (first, second):
        for page in PAGES:
            text = client.get(page).get_data(as_text=True)
            tokens.update(re.findall(r'name="csrf_token" type="hidden" value="([^"]+)"', text))
    assert app.extensions["fragments"].renders == renders
    # Each visitor's session has its own CSRF token (the form's and the returning form's).
    assert len({token.split(".")[0] for token in tokens}) == 2


def _page(client, path: str, language: str) -> str:
    return client.get(f"{path}?lang={language}").get_data(as_text=True)


def _warm(client) -> None:
    for language in LANGUAGES:
        for path in ("/program", "/register/japan", "/register/china"):
            _page(client, path, language)


def test_an_item_edited_in_the_console_shows_at_once_in_every_language(client, seminar, login_as):
    _warm(client)
    staff = login_as("secretariat")
    form = open_form(staff, "/console/program/", action="/items/jet-exchange/content")
    new_titles = {"ja": "元JET参加者の集い", "zh": "前JET参加者交流会", "en": "JET alumni meeting"}
    for language, title in new_titles.items():
        form[f"jet-exchange-content-title_{language}"] = title
    assert form.submit(staff).status_code == 302
    for language, title in new_titles.items():
        for path in ("/program", "/register/japan", "/register/china"):
            assert title in _page(client, path, language), (path, language)


def test_a_capacity_and_the_places_taken_show_at_once(client, seminar, login_as):
    _warm(client)
    staff = login_as("secretariat")
    staff.set_cookie("lang", "en")
    form = open_form(staff, "/console/program/", action="/items/site-visit")
    form["site-visit-capacity"] = "1"
    assert form.submit(staff).status_code == 302
    for language in LANGUAGES:
        assert ONE_PLACE_LEFT[language] in _page(client, "/program", language)
        assert ONE_PLACE_LEFT[language] in _page(client, "/register/china", language)

    visitor = client.application.test_client()
    assert register_through_form(visitor, "china", CHINESE).status_code == 302  # site-visit
    for language in LANGUAGES:
        for path in ("/program", "/register/japan"):
            page = _page(client, path, language)
            assert FULL[language] in page and ONE_PLACE_LEFT[language] not in page


def test_a_form_filled_in_by_one_visitor_is_never_what_another_sees(app, seminar):
    first, second = app.test_client(), app.test_client()
    second.get("/register/japan?lang=ja")  # the empty form's fields, kept
    form = open_form(first, "/register/japan?lang=ja", field="consent")
    form["family_name"] = "並木"
    form["organization"] = "東京都羽村市"
    response = form.submit(first)  # no consent: the form comes back with what was typed
    assert response.status_code == 400
    assert 'value="東京都羽村市"' in response.get_data(as_text=True)
    again = second.get("/register/japan?lang=ja").get_data(as_text=True)
    assert "東京都羽村市" not in again and "並木" not in again


def test_the_kept_header_marks_the_page_and_shows_the_console_only_to_staff(
    client, seminar, login_as
):
    staff = login_as("secretariat")
    for _ in range(2):  # the second round reads what the first kept
        for who, console in ((staff, True), (client, False)):
            for path, current in (("/program", "/program"), ("/", "/")):
                page = _page(who, path, "en")
                assert ('class="to-console"' in page) is console
                assert f'href="{current}" aria-current="page"' in page
                assert page.count('aria-current="page"') == 1
