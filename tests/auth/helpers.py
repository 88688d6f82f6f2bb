"""Staff clients from given addresses, and the audit trail's rows for assertions."""

from __future__ import annotations

from seminar_reg.audit.models import AuditEvent
from seminar_reg.auth.models import StaffUser
from seminar_reg.extensions import db
from tests.conftest import STAFF_PASSWORD
from tests.forms import open_form

DESK = "10.0.0.7"
ELSEWHERE = "203.0.113.66"


def from_address(address: str) -> dict:
    return {"environ_base": {"REMOTE_ADDR": address}}


def log_in(client, email: str, password: str = STAFF_PASSWORD, address: str = DESK,
           lang: str = "en"):
    """Fill in the rendered login form and send it, as a person at ``address`` would."""
    form = open_form(client, f"/login?lang={lang}", field="password")
    form["email"] = email
    form["password"] = password
    return form.submit(client, **from_address(address))


def account(email: str) -> StaffUser:
    db.session.expire_all()
    return db.session.execute(db.select(StaffUser).filter_by(email=email)).scalar_one()


def events(kind: str | None = None) -> list[AuditEvent]:
    db.session.expire_all()
    query = db.select(AuditEvent).order_by(AuditEvent.id)
    if kind:
        query = query.filter_by(kind=kind)
    return list(db.session.execute(query).scalars())
