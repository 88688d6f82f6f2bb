"""Staff sending a delegation's join request again mail a person a new link each time:
limited as the lost-link form is (RATELIMIT_LOST_LINK), answered with the 429 page."""

from __future__ import annotations

from sqlalchemy import select

from seminar_reg.auth.operations import create_user
from seminar_reg.delegations.models import Invitation
from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.delegations.test_waiting import join_paths, typed_at_a_registered_address
from tests.forms import form_of, open_form


def test_sending_a_join_request_again_is_limited(custom_app):
    app = custom_app(RATELIMIT_ENABLED=True, RATELIMIT_LOST_LINK="2 per minute")
    typed_at_a_registered_address(app)
    create_user("secretariat@seminar.example", STAFF_PASSWORD, "secretariat")
    staff = app.test_client()
    login = open_form(staff, "/login", field="password")
    login["email"], login["password"] = "secretariat@seminar.example", STAFF_PASSWORD
    assert login.submit(staff).status_code == 302
    invitation = db.session.execute(select(Invitation)).scalar_one()
    form = form_of(staff.get(f"/console/delegations/{invitation.id}?lang=en"), action="/send")

    statuses = [form.submit(staff).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert len(join_paths(app)) == 3  # the first and two sent again, not a third
