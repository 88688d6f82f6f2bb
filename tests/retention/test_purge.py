"""Item 6: delegates of a finished seminar are anonymised; headcounts stay the same."""

import json

import pytest
from sqlalchemy import String, Text, select

from seminar_reg.checkin.models import CheckIn
from seminar_reg.console.queries import dashboard_figures
from seminar_reg.delegations.models import Invitation, InvitationChange, MembershipRequest
from seminar_reg.extensions import db
from seminar_reg.mail.models import OutgoingMail
from seminar_reg.program.models import ProgramItem
from seminar_reg.registration.demo import load_demo_data
from seminar_reg.registration.models import Delegate
from tests.auth.helpers import events
from tests.forms import form_of, open_form

# The 2017 seminar ended on 2017-07-28.
AFTER_IT = "2017-08-01"
ITS_LAST_DAY = "2017-07-28"


@pytest.fixture
def registered(app, seminar):
    """Seven delegates with history, a desk note and travel details; what identifies them."""
    delegates = load_demo_data(seminar, japan=3, china=4)
    first = delegates[0]
    first.phone, first.arrival_place, first.dietary_note = "+81 90 1234 5678", "PVG T2", "蕎麦"
    db.session.add(operations_change(first))
    plenary = db.session.execute(select(ProgramItem).filter_by(code="plenary")).scalar_one()
    db.session.add(CheckIn(delegate_id=first.id, item_id=plenary.id, method="manual",
                           note="passport E1234567 checked"))
    db.session.add(OutgoingMail(kind="confirmation", recipient=first.email.upper(),
                                message=f"Dear {first.family_name}".encode(), status="failed"))
    invitation = db.session.get(Invitation, first.invitation_id)  # demo data: a delegation
    invitation.organization.head_name = "並木市長"
    invitation.changes.append(InvitationChange(actor="contact", field="member_added",
                                               after="並木 加奈子"))
    # A contact's open request to someone registered already (a typed name, a live link).
    db.session.add(MembershipRequest(invitation_id=invitation.id, delegate_id=delegates[-1].id,
                                     requested_name="招待 太郎", token_hash="0" * 64))
    db.session.commit()
    identifying = {"並木市長", "並木 加奈子", "招待 太郎"}
    for d in delegates:
        identifying |= {d.family_name + d.given_name, d.email, d.family_latin,
                        d.given_reading, d.organization}
    identifying |= {"+81 90 1234 5678", "PVG T2", "passport E1234567 checked", "old@x.jp"}
    return delegates, {value for value in identifying if value}


def operations_change(delegate):
    from seminar_reg.registration.models import DelegateChange

    return DelegateChange(delegate_id=delegate.id, actor="sec@seminar.example", field="email",
                          before="old@x.jp", after=delegate.email)


# The programme's own content (organisers, venues, history) is public, not delegates'.
PUBLIC_TABLES = {"seminar", "sub_theme", "seminar_organization", "program_day",
                 "program_item", "edition"}
# Invited organisations are public bodies, kept for next year's invitations (their heads'
# names are personal and are checked).
PUBLIC_COLUMNS = {("organization", "name_ja"), ("organization", "name_zh"),
                  ("organization", "name_en")}


def _all_text_in_the_database() -> str:
    """Every text value of every other table: where a name could hide after a purge."""
    values = []
    for table in db.metadata.sorted_tables:
        if table.name in PUBLIC_TABLES:
            continue
        columns = [c for c in table.columns if isinstance(c.type, String | Text)
                   and (table.name, c.name) not in PUBLIC_COLUMNS]
        if columns:
            for row in db.session.execute(select(*columns)):
                values.extend(str(v) for v in row if v)
    return "\n".join(values)


def _counts(seminar):
    figures = dashboard_figures(seminar)
    return figures["totals"], figures["items"]


