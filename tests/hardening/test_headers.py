"""Security headers on every response, HSTS only over HTTPS, no caching of personal pages,
and templates that work under a CSP without inline code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from seminar_reg.registration import operations
from seminar_reg.security import CONTENT_SECURITY_POLICY, SECURITY_HEADERS
from tests.registration.helpers import JAPANESE, payload

pytestmark = pytest.mark.same_on_every_database

TEMPLATES = Path(__file__).resolve().parents[2] / "seminar_reg" / "templates"
EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data: blob:",
    "media-src": "'self' blob: mediastream:",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


PATHS = ("/", "/program", "/register/japan", "/login", "/no-such-page", "/static/css/app.css")


def test_every_response_carries_the_security_headers(client, seminar):
    for path in PATHS:  # pages, forms, errors and static files alike
        headers = client.get(path).headers
        directives = _directives(headers["Content-Security-Policy"])
        assert {k: directives[k] for k in EXPECTED_CSP} == EXPECTED_CSP, path
        assert "unsafe-inline" not in headers["Content-Security-Policy"]
        assert "unsafe-eval" not in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
        assert "camera=(self)" in headers["Permissions-Policy"]



def test_each_security_header_once_and_a_views_own_kept(custom_app):
    """The hook adds what a response lacks, once, and leaves a header its view set (read
    in one pass over the response's headers, not one search per name)."""
    app = custom_app()

    def framed():
        return "x", 200, {"X-Frame-Options": "SAMEORIGIN", "Cache-Control": "max-age=60"}

    app.add_url_rule("/framed-by-its-view", view_func=framed)
    client = app.test_client()
    for path in (*PATHS, "/framed-by-its-view"):
        headers = client.get(path).headers
        for name in (*SECURITY_HEADERS, "Cache-Control"):
            assert len(headers.getlist(name)) <= 1, (path, name)
    own = client.get("/framed-by-its-view").headers
    assert own["X-Frame-Options"] == "SAMEORIGIN"
    assert own["Cache-Control"] == "no-store"  # not a public page: never kept anyway
    assert own["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    https = client.get("/program", base_url="https://seminar.example").headers
    assert len(https.getlist("Strict-Transport-Security")) == 1

def test_no_hsts_over_plain_http(client, seminar):
    assert "Strict-Transport-Security" not in client.get("/program").headers


def test_hsts_over_https(client, seminar):
    response = client.get("/program", base_url="https://seminar.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_when_the_deployment_declares_https(custom_app):
    app = custom_app(SESSION_COOKIE_SECURE=True)
    assert "max-age" in app.test_client().get("/").headers["Strict-Transport-Security"]


def _self_service_client(app, seminar):
    from seminar_reg.registration.forms import DelegateForm

    with app.test_request_context(method="POST", data=payload(JAPANESE)):
        form = DelegateForm(side="japan", item_choices=[("plenary", ""), ("clair-reception", "")])
        assert form.validate(), form.errors
        _delegate, token = operations.register(seminar, form.to_data("ja"))
    client = app.test_client()
    assert client.get(f"/my/{token}").status_code == 302
    return client, token


def test_pages_with_personal_data_are_never_cached(app, seminar):
    client, token = _self_service_client(app, seminar)
    for path in ("/my", f"/my/{token}", "/register/complete", "/login", "/console/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
    # A form re-rendered with errors shows what the visitor typed.
    rejected = client.post("/register/japan", data=payload(JAPANESE, given_name=None))
    assert rejected.status_code == 400
    assert rejected.headers["Cache-Control"] == "no-store"


def test_public_pages_may_be_cached(client, seminar):
    assert "no-store" not in client.get("/program").headers.get("Cache-Control", "")


def test_templates_need_no_inline_script_or_style():
    """The CSP forbids inline code; a template that used it would silently break.
    JSON data blocks are fine: browsers never execute them."""
    inline_script = re.compile(
        r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>", re.IGNORECASE
    )
    inline_style = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)
    offenders = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if inline_script.search(path.read_text()) or inline_style.search(path.read_text())
    ]
    assert offenders == []


def test_policy_constant_matches_the_header(client, seminar):
    assert client.get("/").headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_https_form_posts_pass_the_csrf_referer_check(database_url, tmp_path):
    """Flask-WTF refuses HTTPS posts without a same-site Referer; the policy must allow it."""
    import re

    from seminar_reg.extensions import db
    from tests.conftest import make_test_app

    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    client = app.test_client()
    page = client.get("/login", base_url="https://seminar.example")
    assert page.headers["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin"}
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(True))
    response = client.post(
        "/login",
        base_url="https://seminar.example",
        data={"email": "x@seminar.example", "password": "wrong-password", "csrf_token":
              token.group(1)},
        headers={"Referer": "https://seminar.example/login"},
    )
    assert response.status_code == 401  # reached the password check: CSRF passed
    with app.app_context():
        db.engine.dispose()
