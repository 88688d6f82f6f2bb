"""Inviting through the command and filling the delegation page as a contact would."""

from __future__ import annotations

import re

from tests.forms import open_form
from tests.registration.helpers import JAPANESE, fill

MEMBER = {k: v for k, v in JAPANESE.items() if k not in ("organization", "organization_type")}
INVITATION_PATH = re.compile(r"https?://[^\s/]+(/invitation/[A-Za-z0-9_\-]+)")


def invite(app, organization: str, email: str, *extra: str, side: str = "japan") -> str:
    """Run ``invite`` as the secretariat would; return the link's path (its last line)."""
    result = app.test_cli_runner().invoke(
        args=["invite", organization, "--side", side, "--email", email, *extra]
    )
    assert result.exit_code == 0, result.output
    return INVITATION_PATH.fullmatch(result.output.strip().splitlines()[-1]).group(1)


def add_member(client, values: dict, *, consent: bool = True):
    form = open_form(client, "/delegation", action="/delegation/members")
    fill(form, {k: v for k, v in values.items() if k != "consent"})
    if consent:
        form.check("consent")
    return form.submit(client)