def _run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def test_the_dry_run_says_what_it_would_do_and_changes_nothing(app, seminar, registered):
    _delegates, identifying = registered
    result = _run(app, "purge", "--before", AFTER_IT, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would anonymise" in result.output
    assert "edition(s) 16" in result.output
    assert "7 delegate(s) (3 Japanese side, 4 Chinese side)" in result.output
    assert "1 desk note(s), 1 stored mail(s)" in result.output
    text = _all_text_in_the_database()
    assert all(value in text for value in identifying)


def test_purge_removes_every_identifying_value_and_keeps_every_count(app, seminar, registered):
    _delegates, identifying = registered
    before = _counts(seminar)
    headcounts = json.loads(_run(app, "headcounts", "--json").output)

    result = _run(app, "purge", "--before", AFTER_IT)
    assert result.exit_code == 0, result.output
    assert "anonymised: " in result.output and "7 delegate(s)" in result.output

    db.session.expire_all()
    text = _all_text_in_the_database()
    assert [value for value in identifying if value in text] == []
    assert _counts(seminar) == before
    assert json.loads(_run(app, "headcounts", "--json").output) == headcounts
    rows = db.session.execute(select(Delegate)).scalars().all()
    assert all(d.anonymised_at and d.manage_token_hash is None for d in rows)
    assert db.session.execute(select(OutgoingMail)).first() is None
    assert {d.side for d in rows} == {"japan", "china"}
    purge_event = events("purge")[-1]
    assert purge_event.people == 7 and purge_event.actor.startswith("command line")
    again = _run(app, "purge", "--before", AFTER_IT)
    assert "0 delegate(s)" in again.output


def test_a_seminar_is_purged_only_once_it_has_ended(app, seminar, registered):
    result = _run(app, "purge", "--before", ITS_LAST_DAY)
    assert "0 delegate(s)" in result.output
    future = _run(app, "purge", "--before", "2999-01-01")
    assert future.exit_code != 0 and "in the future" in future.output
    assert db.session.execute(select(Delegate.anonymised_at)).scalars().all() == [None] * 7


@pytest.fixture
def admin(login_as):
    client = login_as("admin")
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_admin_page_previews_then_anonymises_after_confirmation(
    app, seminar, registered, admin
):
    form = open_form(admin, "/console/retention/", action="/console/retention/")
    form["before"] = AFTER_IT
    preview = form.submit(admin, button="preview")
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Delegates to anonymise: 7 (Japanese side 3, Chinese side 4)" in page
    assert db.session.execute(select(Delegate.anonymised_at)).scalars().all() == [None] * 7

    unconfirmed = form_of(preview, action="/console/retention/")
    refused = unconfirmed.submit(admin, button="purge")
    assert refused.status_code == 400 and "Tick this box to anonymise." in refused.get_data(
        as_text=True)
    assert db.session.execute(select(Delegate.anonymised_at)).scalars().all() == [None] * 7

    confirmed = form_of(refused, action="/console/retention/")
    confirmed.check("confirm")
    done = confirmed.submit(admin, button="purge", follow_redirects=True)
    assert "7 delegates anonymised." in done.get_data(as_text=True)
    db.session.expire_all()
    assert all(db.session.execute(select(Delegate.anonymised_at)).scalars())
    assert events("purge")[-1].actor == "admin@seminar.example"


def test_the_admin_page_refuses_a_future_date_next_to_the_field(app, seminar, admin):
    form = open_form(admin, "/console/retention/", action="/console/retention/")
    form["before"] = "2999-01-01"
    response = form.submit(admin, button="preview")
    assert response.status_code == 400
    assert "Choose a date no later than today." in response.get_data(as_text=True)


def test_anonymised_delegates_stay_listed_under_a_number(app, seminar, registered, login_as):
    _run(app, "purge", "--before", AFTER_IT)
    secretariat = login_as("secretariat")
    page = secretariat.get("/console/delegates?lang=en").get_data(as_text=True)
    first = db.session.execute(select(Delegate).order_by(Delegate.id)).scalars().first()
    assert f"Anonymised #{first.id}</a>" in page
    detail = secretariat.get(f"/console/delegates/{first.id}?lang=en")
    assert detail.status_code == 200 and f"Anonymised #{first.id}</h1>" in detail.get_data(
        as_text=True)
