"""What the journeys share about the device a person uses: a browser profile the size of
a phone or a desktop, a tap or a click, and a screenshot kept for people to look at that
fails when the page scrolls sideways. ``person`` is a journey's dataclass with
``viewport`` (width and height) and ``phone``, or one of the devices below."""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import ARTIFACTS


@dataclass(frozen=True)
class Device:
    viewport: dict
    phone: bool


PHONE = Device({"width": 390, "height": 844}, phone=True)
DESKTOP = Device({"width": 1280, "height": 800}, phone=False)


def device_context(chromium, live_server, person, **options):
    phone = person.phone
    return chromium.new_context(
        base_url=live_server.url, viewport=person.viewport, is_mobile=phone,
        has_touch=phone, device_scale_factor=2 if phone else 1, **options,
    )


def press(person, locator) -> None:
    locator.tap() if person.phone else locator.click()


def screenshot(page, person, name: str) -> None:
    """test-artifacts/<name>.png of the whole page."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    # Nothing may push the page sideways: a phone user would have to scroll to read it.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= person.viewport["width"], f"{name}: page is {width}px wide"
