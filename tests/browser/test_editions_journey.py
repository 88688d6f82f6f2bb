"""The yearly workflow in a real browser (issue #13), on a desktop and on a phone: the
secretariat prepares the 17th from the 16th on the editions page, sets a text of it in
the programme settings, makes it current (accepting the question), and reads the 16th
again, marked as a past edition whose changes are refused. Screenshots in
test-artifacts/editions-<width>-<step>.png; no step scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from seminar_reg.extensions import db
from seminar_reg.program.models import Seminar
from tests.browser.devices import DESKTOP, PHONE, device_context, screenshot
from tests.factories import add_japanese

pytestmark = pytest.mark.browser


VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


def _shot(page, viewport: str, step: str) -> None:
    screenshot(page, VIEWPORTS[viewport], f"editions-{viewport}-{step}")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_prepare_open_and_read_back(chromium, live_server, seminar, staff_page, viewport):
    add_japanese(seminar, "並木", "なみき")
    context = device_context(chromium, live_server, VIEWPORTS[viewport], locale="en-US")
    page = staff_page("secretariat", context)
    page.goto("/console/editions/?lang=en")
    form = page.locator("form.new-edition")
    form.locator("[name=number]").fill("17")
    form.locator("[name=source]").select_option("16")
    form.locator("[name=start]").fill("2018-07-25")
    form.locator("[name=city_ja]").fill("青島市")
    form.locator("[name=city_zh]").fill("青岛市")
    form.locator("[name=city_en]").fill("Qingdao")
    _shot(page, viewport, "1-prepare")
    form.locator("button[type=submit]").click()

    # The programme settings of the new edition, marked as not the current one.
    page.wait_for_url("**/console/program/")
    expect(page.locator(".edition-banner")).to_contain_text("17th")
    texts = page.locator("form[action$='/texts']")
    texts.locator("[name=texts-province_ja]").fill("山東省")
    texts.locator("[name=texts-province_zh]").fill("山东省")
    texts.locator("[name=texts-province_en]").fill("Shandong Province")
    texts.locator("button[type=submit]").click()
    expect(page.locator(".flash").first).to_be_visible()
    _shot(page, viewport, "2-programme")

    # Make it current: the page asks first.
    page.goto("/console/editions/")
    page.once("dialog", lambda dialog: dialog.accept())
    current = page.locator("form.edition-current")
    current.locator("select").select_option("17")
    current.locator("button[type=submit]").click()
    expect(page.locator("tr[data-edition='17'] .badge")).to_be_visible()
    _shot(page, viewport, "3-current")
    page.goto("/?lang=ja")
    expect(page.locator("body")).to_contain_text("第17回")

    # Read the 16th back: its delegate is there, under the banner.
    page.goto("/console/editions/?lang=en")
    switch = page.locator("form.edition-switcher")
    switch.locator("select").select_option("16")
    switch.locator("button[type=submit]").click()
    page.goto("/console/delegates")
    expect(page.locator(".edition-banner")).to_be_visible()
    expect(page.locator("main")).to_contain_text("並木")
    _shot(page, viewport, "4-past")
    context.close()

    db.session.expire_all()
    current_edition = db.session.execute(
        select(Seminar.edition).where(Seminar.is_current.is_(True))
    ).scalar_one()
    province = db.session.execute(
        select(Seminar.province_zh).where(Seminar.edition == 17)
    ).scalar_one()
    assert (current_edition, province) == (17, "山东省")
