"""Each side reads the other side's organisations in its own script, as it reads their
names (BRIEF: "each side sees the other's names in its own script"): a Japanese-side
delegate's 鳥取県 is 鸟取县 on a Chinese-language page, a Chinese-side 辽宁省人民政府外事办公室
is 遼寧省人民政府外事弁公室 on a Japanese one, each marked with its glyph forms' `lang`.
English pages show them as written. The rule is `names.display.organization_for_reader`
(the rolls' too); the renderings are the ones derived at registration
(`cross_organization`) or an invitation's (`Organization.cross_name`)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.logistics import operations
from tests.delegations.helpers import MEMBER, add_member, invite
from tests.factories import add_chinese, add_japanese
from tests.logistics.helpers import workbook_values
from tests.pdf_tools import text_runs

TOTTORI, TOTTORI_ZH = "鳥取県", "鸟取县"
LIAONING, LIAONING_JA = "辽宁省人民政府外事办公室", "遼寧省人民政府外事弁公室"
ITEMS = ("plenary", "site-visit")

# language -> (what the page shows, lang of its glyph forms), what it must not show
EXPECTED = {
    "zh": ([(TOTTORI_ZH, "zh-Hans"), (LIAONING, "zh-Hans")], [TOTTORI]),
    "ja": ([(TOTTORI, "ja"), (LIAONING_JA, "ja")], [LIAONING]),
    "en": ([(TOTTORI, "ja"), (LIAONING, "zh-Hans")], [TOTTORI_ZH, LIAONING_JA]),
}


def _shown(page: str, language: str) -> None:
    wanted, unwanted = EXPECTED[language]
    for text, lang in wanted:
        assert f'lang="{lang}">{text}<' in page, (language, text)
    for text in unwanted:
        assert text not in page, (language, text)


@pytest.fixture
def delegates(seminar):
    japanese = add_japanese(seminar, "並木", "なみき", organization=TOTTORI, items=ITEMS)
    chinese = add_chinese(seminar, "王", organization=LIAONING, items=ITEMS)
    operations.plan_buses(seminar, 45)
    return japanese, chinese


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
@pytest.mark.parametrize(
    "page", ["/console/delegates", "/console/badges/", "/console/logistics/buses"]
)
def test_delegate_lists_show_the_other_sides_organisations_in_the_readers_script(
    login_as, delegates, page, language
):
    client = login_as("secretariat")
    _shown(client.get(f"{page}?lang={language}").get_data(as_text=True), language)


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
def test_the_desk_shows_a_persons_organisation_in_the_readers_script(
    login_as, delegates, language
):
    client = login_as("secretariat")
    for delegate in delegates:
        url = f"/console/checkin/plenary/people/{delegate.id}?lang={language}"
        page = client.get(url).get_data(as_text=True)
        wanted = dict(EXPECTED[language][0])
        shown = [text for text in wanted if f'lang="{wanted[text]}">{text}<' in page]
        assert len(shown) == 1, (language, delegate.side, shown)


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
@pytest.mark.parametrize("page", ["/console/delegations/", "/console/letters/"])
def test_delegation_lists_show_the_other_sides_organisations_in_the_readers_script(
    app, seminar, login_as, page, language
):
    invite(app, TOTTORI, "kokusai@pref.tottori.example.jp")
    invite(app, LIAONING, "waiban@ln.example.cn", side="china")
    client = login_as("secretariat")
    _shown(client.get(f"{page}?lang={language}").get_data(as_text=True), language)


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
def test_the_delegate_lists_delegation_column_too(app, seminar, login_as, language):
    contact = app.test_client()
    assert contact.get(invite(app, TOTTORI, "kokusai@pref.tottori.example.jp")).status_code == 302
    assert add_member(contact, dict(MEMBER, email="")).status_code == 302
    page = login_as("secretariat").get(f"/console/delegates?lang={language}")
    shown = {"zh": (TOTTORI_ZH, "zh-Hans"), "ja": (TOTTORI, "ja"), "en": (TOTTORI, "ja")}
    text, lang = shown[language]
    # The member's organisation and their delegation's name.
    assert page.get_data(as_text=True).count(f'lang="{lang}">{text}<') == 2


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
def test_a_delegations_console_page_names_it_in_the_readers_script(
    app, seminar, login_as, language
):
    invite(app, TOTTORI, "kokusai@pref.tottori.example.jp")
    invite(app, LIAONING, "waiban@ln.example.cn", side="china")
    client = login_as("secretariat")
    pages = [
        client.get(f"/console/delegations/{invitation_id}?lang={language}").get_data(as_text=True)
        for invitation_id in db.session.scalars(select(Invitation.id).order_by(Invitation.id))
    ]
    for page, (text, lang) in zip(pages, EXPECTED[language][0], strict=True):
        heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
        assert f'lang="{lang}">{text}<' in heading and text in page.split("<title>")[1]


@pytest.mark.parametrize("language", ["zh", "ja", "en"])
def test_logistics_lists_print_organisations_in_their_readers_script(
    login_as, delegates, language
):
    """The bus manifests as the buses page links them, in each document language: as the
    rolls do, each organisation in the readers' script, set in that script's face."""
    client = login_as("secretariat")
    page = client.get("/console/logistics/buses").get_data(as_text=True)

    def download(fmt: str) -> bytes:
        (href,) = re.findall(rf'href="([^"]*manifest\.{fmt}\?lang={language})"', page)
        return client.get(href).data

    values = workbook_values(download("xlsx"))
    wanted, unwanted = EXPECTED[language]
    assert all(text in values for text, _lang in wanted)
    assert not [text for text in unwanted if text in values]
    pdf = download("pdf")
    faces = {text.strip(): font for _page, text, font, _size in text_runs(pdf)}
    for text, lang in wanted:
        assert ("NotoSansJP" if lang == "ja" else "NotoSansSC") in faces[text], (text, faces)
