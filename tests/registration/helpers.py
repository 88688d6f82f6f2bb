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
