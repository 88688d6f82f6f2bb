"""The console shell: task groups from console/navigation.py, only what the role may
open, the current page marked, the public pages' own header."""

from __future__ import annotations

import re

import pytest
from flask import url_for

from seminar_reg.auth.permissions import GRANTS
from seminar_reg.console.navigation import GROUPS, LINKS

pytestmark = pytest.mark.same_on_every_database

NAV = re.compile(r'<nav class="console-nav".*?</nav>', re.S)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def _nav_links(html: str) -> list[tuple[str, bool, str]]:
    block = NAV.search(html)
    assert block, "no console navigation on the page"
    return [(href, bool(current), label) for href, current, label in LINK.findall(block.group())]


@pytest.mark.parametrize("role", ["admin", "secretariat", "checkin", "viewer"])
def test_each_role_sees_exactly_the_pages_it_may_open(app, seminar, login_as, role):
    client = login_as(role)
    html = client.get("/console/?lang=en").get_data(as_text=True)
    links = _nav_links(html)
    with app.test_request_context():
        expected = [
            url_for(link.endpoint)
            for link in LINKS
            if link.endpoint in app.view_functions and link.permission in GRANTS[role]
        ]
    assert [href for href, _current, _label in links] == expected
    for href, _current, _label in links:  # every link shown opens for this role
        assert client.get(href).status_code == 200, href
    if role == "viewer":
        assert [label for *_rest, label in links] == ["Headcounts", "Editions"]  # figures only


def test_links_are_grouped_by_task_in_every_language(seminar, login_as):
    client = login_as("admin")
    for language, registration, settings, accounts in [
        ("ja", "参加登録", "設定", "アカウント"),
        ("zh", "报名", "设置", "账户"),
        ("en", "Registration", "Settings", "Accounts"),
    ]:
        html = client.get(f"/console/delegates?lang={language}").get_data(as_text=True)
        titles = re.findall(r'<p class="nav-group-title" id="nav-(\w+)">([^<]+)</p>', html)
        assert [code for code, _title in titles] == list(GROUPS)
        assert dict(titles)["registration"] == registration
        assert dict(titles)["settings"] == settings
        assert accounts in NAV.search(html).group()


def test_the_current_page_is_marked_also_below_it(app, seminar, login_as):
    client = login_as("secretariat")
    for path, marked in [
        ("/console/", "/console/"),
        ("/console/delegates", "/console/delegates"),
        ("/console/logistics/buses", "/console/logistics/"),
        ("/console/import", "/console/import"),
    ]:
        links = _nav_links(client.get(path + "?lang=en").get_data(as_text=True))
        assert [href for href, current, _label in links if current] == [marked], path
    # A page outside the table (the password form) marks none, not the dashboard.
    links = _nav_links(client.get("/console/password?lang=en").get_data(as_text=True))
    assert not any(current for _href, current, _label in links)


def test_public_pages_keep_their_own_header(seminar, client, login_as):
    html = client.get("/?lang=en").get_data(as_text=True)
    assert 'class="console-nav"' not in html
    assert 'href="/" aria-current="page"' in html
    assert "/console/" not in html  # visitors get no way into the console
    staff = login_as("checkin").get("/program?lang=en").get_data(as_text=True)
    assert 'class="console-nav"' not in staff
    assert 'href="/console/"' in staff  # staff find their way back


def test_the_menu_collapses_by_a_static_script(seminar, login_as):
    html = login_as("viewer").get("/console/?lang=en").get_data(as_text=True)
    assert 'aria-controls="console-nav"' in html
    assert re.search(r'<script src="/static/js/console_nav\.js[^"]*" defer>', html)
    assert "<script>" not in html  # the CSP allows no inline script
