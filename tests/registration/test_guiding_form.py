"""Forms that guide (#16): the error summary, marked fields, required marks, the
no-items refusal, length messages instead of a silent cut, and names checked against
the badge fonts as they are typed. Everything goes through the rendered form."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import form_of, open_form

from ..mailbox import latest_link
from .helpers import CHINESE, JAPANESE, fill, payload, register_through_form

pytestmark = pytest.mark.same_on_every_database


class _Elements(HTMLParser):
    """Every element's attributes by id, and the text inside each element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict] = {}
        self.text: dict[str, str] = {}
        self.all: list[tuple[str, dict]] = []
        self._open: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        self.all.append((tag, attributes))
        if "id" in attributes:
            self.by_id[attributes["id"]] = {"tag": tag, **attributes}
            self.text.setdefault(attributes["id"], "")
        if tag not in ("input", "br", "meta", "link", "img"):
            self._open.append((tag, attributes.get("id")))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _tag, element_id in self._open:
            if element_id:
                self.text[element_id] += data


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _count() -> int:
    return db.session.execute(select(func.count(Delegate.id))).scalar_one()


def _summary_links(html: str) -> list[str]:
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([\w-]+)">', summary)


def _submit(client, side: str, lang: str, **changes):
    base = JAPANESE if side == "japan" else CHINESE
    values = {key: value for key, value in payload(base, **changes).items() if key != "consent"}
    form = open_form(client, f"/register/{side}?lang={lang}", field="consent")
    fill(form, values)
    form.check("consent")
    return form.submit(client)


def test_errors_are_summarised_on_top_linked_and_tied_to_their_fields(client, seminar):
    form = open_form(client, "/register/japan?lang=ja", field="consent")
    wrong = {"given_name": "", "email": "not-an-address", "item_codes": [], "consent": None}
    fill(form, payload(JAPANESE, **wrong))
    response = form.submit(client)  # consent left unticked too
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    page = _parse(html)
    summary = next(attrs for tag, attrs in page.all if "error-summary" in attrs.get("class", ""))
    # Takes the focus without a script: a focusable box with autofocus, read out as an alert.
    assert "autofocus" in summary and summary["tabindex"] == "-1" and summary["role"] == "alert"
    assert html.index("error-summary") < html.index("<form")
    links = _summary_links(html)
    assert {"given_name", "email", "item_codes-0", "consent"} <= set(links)
    # Each entry names the field as its label on the page does, joined the reader's way.
    assert re.search(r'<a href="#given_name">名（漢字）：', html)
    for target in links:  # every entry leads to a control on the page
        assert target in page.by_id and page.by_id[target]["tag"] == "input"
    for name in ("given_name", "email", "consent"):
        control = page.by_id[name]
        assert control["aria-invalid"] == "true"
        assert f"{name}-errors" in control["aria-describedby"].split()
        assert page.text[f"{name}-errors"].strip()
    assert "参加するプログラムを1つ以上選んでください。" in page.text["item_codes-errors"]
    assert page.by_id["item_codes-0"]["aria-invalid"] == "true"
    # Fields without errors stay unmarked.
    assert page.by_id["organization"]["aria-invalid"] == "false"
    assert "aria-describedby" not in page.by_id["organization"]
    assert _count() == 0


def test_a_form_without_errors_has_no_summary(client, seminar):
    html = client.get("/register/china?lang=zh").get_data(as_text=True)
    assert "error-summary" not in html and 'aria-invalid="true"' not in html


@pytest.mark.parametrize(
    ("side", "required", "optional"),
    [
        (
            "japan",
            ["given_name", "family_reading", "given_reading", "organization", "email"],
            ["family_name", "family_latin", "given_latin", "title", "phone"],
        ),
        ("china", ["given_name", "organization", "email"], ["family_reading", "title"]),
    ],
)
def test_required_fields_are_marked_kana_too(client, seminar, side, required, optional):
    html = client.get(f"/register/{side}?lang=en").get_data(as_text=True)
    page = _parse(html)
    form = form_of(client.get(f"/register/{side}?lang=en"), field="consent")
    assert "Fields marked * are required." in html
    for name in required:
        assert page.by_id[name].get("aria-required") == "true", name
        assert "*" in form.label(name) and "(required)" in form.label(name)
    for name in optional:
        assert "aria-required" not in page.by_id[name], name
        assert "*" not in form.label(name)
    items = html.split('id="item_codes"')[0].rsplit("<legend>", 1)[1]
    assert 'class="required"' in items  # at least one item: the group is marked


def test_registration_with_no_items_is_refused(client, seminar):
    response = _submit(client, "china", "en", item_codes=[])
    assert response.status_code == 400
    assert "Please choose at least one program item." in response.get_data(as_text=True)
    assert _count() == 0


