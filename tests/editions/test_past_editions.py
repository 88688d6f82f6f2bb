"""A past edition is read and printed as it is, never changed: the commands that change
records refuse `--edition` of another edition than the current one with one line, the
lists and documents of that edition still come out, printing a past edition's badges
leaves its print log alone, and the console writes its letters."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from seminar_reg.logistics.models import Bus
from seminar_reg.program.editions import create_edition, make_current
from seminar_reg.registration.models import Delegate, DelegateChange
from tests.editions.helpers import view_edition
from tests.factories import add_japanese
from tests.forms import open_form
from tests.letters.helpers import hamura, shenyang
from tests.logistics.helpers import workbook_values
from tests.pdf_tools import page_texts, squeeze

REFUSED_JA = "第16回は現在の回ではありません"


@pytest.fixture
def sixteenth_past(seminar):
    """The 16th with two delegations and a bus plan, then the 17th made current."""
    delegations = hamura(seminar), shenyang(seminar)
    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    return seminar, delegations


def _print_log() -> list:
    db.session.expire_all()
    printed = db.session.execute(select(Delegate.id, Delegate.badge_printed_at)).all()
    changes = db.session.execute(
        select(func.count(DelegateChange.id)).where(DelegateChange.field == "badge_printed")
    ).scalar_one()
    return [sorted(printed), changes]


def _run(runner, *args: str):
    return runner.invoke(args=list(args))


def test_changing_commands_refuse_a_past_edition_and_change_nothing(runner, sixteenth_past):
    _seminar, ((_invitation, members), _shenyang) = sixteenth_past
    namiki = members[0]
    for args in (
        ["buses", "plan", "--edition", "16"],
        ["buses", "move", str(namiki.id), "1", "--edition", "16"],
        ["buses", "place-new", "--edition", "16"],
        ["seating", "plan", "--edition", "16"],
        ["seating", "move", str(namiki.id), "1", "--edition", "16"],
        ["seating", "place-new", "--edition", "16"],
        ["invite", "新しい市", "--side", "japan", "--email", "new@example.jp", "--edition", "16"],
    ):
        result = _run(runner, *args)
        assert result.exit_code == 1 and REFUSED_JA in result.output, (args, result.output)
    # In the language asked for, as every logistics refusal.
    result = _run(runner, "buses", "plan", "--edition", "16", "--lang", "zh")
    assert "第16届不是当前届次" in result.output
    db.session.expire_all()
    assert db.session.execute(select(func.count(Bus.id))).scalar_one() == 0
    assert db.session.execute(select(func.count(Invitation.id))).scalar_one() == 2
    # The current edition's plans are still made by the same commands.
    result = _run(runner, "buses", "plan")
    assert result.exit_code == 0 and "No buses planned yet." in result.output  # nobody yet


def test_reading_commands_give_a_past_editions_lists_and_documents(
    runner, sixteenth_past, tmp_path
):
    for args, expected in (
        (["buses", "list", "--edition", "16"], "No buses planned yet."),
        (["seating", "list", "--edition", "16"], "No seating planned yet."),
        (["delegations", "--edition", "16"], "東京都羽村市"),
        (["rooming", "--edition", "16"], "Guests:"),
    ):
        result = _run(runner, *args)
        assert result.exit_code == 0 and expected in result.output, (args, result.output)
    before = _print_log()
    out = tmp_path / "badges-16.pdf"
    result = _run(runner, "badges", "--edition", "16", "--out", str(out))
    assert result.exit_code == 0, result.output
    text = squeeze("".join(page_texts(out.read_bytes())))
    assert "並木" in text and "廖" in text
    # Printing the 16th's badges again leaves its print log as the 16th left it.
    assert _print_log() == before
    letters = tmp_path / "letters-16.pdf"
    result = _run(runner, "letters", "--edition", "16", "--lang", "zh", "--out", str(letters))
    assert result.exit_code == 0, result.output
    assert "并木心" in squeeze("".join(page_texts(letters.read_bytes())))


def test_the_console_prints_a_past_editions_letters_and_badges(login_as, sixteenth_past):
    staff = login_as("secretariat")
    staff.set_cookie("lang", "en")
    view_edition(staff, 16)

    form = open_form(staff, "/console/letters/", field="language")
    form["language"] = "zh"
    form["issued"] = "2017-06-01"
    response = form.submit(staff)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "letters-16-zh.pdf" in response.headers["Content-Disposition"]
    assert "并木心" in squeeze("".join(page_texts(response.data)))

    before = _print_log()
    badges = open_form(staff, "/console/badges/", field="query")
    response = badges.submit(staff, button="make_pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["X-Badges-Printed"] == "4"
    assert _print_log() == before

    # A change to the 16th's plans is still refused.
    response = staff.get("/console/logistics/buses")
    assert response.status_code == 200
    plan = open_form(staff, "/console/logistics/buses", action="/plan")
    response = plan.submit(staff)
    assert response.status_code == 302 and response.location.endswith("/console/editions/")
    page = staff.get(response.location).get_data(as_text=True)
    assert "Edition 16 is not the current edition" in page
    assert db.session.execute(select(func.count(Bus.id))).scalar_one() == 0


def test_a_past_editions_delegation_takes_no_more_members(app, seminar):
    """The 16th had no registration deadline and the invitation its own, still to
    come: once the 17th is current, the 16th's contact can read but not register."""
    from urllib.parse import urlsplit

    from seminar_reg.clock import utcnow
    from seminar_reg.delegations.operations import invite, organization_for
    from tests.delegations.helpers import MEMBER
    from tests.registration.helpers import fill

    organization = organization_for("japan", "東京都羽村市", "local_government")
    _invitation, link = invite(
        seminar, organization, "kokusai@hamura.example.jp", language="en", actor="secretariat",
        deadline=utcnow() + dt.timedelta(days=30),
    )
    contact = app.test_client()
    contact.set_cookie("lang", "en")
    contact.get(urlsplit(link).path)
    stale = open_form(contact, "/delegation", action="/delegation/members")  # page left open
    fill(stale, {k: v for k, v in MEMBER.items() if k != "consent"})
    stale.check("consent")

    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    make_current(17)
    page = contact.get("/delegation").get_data(as_text=True)
    assert "can no longer be changed" in page and 'action="/delegation/members' not in page
    response = stale.submit(contact, follow_redirects=True)
    assert "can no longer be changed" in response.get_data(as_text=True)
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == 0


