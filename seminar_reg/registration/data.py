"""The validated input of one delegate, shared by the form, the import and the console."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools

from flask_babel import gettext as _

from ..names import (
    InvalidReadingError,
    MissingReadingError,
    cross_script_for_side,
    derive_name_fields,
)
from .models import Delegate


@dataclasses.dataclass(frozen=True)
class DelegateData:
    side: str
    family_name: str
    given_name: str
    family_reading: str
    given_reading: str
    family_latin: str
    given_latin: str
    organization: str
    organization_type: str
    title: str
    email: str
    phone: str
    role: str
    dietary: str
    dietary_note: str
    language: str
    item_codes: tuple[str, ...]
    arrival_date: dt.date | None = None
    arrival_time: dt.time | None = None
    arrival_transport: str = ""
    arrival_place: str = ""
    departure_date: dt.date | None = None
    departure_time: dt.time | None = None
    departure_transport: str = ""
    departure_place: str = ""
    needs_hotel: bool = False
    # Secretariat corrections of derived fields (e.g. a cross-script name the
    # converter got wrong); they win over derivation.
    manual: dict[str, str] = dataclasses.field(default_factory=dict)


# Typed (or left empty) on the form and in the import under these names; what is
# stored under the same names is derived from them (see derive_fields).
NAME_INPUTS = ("family_reading", "given_reading", "family_latin", "given_latin")
INPUT_ONLY_FIELDS = {*NAME_INPUTS, "item_codes", "manual"}
STORED_FIELDS = tuple(
    field.name for field in dataclasses.fields(DelegateData) if field.name not in INPUT_ONLY_FIELDS
)
NAME_SOURCES = ("side", "family_name", "given_name", *NAME_INPUTS)
MANUAL_FIELDS = (
    "family_reading",
    "given_reading",
    "family_latin",
    "given_latin",
    "cross_family_name",
    "cross_given_name",
    "cross_organization",
)


class RegistrationError(Exception):
    """Refused input: field name -> (message code, detail). Nothing was stored."""

    def __init__(self, errors: dict[str, tuple[str, str]]) -> None:
        super().__init__(errors)
        self.errors = errors

    def only_email_taken(self) -> bool:
        """Refused only because the address is registered already: the one refusal a
        form must not show to someone other than the address's owner (it would tell who
        is registered); the public form and the delegation page answer it as a new
        address and mail the owner instead."""
        return [code for code, _detail in self.errors.values()] == ["email_taken"]

    def messages(self) -> dict[str, str]:
        return {field: error_message(code, detail) for field, (code, detail) in self.errors.items()}


def error_message(code: str, detail: str = "") -> str:
    """The user-facing text for a refusal, in the current request's language."""
    messages = {
        "unknown_item": _("Unknown program item: %(codes)s", codes=detail),
        "not_for_side": detail,  # the reasons, worded by rules.refusal_reasons
        "email_taken": _("This email address is already registered: %(email)s", email=detail),
        "reading_required": _("Please enter the reading of the name in kana."),
        "reading_not_kana": _("The reading must be written in hiragana or katakana."),
        "invalid_name": _("This name cannot be stored: %(reason)s", reason=detail),
        "derived_too_long": _(
            "This is too long: its reading or other-script form would pass %(count)s characters.",
            count=detail,
        ),
    }
    return messages.get(code, detail or code)


def _reading_field(error: MissingReadingError | InvalidReadingError) -> str:
    return "family_reading" if error.field.startswith("family") else "given_reading"


def derive_fields(data: DelegateData) -> dict[str, str]:
    """Readings, Latin name, the other side's script, sort key and search text."""
    return dict(
        _derived(
            data.side,
            data.family_name,
            data.given_name,
            data.family_reading,
            data.given_reading,
            data.family_latin,
            data.given_latin,
            data.organization,
        )
    )


# An import derives each row twice (its preview's checks, then storing it), and the
# derivation is most of a row's time: the same inputs give the same fields.
@functools.lru_cache(maxsize=8192)
def _derived(
    side: str,
    family_name: str,
    given_name: str,
    family_reading: str,
    given_reading: str,
    family_latin: str,
    given_latin: str,
    organization: str,
) -> dict[str, str]:
    try:
        derived = derive_name_fields(
            side,
            family_name,
            given_name,
            family_reading=family_reading,
            given_reading=given_reading,
            family_latin=family_latin,
            given_latin=given_latin,
        )
    except MissingReadingError as error:
        raise RegistrationError({_reading_field(error): ("reading_required", "")}) from None
    except InvalidReadingError as error:
        raise RegistrationError({_reading_field(error): ("reading_not_kana", "")}) from None
    except ValueError as error:
        raise RegistrationError({"given_name": ("invalid_name", str(error))}) from None
    fields = {
        "family_reading": derived.family_reading,
        "given_reading": derived.given_reading,
        "family_latin": derived.family_latin,
        "given_latin": derived.given_latin,
        "cross_family_name": derived.cross_family,
        "cross_given_name": derived.cross_given,
        "cross_organization": cross_script_for_side(side, organization),
        "sort_key": derived.sort_key,
        "search_text": derived.search_blob,
    }
    _check_derived_lengths(fields)
    return fields


# The typed field each derived one comes from; the rest (sort key) from the whole name.
DERIVED_FROM = {
    "family_reading": "family_name",
    "family_latin": "family_name",
    "cross_family_name": "family_name",
    "cross_organization": "organization",
}


def _check_derived_lengths(fields: dict[str, str]) -> None:
    """A name short enough to type can derive a reading too long to store (three
    letters of pinyin per character): refuse it on the field that was typed, instead of
    failing in the database."""
    for name, value in fields.items():
        limit = getattr(Delegate.__table__.c[name].type, "length", None)
        if limit is not None and len(value) > limit:
            source = DERIVED_FROM.get(name, "given_name")
            raise RegistrationError({source: ("derived_too_long", str(limit))})
