"""Members a contact added at an address registered already, beside the person
registered there: every staff page that counts or prints people says how many wait, the
badge run holds the typed member back, and staff may send the request again. The
contact's page shows none of it. Everything through the rendered pages and forms."""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import select, update

from seminar_reg.audit.models import AuditEvent
from seminar_reg.delegations.models import Invitation, MembershipRequest
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import form_of, open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import JAPANESE, register_through_form

from .helpers import MEMBER, add_member, invite

OWNER = dict(JAPANESE, organization="東京都八王子市", email="owner@hachioji.example.jp",
             item_codes=["plenary", "pr-session"])
TYPED = dict(MEMBER, family_name="八木", family_reading="やぎ", email=OWNER["email"])
NOTICE = ("1 member added by a delegation may be a person registered already "
          "(waiting for their answer).")
JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")
PAGES = ["/console/", "/console/delegations/", "/console/badges/", "/console/rolls/",
         "/console/letters/", "/console/logistics/", "/console/logistics/buses",
         "/console/logistics/catering"]


def typed_at_a_registered_address(app):
    """The owner registers on the form; a contact adds 八木 at the owner's address."""
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    contact = app.test_client()
    contact.get(invite(app, "東京都羽村市", "tanto@hamura.example.jp",
                       "--organization-type", "local_government"))
    assert add_member(contact, TYPED).status_code == 302
    owner = db.session.execute(select(Delegate).where(Delegate.email == OWNER["email"])
                               ).scalar_one()
    typed = db.session.execute(select(Delegate).where(Delegate.family_name == "八木")
                               ).scalar_one()
    return contact, owner, typed


def _staff(login_as, role="secretariat"):
    client = login_as(role)
    client.set_cookie("lang", "en")
    return client


