"""axe-core on every page, in ja, zh and en, on a desktop (1280x800) and a phone (390x844).

The pages come from the app's url_map (tests/browser/site_pages.py) over one seeded
event: public pages as a visitor, the delegate's own pages through a personal link, the
console as an admin. One Chromium and one live server serve the module; each language
and viewport is one browser context visiting every page once. axe-core is the vendored
file (seminar_reg/static/vendor/axe-core, pinned by scripts/vendor_js.sh), loaded from
the app itself, under the app's real Content-Security-Policy.

Zero serious or critical violations anywhere, no page wider than a 390 px phone, and
no text squeezed into a column a character or two wide on it.
Each page's screenshot is kept as test-artifacts/a11y/<language>-<viewport>-<page>.png:
what the screen shows, or the whole page when a check found something on it (writing the
whole of every page, some 17,000 px tall on a phone, was a third of this module's CPU).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from seminar_reg.extensions import db
from tests.browser.conftest import login
from tests.browser.site_pages import (
    ADMIN_EMAIL,
    Event,
    Page,
    import_with_errors,
    seed_event,
    site_pages,
)
from tests.conftest import ARTIFACTS, _empty_all_tables

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LANGUAGES = ("ja", "zh", "en")
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
AXE = "/static/vendor/axe-core/axe.min.js"
SHOTS = ARTIFACTS / "a11y"
# What axe reports, cut to what a reader of a failure needs.
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                  nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " :: "
                    + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 160))}));
}"""
WIDTH = "() => document.documentElement.scrollWidth"
# Text squeezed into a column a character or two wide (a caption set one character a
# line, a table cell whose few words run down the screen): what a phone reader meets
# when a layout meant for one table catches another. Each: "tag.class: text".
SQUEEZED = """() => {
  const found = [];
  const texts = ["caption", "th", "td", "dt", "dd", "label", "h1", "h2", "h3"];
  for (const el of document.querySelectorAll(texts.map((tag) => "main " + tag).join(","))) {
    const text = el.innerText.trim();
    if (!el.getBoundingClientRect().width || text.length < 4) continue;
    const style = getComputedStyle(el);
    if (style.display.startsWith("inline")) continue;  // it flows with its line
    const em = parseFloat(style.fontSize);
    // The room the text has, and the text's own height (a cell is as tall as its row).
    const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = range.getBoundingClientRect().height / (parseFloat(style.lineHeight) || em * 1.5);
    if (room < 2.5 * em || (room < 6 * em && lines > 12))
      found.push(el.tagName.toLowerCase() + "." + el.className + ": " + text.slice(0, 30));
  }
  return found.slice(0, 5);
}"""


@dataclass
class Visit:
    page: Page
    status: int
    violations: list[dict] = field(default_factory=list)
    width: int = 0
    squeezed: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def event(session_app, live_server_session):
    """The seeded event for the whole module; the tables are emptied afterwards."""
    with session_app.app_context():
        db.session.remove()
        _empty_all_tables()
    seeded = seed_event(session_app)
    yield seeded
    with session_app.app_context():
        db.session.remove()
        _empty_all_tables()


@pytest.fixture(scope="module")
def pages(session_app, event: Event) -> list[Page]:
    found, missing = site_pages(session_app, event.samples)
    assert not missing, "pages the accessibility test cannot visit: " + "; ".join(missing)
    return found


@pytest.fixture(scope="module")
def visits(chromium, live_server_session, event, pages):
    """(language, viewport) -> its visits, each combination browsed once, on demand."""
    done: dict[tuple[str, str], list[Visit]] = {}

    def browse(language: str, viewport: str) -> list[Visit]:
        if (language, viewport) not in done:
            done[language, viewport] = _browse(
                chromium, live_server_session.url, event, pages, language, viewport
            )
        return done[language, viewport]

    return browse


def _browse(chromium, url: str, event: Event, pages: list[Page], language: str, viewport: str):
    context = chromium.new_context(base_url=url, viewport=VIEWPORTS[viewport])
    context.add_cookies([{"name": "lang", "value": language, "url": url}])
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A visitor first (the login page shows only then), then the delegate, then staff.
    public = [p for p in pages if not p.console and not p.self_service]
    own = [p for p in pages if p.self_service]
    console = [p for p in pages if p.console]
    prefix = f"{language}-{viewport}"
    try:
        visits = [_visit(page, target, prefix) for target in public]
        visits.append(_registration_refused(page, prefix))
        for link in event.links:
            page.goto(link)
        visits += [_visit(page, target, prefix) for target in own]
        login(page, ADMIN_EMAIL)
        visits += [_visit(page, target, prefix) for target in console]
        visits.append(_import_preview(page, prefix))
    finally:
        context.close()
    return visits


