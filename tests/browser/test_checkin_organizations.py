"""The desk shows another side's organisation in its reader's script, as the console's
pages do (names.display.organization_for_reader): in a scan's answer from the server,
in a look-up, and in an answer from the list on the device; each marked with the
`lang` of its glyph forms. English desks show them as written (headless Chromium)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import login
from .devices import DESKTOP, PHONE, device_context, screenshot
from .test_checkin_desk import scan
from .test_checkin_offline import people  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser

DESK = "/console/checkin/plenary?mode=scanner"
# language -> (browser locale, device, whose organisation is crossed: japan / china)
DESKS = {
    "zh": ("zh-CN", PHONE, "japan"),
    "ja": ("ja-JP", DESKTOP, "china"),
    "en": ("en-US", PHONE, None),
}
LANG = {"japan": "ja", "china": "zh-Hans"}
OTHER = {"japan": "china", "china": "japan"}


def as_read(delegate, crossed: str | None) -> tuple[str, str]:
    """(text, lang) the desk must show: the crossed side's in the other script."""
    if delegate.side == crossed:
        return delegate.cross_organization, LANG[OTHER[delegate.side]]
    return delegate.organization, LANG[delegate.side]


def shows(locator, delegate, crossed) -> None:
    text, lang = as_read(delegate, crossed)
    expect(locator).to_have_text(text)
    expect(locator).to_have_attribute("lang", lang)


@pytest.mark.parametrize("language", list(DESKS))
def test_the_desk_shows_organisations_in_its_readers_script(
    chromium, live_server, staff_user, people, language  # noqa: F811
):
    locale, device, crossed = DESKS[language]
    namiki, shan = people["namiki"], people["shan"]
    # the renderings differ from the stored forms, so the test can tell them apart
    assert namiki.cross_organization not in ("", namiki.organization)
    assert shan.cross_organization not in ("", shan.organization)
    context = device_context(chromium, live_server, device, locale=locale)
    page = context.new_page()
    login(page, staff_user("checkin", f"org-{language}@seminar.example"))
    with page.expect_response(lambda response: "/plenary/roster" in response.url):
        page.goto(DESK)
    expect(page.locator("html")).to_have_attribute("lang", re.compile(f"^{language}"))
    expect(page.locator("#desk-fresh")).not_to_have_class(re.compile("is-stale"))

    scan(page, namiki.checkin_code)  # the server's answer
    expect(page.locator("#result")).to_have_class(re.compile("level-ok"))
    shows(page.locator("#person-org"), namiki, crossed)

    page.locator("#lookup-q").fill("shan wei")  # the server's look-up
    found = page.locator("#lookup-results li")
    expect(found).to_have_count(1)
    shows(found.locator(".lookup-details span[lang]"), shan, crossed)
    screenshot(page, device, f"checkin-organizations-{language}")

    context.set_offline(True)  # from the list on the device
    scan(page, shan.checkin_code)
    expect(page.locator("#result")).to_have_class(re.compile("level-ok"))
    expect(page.locator("#result-detail")).to_be_visible()
    shows(page.locator("#person-org"), shan, crossed)
    context.set_offline(False)
    context.close()
