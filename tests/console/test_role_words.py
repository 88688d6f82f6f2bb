"""Staff roles are words in the reader's language, on the accounts page and in the
audit trail, never the stored code ("admin")."""

import re

import pytest

from seminar_reg.auth.models import StaffRole
from seminar_reg.vocabulary.labels import STAFF_ROLE_LABELS
from tests.forms import open_form

pytestmark = pytest.mark.same_on_every_database


def test_every_role_has_words():
    assert set(STAFF_ROLE_LABELS) == {role.value for role in StaffRole}


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html.split('<main id="main">', 1)[1])


@pytest.mark.parametrize(
    "language, administrator, desk", [("ja", "管理者", "受付"), ("zh", "管理员", "签到")]
)
def test_accounts_and_audit_trail_name_roles_in_the_readers_language(
    login_as, language, administrator, desk
):
    admin = login_as("admin")
    admin.set_cookie("lang", language)
    form = open_form(admin, "/console/accounts", field="email")
    form["email"] = "desk9@seminar.example"
    form["password"] = "a-long-enough-password"
    form["role"] = "checkin"
    form.submit(admin)
    accounts = _text(admin.get("/console/accounts").get_data(as_text=True))
    assert administrator in accounts and desk in accounts
    audit = _text(admin.get("/console/audit/").get_data(as_text=True))
    assert desk in audit
    for code in ("admin", "checkin", "secretariat", "viewer"):
        assert not re.search(rf"(?<![\w@.-]){code}(?![\w@.-])", accounts + audit), code
