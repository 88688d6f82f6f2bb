"""Form payloads for registration tests."""

from __future__ import annotations

JAPANESE = {
    "family_name": "並木",
    "given_name": "心",
    "family_reading": "なみき",
    "given_reading": "こころ",
    "organization": "東京都羽村市",
    "organization_type": "local_government",
    "title": "市長",
    "email": "namiki@example.jp",
    "role": "delegate",
    "dietary": "none",
    "item_codes": ["plenary", "clair-reception"],
    "consent": "y",
}
CHINESE = {
    "family_name": "单",
    "given_name": "伟",
    "organization": "沈阳市人民政府外事办公室",
    "organization_type": "local_government",
    "title": "处长",
    "email": "shanwei@example.cn",
    "role": "delegate",
    "dietary": "halal",
    "item_codes": ["plenary", "site-visit"],
    "consent": "y",
}


def payload(base: dict, **changes) -> dict:
    data = dict(base)
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def fill(form, values: dict) -> None:
    """Type ``values`` into a rendered form (tests/forms.py); booleans tick checkboxes."""
    for name, value in values.items():
        form[name] = value


def register_through_form(client, side: str, values: dict, lang: str | None = "ja"):
    """Open the registration page, fill it as a person would, tick consent and submit."""
    from tests.forms import open_form

    query = f"?lang={lang}" if lang else ""
    form = open_form(client, f"/register/{side}{query}", field="consent")
    fill(form, {k: v for k, v in values.items() if k != "consent"})
    form.check("consent")
    return form.submit(client)


def personal_link(app, email: str | None = None) -> str:
    """The /my/<token> path from the newest mail (to ``email`` if given)."""
    from tests.mailbox import latest_link

    return latest_link(app, email)
