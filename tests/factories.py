"""Delegates for tests, registered through the real registration operation."""

from __future__ import annotations

import itertools

from seminar_reg.registration.data import DelegateData
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register

_serial = itertools.count(1)


def delegate_data(
    side: str,
    family: str,
    given: str,
    reading: tuple[str, str] = ("", ""),
    *,
    items: tuple[str, ...] = ("plenary",),
    email: str = "",
    organization: str = "",
    title: str = "",
    role: str = "delegate",
) -> DelegateData:
    japanese = side == "japan"
    return DelegateData(
        side=side,
        family_name=family,
        given_name=given,
        family_reading=reading[0],
        given_reading=reading[1],
        family_latin="",
        given_latin="",
        organization=organization or ("東京都羽村市" if japanese else "沈阳市人民政府外事办公室"),
        organization_type="local_government",
        title=title or ("主査" if japanese else "处长"),
        email=email or f"d{next(_serial)}@example.{'jp' if japanese else 'cn'}",
        phone="",
        role=role,
        dietary="none",
        dietary_note="",
        language="ja" if japanese else "zh",
        item_codes=items,
    )


def add_japanese(
    seminar,
    family: str,
    reading: str,
    given: str = "太郎",
    given_reading: str = "たろう",
    **options,
) -> Delegate:
    data = delegate_data("japan", family, given, (reading, given_reading), **options)
    return register(seminar, data)[0]


def add_chinese(seminar, family: str, given: str = "伟", **options) -> Delegate:
    return register(seminar, delegate_data("china", family, given, **options))[0]
