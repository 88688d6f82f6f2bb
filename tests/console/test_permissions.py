"""Every console route, every role, and no login: who gets data, who gets 403 or the login page.

The routes are read from the app's URL map, so a new console page is covered the day it
is added: it must say which permission it needs, or this test fails for it.
"""

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from seminar_reg.auth.models import StaffRole
from seminar_reg.auth.permissions import GRANTS, Permission

pytestmark = pytest.mark.same_on_every_database

# Routes open to every staff role: they show counts, never personal data.
HEADCOUNT_ROUTES = {
    "console.dashboard",
    "console.headcounts_json",
    "editions.index",  # the editions with their figures
    "editions.view",  # which edition this staff member's console shows
}
CHECKIN_BLUEPRINT = "checkin"
# Accounts, the audit trail and data retention: administrators only.
ACCOUNT_BLUEPRINTS = {"audit", "retention"}
ACCOUNT_ROUTES = {"auth.accounts", "auth.reset_account_password", "auth.account_action"}
# Every staff member changes their own password.
SELF_ROUTES = {"auth.change_password"}


def _required_permission(endpoint: str) -> Permission:
    if endpoint in HEADCOUNT_ROUTES | SELF_ROUTES:
        return Permission.VIEW_HEADCOUNTS
    if endpoint in ACCOUNT_ROUTES or endpoint.split(".")[0] in ACCOUNT_BLUEPRINTS:
        return Permission.MANAGE_ACCOUNTS
    if endpoint.split(".")[0] == CHECKIN_BLUEPRINT:
        return Permission.CHECK_IN
    return Permission.MANAGE_DELEGATES


SAMPLE_VALUES = {"fmt": "csv", "lang": "ja", "action": "cancel"}
# Values that make each blueprint's GET pages answer with data (not 404).
BLUEPRINT_SAMPLES = {"logistics": {"fmt": "pdf", "code": "clair-reception"}}


def _sample_value(rule, argument: str, delegate_id: int, invitation_id: int | None = None):
    converter = rule._converters[argument]
    if argument == "invitation_id" and invitation_id is not None:
        return invitation_id
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    if isinstance(converter, IntegerConverter):
        return delegate_id
    samples = SAMPLE_VALUES | BLUEPRINT_SAMPLES.get(rule.endpoint.split(".")[0], {})
    return samples.get(argument, "plenary")


def _console_rules(app, delegate_id: int = 1, invitation_id: int | None = None):
    """(endpoint, method, path) of every console route; ids in paths are `delegate_id`,
    or `invitation_id` for a delegation's (PostgreSQL's sequences go on between tests,
    so real ids must be passed)."""
    rules = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/console"):
            continue
        values = {
            argument: _sample_value(rule, argument, delegate_id, invitation_id)
            for argument in rule.arguments
            if argument not in (rule.defaults or {})  # e.g. /subthemes/new: row_id=None
        }
        path = rule.build(values)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            rules.append((rule.endpoint, method, path))
    return rules


def test_the_console_has_routes_to_check(app):
    endpoints = {endpoint for endpoint, _method, _path in _console_rules(app)}
    assert {"console.dashboard", "console.delegates", "console.export_delegates"} <= endpoints


def test_anonymous_visitors_are_sent_to_login_everywhere(app, seminar):
    client = app.test_client()
    for endpoint, method, path in _console_rules(app):
        response = client.open(path, method=method)
        assert response.status_code == 302, (endpoint, method, path, response.status_code)
        assert "/login" in response.headers["Location"], (endpoint, path)


@pytest.mark.parametrize("role", [role.value for role in StaffRole])
def test_each_role_gets_exactly_what_it_may(app, seminar, login_as, role):
    from seminar_reg.registration.demo import load_demo_data

    (first, _second) = load_demo_data(seminar, japan=1, china=1)
    client = login_as(role)
    for endpoint, method, path in _console_rules(app, first.id, first.invitation_id):
        response = client.open(path, method=method)
        allowed = _required_permission(endpoint) in GRANTS[role]
        if allowed and method == "GET":
            # a page or a file with the data, not a refusal and not a 404 in disguise
            assert response.status_code == 200, (role, endpoint, path, response.status_code)
        elif allowed:
            assert response.status_code != 403, (role, endpoint, method, path)
            assert response.status_code < 500, (role, endpoint, method, path)
        else:
            assert response.status_code == 403, (role, endpoint, method, path, response.status_code)
            body = response.get_data(as_text=True)
            assert "@demo.example" not in body, (role, endpoint)


def test_403_page_is_in_the_users_language(app, seminar, login_as):
    client = login_as("viewer")
    response = client.get("/console/delegates", headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 403
    assert "无权访问" in response.get_data(as_text=True)


def test_viewer_sees_headcounts_but_no_personal_data(app, seminar, login_as):
    from seminar_reg.registration.demo import load_demo_data

    load_demo_data(seminar, japan=2, china=3)
    client = login_as("viewer")
    page = client.get("/console/").get_data(as_text=True)
    figures = client.get("/console/headcounts.json").get_json()
    assert figures["totals"]["confirmed"] == {"japan": 2, "china": 3, "all": 5}
    assert "@demo.example" not in page and "@demo.example" not in str(figures)