def _text(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def _without_tokens(page: str) -> str:
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", page)


def join_paths(app) -> list[str]:
    return [JOIN_LINK.search(body(mail)).group(1) for mail in mails_to(app, OWNER["email"])
            if JOIN_LINK.search(body(mail))]


def test_every_page_that_counts_people_says_who_may_be_counted_twice(app, seminar, login_as):
    contact, owner, typed = typed_at_a_registered_address(app)
    staff = _staff(login_as)
    for path in PAGES:
        page = _text(staff, path)
        assert NOTICE in page and 'href="/console/delegations/waiting"' in page, path

    pairs = _text(staff, "/console/delegations/waiting")
    row = re.search(r'<tr data-request="\d+">(.*?)</tr>', pairs, re.S).group(1)
    assert f"/console/delegates/{typed.id}" in row and typed.full_name in row
    assert f"/console/delegates/{owner.id}" in row and owner.full_name in row
    assert OWNER["email"] in row and "東京都八王子市" in row

    for language, words in (("ja", "既に登録済みの人かもしれません"), ("zh", "可能是已报名的人")):
        assert words in _text(staff, f"/console/?lang={language}")
    # Figures are for every role, the pairs (personal data) are not.
    viewer = _staff(login_as, "viewer")
    dashboard = _text(viewer, "/console/")
    assert NOTICE in dashboard and "/console/delegations/waiting" not in dashboard
    assert viewer.get("/console/delegations/waiting").status_code == 403

    # The contact's page says nothing of it (tests/delegations/test_same_answer.py).
    page = contact.get("/delegation").get_data(as_text=True)
    for private in (owner.full_name, owner.organization, "このメールアドレスは登録済み",
                    "メールで確認", "回答待ち", "/console/"):
        assert private not in page

    # The person joins: one person, no notice.
    person = app.test_client()
    (path,) = join_paths(app)
    open_form(person, path).submit(person, button="join")
    for path in PAGES:
        assert "may be a person registered already" not in _text(staff, path), path
    assert "None: every join request has been answered." in _text(
        staff, "/console/delegations/waiting")


def test_the_badge_run_holds_the_typed_member_back_and_prints_them_alone(app, seminar, login_as):
    _contact, owner, typed = typed_at_a_registered_address(app)
    staff = _staff(login_as)
    page = _text(staff, "/console/badges/")
    held = re.search(r'<ul id="held-back">(.*?)</ul>', page, re.S).group(1)
    assert typed.full_name in held and owner.full_name in held
    assert f"/console/badges/?delegate={typed.id}" in held

    response = open_form(staff, "/console/badges/", field="query").submit(
        staff, button="make_pdf")
    assert response.status_code == 200 and response.headers["X-Badges-Printed"] == "1"
    db.session.expire_all()
    assert db.session.get(Delegate, owner.id).badge_printed_at is not None
    assert db.session.get(Delegate, typed.id).badge_printed_at is None

    response = open_form(staff, f"/console/badges/?delegate={typed.id}",
                         field="layout").submit(staff, button="make_pdf")
    assert response.headers["X-Badges-Printed"] == "1"
    db.session.expire_all()
    assert db.session.get(Delegate, typed.id).badge_printed_at is not None


def test_staff_send_the_request_again_with_a_new_link_for_thirty_days(app, seminar, login_as):
    contact, owner, typed = typed_at_a_registered_address(app)
    invitation = db.session.execute(select(Invitation)).scalar_one()
    contact.get("/delegation")  # the flash of the member added
    contact_saw = _without_tokens(contact.get("/delegation").get_data(as_text=True))
    # Forty days on: the first link has stopped and the page says so.
    db.session.execute(update(MembershipRequest).values(
        created_at=dt.datetime(2000, 1, 1)))
    db.session.commit()
    (first,) = join_paths(app)
    assert app.test_client().get(first).status_code == 404
    staff = _staff(login_as)
    detail = staff.get(f"/console/delegations/{invitation.id}")
    assert "the link has expired" in detail.get_data(as_text=True)
    assert "the link has expired" in _text(staff, "/console/delegations/waiting")

    form = form_of(detail, action="/send")
    response = form.submit(staff)
    assert response.status_code == 302
    after = staff.get(response.headers["Location"]).get_data(as_text=True)
    assert f"sent again to {OWNER['email']}, with a new link" in after
    assert "the link has expired" not in after

    first_again, second = join_paths(app)
    assert first_again == first and second != first
    person = app.test_client()
    assert person.get(first).status_code == 404
    assert person.get(second).status_code == 302  # opens again, for thirty days
    (event,) = db.session.execute(select(AuditEvent).where(
        AuditEvent.kind == "join_request_sent")).scalars()
    assert event.actor.startswith("secretariat") and str(owner.id) in event.subject
    assert typed.full_name in _text(staff, "/console/delegations/waiting")  # still waiting
    # The contact's page is as it was: staff asking again is not theirs to see.
    assert _without_tokens(contact.get("/delegation").get_data(as_text=True)) == contact_saw


def test_sending_again_is_only_for_the_delegations_own_request(app, seminar, login_as):
    typed_at_a_registered_address(app)
    invitation = db.session.execute(select(Invitation)).scalar_one()
    staff = _staff(login_as)
    form = form_of(staff.get(f"/console/delegations/{invitation.id}"), action="/send")
    other = form.url.replace(f"/{invitation.id}/", f"/{invitation.id + 1}/")
    assert staff.post(other).status_code == 404
    assert login_as("viewer").post(form.url).status_code == 403
    assert len(join_paths(app)) == 1  # nothing sent


def test_the_badge_command_says_whom_it_left_out(app, seminar, tmp_path):
    _contact, owner, typed = typed_at_a_registered_address(app)
    out = tmp_path / "badges.pdf"
    result = app.test_cli_runner().invoke(args=["badges", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output and ": 1 badge," in result.output
    assert (f"Left out until the person answers: {typed.full_name} (--delegate {typed.id}), "
            f"who may be {owner.full_name} registered already.") in result.stderr
    alone = app.test_cli_runner().invoke(
        args=["badges", "--out", str(out), "--delegate", str(typed.id)])
    assert ": 1 badge," in alone.output and "Left out" not in alone.stderr
