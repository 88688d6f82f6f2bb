"""At the desk: undo a check-in, reprint one badge, register a walk-in, through the
rendered forms."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from seminar_reg.audit.models import AuditEvent
from seminar_reg.checkin.models import CheckIn
from seminar_reg.extensions import db
from seminar_reg.mail.models import OutgoingMail
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.models import Delegate
from seminar_reg.rolls.queries import roll_delegates
from tests.forms import FormError, form_of, open_form

from .helpers import make_delegate

PERSON = "/console/checkin/plenary/people/{id}"


def checkins() -> int:
    db.session.rollback()
    return db.session.execute(select(func.count(CheckIn.id))).scalar_one()


def test_a_check_in_is_undone_with_a_reason_in_the_audit_trail(desk, namiki):
    desk({"code": namiki.checkin_code})
    client = desk.client
    page = client.get(PERSON.format(id=namiki.id)).get_data(as_text=True)
    assert "Checked in at" in page and "(UTC+8)" in page
    form = open_form(client, PERSON.format(id=namiki.id), action="/undo")
    form["reason"] = "Scanned the wrong badge"
    response = form.submit(client, follow_redirects=True)
    assert "The check-in of 並木 心 was undone." in response.get_data(as_text=True)
    assert checkins() == 0
    event = db.session.execute(
        select(AuditEvent).where(AuditEvent.kind == "checkin_undone")
    ).scalar_one()
    assert event.subject == f"plenary: delegate {namiki.id}"
    assert event.detail.startswith("Scanned the wrong badge (checked in ")
    assert event.actor == "checkin@seminar.example"
    # the desk admits them again afterwards
    assert desk({"code": namiki.checkin_code}).get_json()["outcome"] == "checked_in"


def test_undo_needs_a_reason_and_the_form_is_gone_when_nobody_is_checked_in(desk, namiki):
    desk({"code": namiki.checkin_code})
    client = desk.client
    form = open_form(client, PERSON.format(id=namiki.id), action="/undo")
    response = form.submit(client)
    assert response.status_code == 400 and checkins() == 1
    assert "This field is required." in response.get_data(as_text=True)
    form = form_of(response, action="/undo")
    form["reason"] = "Left again at once"
    form.submit(client)
    assert checkins() == 0
    with pytest.raises(FormError):
        open_form(client, PERSON.format(id=namiki.id), action="/undo")


def test_one_badge_is_reprinted_on_the_single_card_layout(desk, namiki):
    import io

    from pypdf import PdfReader

    client = desk.client
    form = open_form(client, PERSON.format(id=namiki.id), action="/badge")
    response = form.submit(client)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    pages = PdfReader(io.BytesIO(response.data)).pages
    assert len(pages) == 1
    width, height = (float(v) * 25.4 / 72 for v in pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (90, 55)
    assert "並木" in pages[0].extract_text()
    db.session.refresh(namiki)
    assert namiki.badge_printed_at is not None
    assert db.session.execute(
        select(AuditEvent).where(AuditEvent.kind == "badges")
    ).scalar_one().people == 1


def test_a_walk_in_is_registered_admitted_and_on_the_roll(desk, seminar):
    client = desk.client
    form = open_form(client, "/console/checkin/plenary/walk-in", action="/walk-in")
    form["side"] = "japan"
    form["family_name"] = "松本"
    form["given_name"] = "花子"
    form["family_reading"] = "まつもと"
    form["given_reading"] = "はなこ"
    form["organization"] = "鳥取県"
    response = form.submit(client, follow_redirects=True)
    assert "松本 花子 is registered and checked in." in response.get_data(as_text=True)
    walk_in = db.session.execute(select(Delegate).where(Delegate.given_name == "花子")).scalar_one()
    assert walk_in.source == "walk-in" and walk_in.email == ""
    assert walk_in.family_latin == "Matsumoto" and walk_in.cross_family_name == "松本"
    assert walk_in.organization_type == "local_government"
    row = db.session.execute(select(CheckIn)).scalar_one()
    assert (row.delegate_id, row.method) == (walk_in.id, "walk-in")
    assert walk_in in roll_delegates(seminar, item_by_code(seminar, "plenary"))
    assert db.session.execute(select(func.count(OutgoingMail.id))).scalar_one() == 0  # no mail
    assert db.session.execute(
        select(AuditEvent).where(AuditEvent.kind == "walk_in")
    ).scalar_one().subject == f"plenary: delegate {walk_in.id}"
    # a second walk-in (also without an address) does not collide with the first
    form = open_form(client, "/console/checkin/plenary/walk-in", action="/walk-in")
    form["side"] = "china"
    form["given_name"] = "伟"
    form["family_name"] = "李"
    form["organization"] = "大连市旅游局"
    response = form.submit(client, follow_redirects=True)
    assert "李伟 is registered and checked in." in response.get_data(as_text=True)
    assert checkins() == 2
    # the dashboard counts both, one per side
    (plenary,) = [
        row for row in client.get("/console/headcounts.json").get_json()["items"]
        if row["code"] == "plenary"
    ]
    assert plenary["checked_in"] == {"japan": 1, "china": 1, "all": 2}
    assert plenary["confirmed"]["all"] == 2


def test_the_walk_in_form_tells_the_desk_nothing_about_addresses(desk, seminar):
    """Desk staff find registered people by name; an address is the secretariat's."""
    make_delegate(seminar, "namiki", email="namiki@example.jp")
    client = desk.client
    form = open_form(client, "/console/checkin/plenary/walk-in", action="/walk-in")
    with pytest.raises(FormError):
        form["email"] = "namiki@example.jp"  # there is no such field to type it in
    form["side"] = "japan"
    form["family_name"], form["given_name"] = "並木", "心"
    form["family_reading"], form["given_reading"] = "なみき", "こころ"
    form["organization"] = "東京都羽村市"
    page = form.submit(client, follow_redirects=True).get_data(as_text=True)
    assert "並木 心 is registered and checked in." in page
    assert "namiki@example.jp" not in page and "already registered" not in page


