"""The whole seminar day in a real browser, each person in their own language.

A Japanese delegate registers in Japanese and a Chinese delegate in Chinese; the
secretariat prints badges and a roll; the check-in desk scans the QR codes read back
from the printed badges; the organizer's dashboard shows one of each side in the room.
A screenshot of every step is kept in test-artifacts/.
"""

from __future__ import annotations

import io

import pytest
import zxingcpp
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.conftest import ARTIFACTS
from tests.pdf_tools import rasterise

pytestmark = pytest.mark.browser



def _shot(page, step: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"e2e-{step}.png"), full_page=True)


def _register(chromium, live_server, locale: str, side_link: str, fields: dict, done: str):
    context = chromium.new_context(base_url=live_server.url, locale=locale)
    page = context.new_page()
    page.goto("/register")
    page.get_by_role("link", name=side_link).click()
    for name, value in fields.items():
        if name == "organization_type":
            page.select_option(f"#{name}", value)
        else:
            page.fill(f"#{name}", value)
    page.check("input[name=item_codes][value=plenary]")
    page.check("#consent")
    _shot(page, f"1-register-{locale}")
    page.locator("main form:not(.returning-link) button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(done)
    _shot(page, f"2-registered-{locale}")
    context.close()


def _download(page, click) -> bytes:
    with page.expect_download() as info:
        click()
    return open(info.value.path(), "rb").read()


def _qr_tokens(pdf: bytes, tmp_path) -> set[str]:
    tokens = set()
    for image in rasterise(pdf, tmp_path):
        tokens |= {result.text for result in zxingcpp.read_barcodes(image)}
    return tokens


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_registration_to_headcount(chromium, live_server, staff_page, seminar, tmp_path):
    _register(chromium, live_server, "ja-JP", "日本側", {
        "family_name": "並木", "given_name": "心", "family_reading": "なみき",
        "given_reading": "こころ", "organization": "東京都羽村市", "email": "namiki@example.jp",
    }, "メールをご確認ください")
    _register(chromium, live_server, "zh-CN", "中方", {
        "family_name": "单", "given_name": "伟", "organization": "沈阳市人民政府外事办公室",
        "email": "shanwei@example.cn",
    }, "请查收邮件")

    secretariat = staff_page("secretariat")
    secretariat.goto("/console/badges/")
    _shot(secretariat, "3-badges")
    badges = _download(secretariat, lambda: secretariat.get_by_role(
        "button", name="Print badges (PDF)").click())
    assert "並木" in _text(badges) and "单伟" in _text(badges).replace(" ", "")
    tokens = _qr_tokens(badges, tmp_path)
    assert len(tokens) == 2

    secretariat.goto("/console/rolls/")
    _shot(secretariat, "4-rolls")
    roll = _download(secretariat, lambda: secretariat.locator(
        'a[href$="/plenary/ja.pdf"]').click())
    roll_text = _text(roll).replace(" ", "")
    assert "並木" in roll_text and "单" in roll_text

    desk = staff_page("checkin")
    desk.goto("/console/checkin/plenary")
    # The 2017 plenary is not today: the desk asks before it admits anyone.
    expect(desk.locator("#day-warning")).to_be_visible()
    desk.get_by_role("button", name="Open the desk for this item anyway").click()
    for token in sorted(tokens):
        desk.locator("#scan-code").focus()
        desk.keyboard.type(token)
        desk.keyboard.press("Enter")
        expect(desk.locator("#result-message")).to_have_text("Checked in")
    expect(desk.locator("#desk-count")).to_have_text("2")
    _shot(desk, "5-desk")

    organizer = staff_page("viewer")
    organizer.goto("/console/")
    row = organizer.locator('[data-item="plenary"]')
    expect(row.locator('[data-count="checked_in.japan"]')).to_have_text("1")
    expect(row.locator('[data-count="checked_in.china"]')).to_have_text("1")
    expect(row.locator('[data-count="checked_in.all"]')).to_have_text("2")
    _shot(organizer, "6-dashboard")
