"""Finding 3: a 15 MB field on a public form cost ~10 s of CPU (cleaned and checked
character by character, twice, after its length had already failed). Bodies are now
capped per route before anything reads them, and within the cap a field's length is
checked before any per-character work, each check once."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from seminar_reg import fields as registration_forms
from tests.registration.helpers import CHINESE, JAPANESE, payload

from .support import stored_counts

pytestmark = pytest.mark.same_on_every_database

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
FIFTEEN_MB = 15 * 1024 * 1024
LOGIN = {"email": "desk@seminar.example", "password": "not the password"}


def _body(fields: dict) -> bytes:
    return urlencode(fields, doseq=True).encode()


@pytest.fixture
def walked(monkeypatch) -> list[str]:
    """Every value the registration form cleans or checks character by character."""
    values: list[str] = []

    def spy(function):
        def wrapper(value, *args, **kwargs):
            values.append(value)
            return function(value, *args, **kwargs)

        return wrapper

    for name in ("clean_text", "find_control_character"):
        monkeypatch.setattr(registration_forms, name, spy(getattr(registration_forms, name)))
    return values


@pytest.mark.parametrize(
    ("path", "fields", "name", "filler"),
    [
        ("/register/china", CHINESE, "title", b"x"),
        ("/register/japan", JAPANESE, "family_name", b"%E2%80%AE"),  # U+202E
        ("/login", LOGIN, "email", b"a"),
    ],
)
def test_a_fifteen_megabyte_field_is_refused_before_it_is_read(
    client, seminar, walked, path, fields, name, filler
):
    before = stored_counts()
    # Built as bytes: urlencoding 15 MB in the test would cost more than the request.
    body = _body(payload(fields, **{name: None})) + f"&{name}=".encode()
    body += filler * (FIFTEEN_MB // len(filler))
    assert len(body) < client.application.config["MAX_CONTENT_LENGTH"]  # the old cap let it in
    response = client.post(f"{path}?lang=en", data=body, headers=FORM)
    assert response.status_code == 413
    assert "The uploaded data is too large." in response.get_data(as_text=True)
    assert walked == []  # no character of it was looked at
    assert stored_counts() == before


def test_multipart_bodies_are_capped_too(client, seminar, walked):
    response = client.post(
        "/register/china?lang=en",
        data=payload(CHINESE, title="x" * (1024 * 1024)),
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert walked == []


def test_public_forms_are_capped_far_below_the_app_ceiling(app):
    assert app.config["PUBLIC_FORM_MAX_BYTES"] <= 64 * 1024
    assert app.config["FORM_MAX_BYTES"] <= 1024 * 1024


def test_a_long_field_within_the_cap_is_refused_by_length_without_walking_it(
    client, seminar, walked
):
    before = stored_counts()
    response = client.post(
        "/register/china?lang=en",
        data=_body(payload(CHINESE, title="\u202e" + "x" * 20_000)),
        headers=FORM,
    )
    assert response.status_code == 400
    assert "at most 200 characters, and 20001 were sent." in response.get_data(as_text=True)
    assert max(map(len, walked)) < 200 * registration_forms.CLEANING_SLACK  # short ones only
    assert stored_counts() == before


def test_each_field_is_cleaned_and_checked_once(client, seminar, walked):
    title = "沈阳市外事办公室 处长"
    response = client.post(
        "/register/china?lang=en", data=_body(payload(CHINESE, title=title)), headers=FORM
    )
    assert response.status_code == 302
    assert walked.count(title) == 2  # cleaned once, then checked once


def test_the_import_upload_keeps_its_larger_cap(app):
    from seminar_reg.security import import_body_limit

    assert import_body_limit(app.config) > app.config["IMPORT_MAX_BYTES"]


def test_an_oversized_body_is_refused_even_where_the_view_would_not_read_it(client, seminar):
    # /my without a session answers 404 before reading any form: the cap comes first.
    body = b"title=" + b"x" * (64 * 1024)
    response = client.post("/my?lang=en", data=body, headers=FORM)
    assert response.status_code == 413