def test_the_dashboard_puts_this_editions_live_figures_beside_earlier_reports(
    login_as, seminar
):
    """The 17th current with one registration: its live figures, and the 16th's reported
    73 / 92 / 165 beside them; the 16th, read back, has nothing of the 17th."""
    create_edition(17, source_number=16, start=dt.date(2018, 7, 25))
    new = make_current(17)
    add_japanese(new, "並木", "なみき")
    viewer = login_as("viewer")
    page = viewer.get("/console/?lang=en").get_data(as_text=True)
    assert 'data-total="confirmed.all">1<' in page
    rows = page.split('<tr class="reported"')[1:]
    assert [row.split('data-reported="', 1)[1].split('"', 1)[0] for row in rows] == ["16"]
    assert all(f"<td>{n}</td>" in rows[0] for n in (73, 92, 165))
    assert "Reported for edition 16 (2017)" in rows[0]

    view_edition(viewer, 16)
    page = viewer.get("/console/?lang=en").get_data(as_text=True)
    assert 'data-total="confirmed.all">0<' in page and 'data-reported="17"' not in page


def test_every_console_page_reads_a_past_edition(login_as, sixteenth_past):
    """Issue #13 item 1: delegates, change history, rolls, badges, logistics, headcounts
    and delegations of the 16th, read in the console while the 17th is current."""
    _seminar, ((_invitation, members), _shenyang) = sixteenth_past
    namiki = members[0]
    staff = login_as("secretariat")
    staff.set_cookie("lang", "en")
    view_edition(staff, 16)

    for url, expected in (
        ("/console/delegates", "並木"),
        (f"/console/delegates/{namiki.id}", "東京都羽村市"),  # its history: the delegation
        ("/console/rolls/", "plenary"),
        ("/console/badges/", 'data-count="4"'),
        ("/console/logistics/", "edition-banner"),
        ("/console/logistics/rooming", "edition-banner"),
        ("/console/logistics/catering", "edition-banner"),
        ("/console/delegations/", "東京都羽村市"),
        ("/console/letters/", "沈阳市人民政府外事办公室"),
        ("/console/", 'data-total="confirmed.all">4<'),
    ):
        response = staff.get(url)
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and expected in page, url
        assert "edition-banner" in page, url  # says it is not the current edition
    roll = staff.get("/console/rolls/all/en.xlsx")
    assert roll.status_code == 200
    assert "並木" in str(workbook_values(roll.data)) or "Namiki" in str(workbook_values(roll.data))
    assert staff.get("/console/headcounts.json").get_json()["totals"]["confirmed"]["all"] == 4