def test_the_walk_in_form_asks_for_the_kana_of_a_japanese_name(desk, seminar):
    client = desk.client
    form = open_form(client, "/console/checkin/plenary/walk-in", action="/walk-in")
    form["side"] = "japan"
    form["family_name"] = "松本"
    form["given_name"] = "花子"
    form["given_reading"] = "Hanako"
    form["organization"] = "鳥取県"
    response = form.submit(client)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Please enter the reading of the name in kana." in page
    assert "The reading must be written in hiragana or katakana." in page
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == 0


def test_a_walk_in_for_a_full_item_waits_and_is_not_checked_in(desk, seminar):
    item = item_by_code(seminar, "plenary")
    item.capacity = 1
    db.session.commit()
    make_delegate(seminar, "namiki", ("plenary",))
    client = desk.client
    form = open_form(client, "/console/checkin/plenary/walk-in", action="/walk-in")
    form["side"] = "china"
    form["given_name"] = "伟"
    form["family_name"] = "李"
    form["organization"] = "大连市人民政府"
    response = form.submit(client, follow_redirects=True)
    assert "the item is full: on its waiting list" in response.get_data(as_text=True)
    assert checkins() == 0


@pytest.mark.parametrize(
    "language, status",
    [
        ("ja", "このプログラムに登録済み、まだ受付していません"),
        ("zh", "已报名此项日程，尚未签到"),
        ("en", "Registered for this item, not checked in yet"),
    ],
)
def test_a_registered_persons_status_is_one_sentence_in_each_language(
    desk, namiki, language, status
):
    """Joined as two translations with an ASCII ", " it read 登録済み, まだ in Japanese."""
    page = desk.client.get(f"{PERSON.format(id=namiki.id)}?lang={language}").get_data(
        as_text=True
    )
    assert status in page