def test_each_item_shows_its_date_and_whom_it_is_for(client, seminar):
    form = open_form(client, "/register/japan?lang=en", field="consent")
    label = form.option_label("item_codes", "pr-session")
    assert "Jul" in label and "Japanese local governments and Chinese travel agencies" in label


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "「😀」（U+1F600）は名札や名簿に印刷できない文字です。"),
        ("zh", "“😀”（U+1F600）无法印在胸卡和名单上"),
        ("en", "“😀” (U+1F600) cannot be printed on badges and lists."),
    ],
)
def test_an_emoji_in_a_name_is_refused_at_once_with_the_character_named(
    client, seminar, lang, expected
):
    response = _submit(client, "china", lang, given_name="伟😀")
    assert response.status_code == 400
    page = _parse(response.get_data(as_text=True))
    assert expected in page.text["given_name-errors"]
    assert _count() == 0


def test_a_character_no_badge_font_has_is_refused_on_its_field(client, seminar):
    response = _submit(client, "japan", "ja", family_name="𪚥", family_reading="てつ")
    assert response.status_code == 400
    page = _parse(response.get_data(as_text=True))
    assert "「𪚥」（U+2A6A5）" in page.text["family_name-errors"]
    assert "family_name" in _summary_links(response.get_data(as_text=True))
    assert _count() == 0


def test_rare_characters_the_fonts_have_still_register(client, seminar):
    response = _submit(client, "japan", "ja", family_name="\U00020bb7田", family_reading="よしだ")
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ja", "長すぎます：200文字以内で入力してください（送信された文字数：300）。"),
        ("zh", "内容过长：最多200个字符，您提交了300个字符。"),
        ("en", "This is too long: at most 200 characters, and 300 were sent."),
    ],
)
def test_a_300_character_paste_reaches_the_server_and_is_refused_in_words(
    client, seminar, lang, expected
):
    form = open_form(client, f"/register/china?lang={lang}", field="consent")
    assert "maxlength" not in form._named("organization")[0].attrs  # no silent cut
    response = _submit(client, "china", lang, organization="沈" * 300)
    assert response.status_code == 400
    assert expected in _parse(response.get_data(as_text=True)).text["organization-errors"]
    assert _count() == 0


def test_the_delegates_own_page_checks_names_too(app, seminar):
    register_through_form(app.test_client(), "china", CHINESE, lang="zh")
    visitor = app.test_client()
    visitor.get(latest_link(app))
    form = open_form(visitor, "/my?lang=zh", field="title")
    form["title"] = "处长😀"
    response = form.submit(visitor)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "“😀”（U+1F600）无法印在胸卡和名单上" in _parse(html).text["title-errors"]
    assert "title" in _summary_links(html)
    db.session.expire_all()
    assert db.session.execute(select(Delegate.title)).scalar_one() == "处长"


def test_the_console_edit_checks_names_and_the_cross_script_override(login_as, seminar, app):
    register_through_form(app.test_client(), "japan", JAPANESE)
    delegate_id = db.session.execute(select(Delegate.id)).scalar_one()
    client = login_as("secretariat")
    form = open_form(client, f"/console/delegates/{delegate_id}?lang=en", field="cross_given_name")
    form["cross_organization"] = "东京都羽村市𪚥"
    response = form.submit(client)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "(U+2A6A5) cannot be printed" in _parse(html).text["cross_organization-errors"]
    assert "cross_organization" in _summary_links(html)


def test_the_login_form_shows_the_summary_too(client, seminar):
    form = open_form(client, "/login?lang=en", field="password")
    response = form.submit(client)  # both fields empty
    assert response.status_code in (400, 401)
    html = response.get_data(as_text=True)
    assert set(_summary_links(html)) == {"email", "password"}
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize(
    ("lang", "label"), [("ja", "参加登録する"), ("zh", "立即报名"), ("en", "Register now")]
)
def test_the_home_page_has_a_register_button(client, seminar, lang, label):
    html = client.get(f"/?lang={lang}").get_data(as_text=True)
    assert re.search(rf'<a class="button" href="/register">{label}</a>', html)


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("ja", "PR交流会は日本側の地方自治体と中国側の旅行会社のためのプログラムです。"),
        ("zh", "面向日方地方政府和中方旅行社。"),
        ("en", "is for Japanese local governments and Chinese travel agencies."),
    ],
)
def test_a_refused_item_says_why_not_its_code(client, seminar, lang, reason):
    # A Chinese government delegate ticks the PR session (for travel agencies).
    response = _submit(client, "china", lang, item_codes=["plenary", "pr-session"])
    assert response.status_code == 400
    errors = _parse(response.get_data(as_text=True)).text["item_codes-errors"]
    assert reason in errors and "pr-session" not in errors
    assert _count() == 0