def _visit(page, target: Page, prefix: str) -> Visit:
    response = page.goto(target.path)
    page.wait_for_load_state("load")
    visit = Visit(target, response.status if response else 0)
    if not (response and "text/html" in (response.headers.get("content-type") or "")):
        return visit
    return _check(page, visit, prefix)


def _registration_refused(page, prefix: str) -> Visit:
    """The registration form sent empty: its errors as the visitor sees them."""
    page.goto("/register/japan")
    with page.expect_navigation():
        page.locator("main form:not(.returning-link) button[type=submit]").click()
    refused = Page("registration.register", "/register/japan#refused")
    return _check(page, Visit(refused, 200), prefix)


def _import_preview(page, prefix: str) -> Visit:
    """The import preview of a list with a bad row."""
    page.goto("/console/import")
    upload = {"name": "delegation.csv", "mimeType": "text/csv", "buffer": import_with_errors()}
    page.set_input_files("main input[type=file]", files=[upload])
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    preview = Page("console.import_upload", "/console/import#preview")
    return _check(page, Visit(preview, 200), prefix)


def _check(page, visit: Visit, prefix: str) -> Visit:
    page.add_script_tag(url=AXE)
    visit.violations = page.evaluate(RUN_AXE)
    visit.width = page.evaluate(WIDTH)
    visit.squeezed = page.evaluate(SQUEEZED)
    found = bool(visit.violations or visit.squeezed) or visit.width > page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"{prefix}-{visit.page.name}.png"), full_page=found)
    return visit


def _report(visits: list[Visit]) -> str:
    lines = []
    for visit in visits:
        for violation in visit.violations:
            lines.append(f"{visit.page.path}: {violation['id']} ({violation['impact']}) "
                         f"{violation['help']}")
            lines += [f"    {node}" for node in violation["nodes"]]
    return "\n".join(lines)


def test_the_pages_are_found_in_the_url_map(pages):
    paths = {page.path for page in pages}
    # A sample of each kind: public, form, self-service, console, pages with arguments.
    for expected in ("/", "/program", "/register/china", "/login", "/my", "/console/",
                     "/console/badges/", "/console/logistics/buses", "/console/accounts"):
        assert expected in paths
    assert any(path.startswith("/console/delegates/") for path in paths)
    assert not any(path.endswith((".csv", ".pdf", ".json")) for path in paths)


def test_axe_runs_under_the_csp_and_finds_a_planted_fault(chromium, live_server_session, event):
    """The check can fail: an image without a text alternative is a critical violation."""
    context = chromium.new_context(base_url=live_server_session.url)
    try:
        page = context.new_page()
        page.goto("/")
        page.evaluate("document.querySelector('main').append(document.createElement('img'))")
        page.add_script_tag(url=AXE)
        found = {violation["id"] for violation in page.evaluate(RUN_AXE)}
    finally:
        context.close()
    assert found == {"image-alt"}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_serious_or_critical_violations(visits, language, viewport):
    browsed = visits(language, viewport)
    assert all(visit.status == 200 for visit in browsed), [
        (visit.page.path, visit.status) for visit in browsed if visit.status != 200
    ]
    assert sum(1 for visit in browsed if visit.width) >= 25  # pages were really checked
    assert not any(visit.violations for visit in browsed), "\n" + _report(browsed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_on_a_phone(visits, language):
    too_wide = {
        visit.page.path: visit.width
        for visit in visits(language, "phone")
        if visit.width > VIEWPORTS["phone"]["width"]
    }
    assert not too_wide


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_squeezed_into_a_narrow_column_on_a_phone(visits, language):
    """The history page's caption stood one character a line, its figures without
    their words, under the change history's phone layout (both were table.history)."""
    squeezed = {visit.page.path: visit.squeezed for visit in visits(language, "phone")
                if visit.squeezed}
    assert not squeezed
