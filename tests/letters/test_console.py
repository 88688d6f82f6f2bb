"""The letters console page: the form as rendered, the PDF, problems shown, who may."""

import pytest
from sqlalchemy import select, update

from seminar_reg.audit.models import AuditEvent
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import open_form
from tests.pdf_tools import assert_fonts_embedded, page_texts, squeeze

from .helpers import hamura_and_shenyang, without_members

URL = "/console/letters/"


@pytest.fixture
def delegations(seminar, built_once):
    return built_once(hamura_and_shenyang, seminar)


def test_the_page_lists_delegations_and_offers_what_it_can_write(login_as, delegations):
    client = login_as("secretariat")
    form = open_form(client, URL + "?lang=en", field="language")
    assert form.options("language") == ["ja", "zh"]
    assert form.options("organization") == ["", "東京都羽村市", "沈阳市人民政府外事办公室"]
    html = client.get(URL + "?lang=en").get_data(as_text=True)
    rows = html.split("<tbody>")[1]
    assert rows.count("<tr ") == 2 and 'data-count="members">2<' in rows
    assert "Addressed to: 主任 张伟" in rows  # the head the Shenyang letter is addressed to


def test_secretariat_writes_every_letter_in_chinese(login_as, delegations):
    client = login_as("secretariat")
    form = open_form(client, URL, field="language")
    form["language"] = "zh"
    form["issued"] = "2017-06-01"
    response = form.submit(client)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    assert "letters-16-zh.pdf" in response.headers["Content-Disposition"]
    assert response.headers["X-Letters"] == "2" and response.headers["X-Letters-Members"] == "4"
    text = squeeze("".join(page_texts(response.data)))
    assert all(name in text for name in ("并木心", "高桥太郎", "廖力强", "欧阳娜娜"))
    assert "日本国自治体国际化协会2017年6月1日" in text  # signed and dated
    assert_fonts_embedded(response.data)
    event = db.session.execute(select(AuditEvent).order_by(AuditEvent.id.desc())).scalars().first()
    assert event.kind == "export" and event.subject == "letters-16-zh.pdf" and event.people == 4


def test_one_delegations_letter_in_japanese(login_as, delegations):
    (invitation, _members), _other = delegations
    client = login_as("admin")
    form = open_form(client, URL, field="language")
    form["language"] = "ja"
    form["organization"] = "東京都羽村市"
    response = form.submit(client)
    assert response.status_code == 200
    assert f"letters-16-{invitation.id}-ja.pdf" in response.headers["Content-Disposition"]
    text = squeeze("".join(page_texts(response.data)))
    assert "並木心" in text and "髙橋太郎" in text and "廖力強" not in text


def test_the_editions_signatory_signs_under_the_organiser(login_as, delegations):
    """Set once per edition on the programme settings page (all three languages or
    none); every letter then names who signs for the organiser, in its own language."""
    client = login_as("secretariat")
    form = open_form(client, "/console/program/", action="/texts")
    form["texts-signatory_ja"] = "理事長　岡本保"
    form["texts-signatory_zh"] = "理事长　冈本保"
    refused = form.submit(client)  # no English: the three go together
    assert refused.status_code == 400 and 'href="#texts-signatory_en"' in refused.get_data(
        as_text=True)
    form = open_form(client, "/console/program/", action="/texts")
    form["texts-signatory_ja"] = "理事長　岡本保"
    form["texts-signatory_zh"] = "理事长　冈本保"
    form["texts-signatory_en"] = "Tamotsu Okamoto, Chairman"
    assert form.submit(client).status_code == 302
    for language, signed in (("ja", "自治体国際化協会理事長岡本保"),
                             ("zh", "日本国自治体国际化协会理事长冈本保2017年6月1日")):
        form = open_form(client, URL, field="language")
        form["language"], form["issued"] = language, "2017-06-01"
        response = form.submit(client)
        assert response.status_code == 200
        assert signed in squeeze("".join(page_texts(response.data)))


def test_a_delegations_link_presets_the_form(login_as, delegations):
    client = login_as("secretariat")
    html = client.get(URL + "?lang=en").get_data(as_text=True)
    row = html.split(f'data-invitation="{delegations[1][0].id}"')[1].split("</tr>")[0]
    link = row.split('href="')[2].split('"')[0].replace("&amp;", "&")  # its 邀请函 link
    assert '#letters" lang="ja">招へい状</a>' in row
    assert '#letters" lang="zh-Hans">邀请函</a>' in row
    form = open_form(client, link, field="language")
    assert form["language"] == "zh" and form["organization"] == "沈阳市人民政府外事办公室"
    response = form.submit(client)
    assert response.status_code == 200 and response.headers["X-Letters"] == "1"
    assert "廖力强" in squeeze("".join(page_texts(response.data)))


def test_an_undrawable_name_is_shown_with_person_and_character(login_as, delegations):
    _hamura, (_invitation, (liao, _ouyang)) = delegations
    db.session.execute(update(Delegate).where(Delegate.id == liao.id).values(title="处长😀"))
    db.session.commit()
    client = login_as("secretariat")
    form = open_form(client, URL + "?lang=en", field="language")
    form["language"] = "ja"
    response = form.submit(client)
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert "Letters that cannot be written" in page
    assert "廖力强" in page and "U+1F600" in page and f"delegate {liao.id}" in page


def test_no_members_no_letters(login_as, seminar):
    without_members(seminar, "japan", "大阪府")
    client = login_as("secretariat")
    form = open_form(client, URL + "?lang=en", field="language")
    assert form.options("organization") == [""]
    response = form.submit(client)
    assert response.status_code == 400
    assert "No delegation has registered members" in response.get_data(as_text=True)


def test_the_date_is_today_at_the_venue_unless_changed(login_as, delegations):
    from seminar_reg.clock import venue_today

    client = login_as("secretariat")
    days = {venue_today().isoformat()}  # read before and after the page (midnight)
    form = open_form(client, URL, field="language")
    days.add(venue_today().isoformat())
    assert form["issued"] in days


def test_a_forged_choice_is_refused_without_a_letter(login_as, delegations):
    client = login_as("secretariat")
    today = "2017-06-01"
    for data in (
        {"language": "en", "issued": today},
        {"language": "ja", "organization": "大阪府", "issued": today},
        {"language": "ja", "issued": "2017-02-30"},
        {"language": "ja", "issued": ""},
    ):
        response = client.post(URL, data={**data, "make_pdf": "y"})
        assert response.status_code == 400 and response.mimetype == "text/html"
        # The same as a preset for the page: shown, never written
        response = client.get(URL, query_string=data)
        assert response.status_code == 200 and response.mimetype == "text/html"


@pytest.mark.parametrize("role", ["checkin", "viewer"])
def test_checkin_and_organiser_accounts_may_not_write_letters(login_as, delegations, role):
    client = login_as(role)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"language": "ja", "make_pdf": "y"}).status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, delegations):
    response = client.post(URL, data={"language": "ja"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_the_page_speaks_each_language(login_as, delegations, language):
    html = login_as("secretariat").get(f"{URL}?lang={language}").get_data(as_text=True)
    heading = {"ja": "招へい状・邀请函", "zh": "邀请函", "en": "Invitation letters"}[language]
    assert f"<h1>{heading}" in html
