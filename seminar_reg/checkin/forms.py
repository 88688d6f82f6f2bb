"""The desk's JSON requests, checked before anything is looked up or stored.

The desk talks JSON (its JavaScript queues scans while offline), so this is a small
parser rather than a WTForms form; CSRFProtect checks the X-CSRFToken header.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired

from ..clock import utcnow
from ..fields import MaxLength, choices_from, cleaned_within, no_control_characters, text_field
from ..names import find_control_character, is_kana, without_control_characters
from ..vocabulary import Side
from ..vocabulary.labels import SIDE_LABELS
from .operations import Method, Scan
from .roster import SyncRequest

# crypto.randomUUID() gives 36 characters; the column holds 64.
CLIENT_SCAN_ID = re.compile(r"[A-Za-z0-9_-]{8,64}")
MAX_NOTE_LENGTH = 300  # CheckIn.note
MAX_QUERY_LENGTH = 100
# A scan kept offline is stored with the time it was taken, if that time is believable:
# not older than a day (a desk left offline overnight) and not ahead of the server by
# more than a device clock's usual drift. Otherwise the server's time is used.
OFFLINE_LIMIT = dt.timedelta(hours=24)
CLOCK_SKEW = dt.timedelta(minutes=5)


class ScanRequestError(ValueError):
    """The request cannot be a scan; ``message`` is translated for the desk."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = message


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ScanRequestError(_l("The request could not be understood."))
    return value.strip()


def _delegate_id(payload: dict[str, Any]) -> int | None:
    value = payload.get("delegate_id")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScanRequestError(_l("The request could not be understood."))
    return value  # any number: one that is no delegate's id is answered as unknown


def parse_scan(payload: Any) -> Scan:
    """Turn the desk's JSON body into a Scan, or raise ScanRequestError."""
    if not isinstance(payload, dict):
        raise ScanRequestError(_l("The request could not be understood."))
    code, delegate_id = _text(payload, "code"), _delegate_id(payload)
    if not code and delegate_id is None:
        raise ScanRequestError(_l("Scan a badge or type its code."))
    client_scan_id = _text(payload, "client_scan_id") or None
    if client_scan_id and not CLIENT_SCAN_ID.fullmatch(client_scan_id):
        raise ScanRequestError(_l("The request could not be understood."))
    note = _text(payload, "note")
    if len(note) > MAX_NOTE_LENGTH:
        raise ScanRequestError(
            _l("The note is too long (at most %(count)s characters).", count=MAX_NOTE_LENGTH)
        )
    if find_control_character(note) is not None:  # NUL would be a 500 on PostgreSQL
        raise ScanRequestError(_l("The note contains characters that are not allowed."))
    return Scan(
        taken_at=_taken_at(payload.get("taken_at")),
        code=code or None,
        delegate_id=delegate_id,
        client_scan_id=client_scan_id,
        method=Method.LOOKUP if delegate_id is not None else Method.SCAN,
        admit=payload.get("admit") is True,
        note=note,
    )


def _taken_at(value: Any, now: dt.datetime | None = None) -> dt.datetime | None:
    """When the desk took the scan, as naive UTC; None (server time) when not believable."""
    if not isinstance(value, str) or len(value) > 40:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return None  # a time without its zone could be anyone's clock
    moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    now = now or utcnow()
    if not now - OFFLINE_LIMIT <= moment <= now + CLOCK_SKEW:
        return None
    return min(moment, now)


_STAMP = re.compile(r"[0-9a-f]{1,64}")


def parse_sync(args) -> SyncRequest:
    """The roster request's ``after``, ``checkins`` and ``people`` stamps; anything odd
    reads as "send everything"."""
    after = args.get("after", "")
    stamps = [args.get(name, "") for name in ("checkins", "people")]
    if not after.isdigit() or len(after) > 12 or not all(_STAMP.fullmatch(s) for s in stamps):
        return SyncRequest()
    return SyncRequest(int(after), *stamps)


def parse_query(value: str | None) -> str:
    """The look-up text, cut to a sensible length (a name, not an essay).

    Characters no stored name holds (NUL and other controls, lone surrogates, invisible
    format characters) are dropped: PostgreSQL refuses NUL in a query outright.
    """
    # Cut before the per-character work; the slack leaves room for what is dropped.
    return without_control_characters((value or "")[: 4 * MAX_QUERY_LENGTH]).strip()[
        :MAX_QUERY_LENGTH
    ]


# --- the desk's forms (pages, not JSON: undo, reprint, walk-in) ----------------------


class UndoForm(FlaskForm):
    reason = StringField(
        _l("Why is this check-in undone? (kept in the audit trail)"),
        validators=[InputRequired(), MaxLength(MAX_NOTE_LENGTH), no_control_characters],
        filters=[cleaned_within(MAX_NOTE_LENGTH)],
    )


class ReprintForm(FlaskForm):
    """One button: the CSRF token is the whole form."""


class WalkInForm(FlaskForm):
    """The short form for someone who registers at the door."""

    side = RadioField(_l("Side"), choices=choices_from(SIDE_LABELS), validators=[InputRequired()])
    # Printed on the badge at once: refused here if a character cannot be printed.
    family_name = text_field(_l("Family name"), 100, printed=True)
    given_name = text_field(_l("Given name"), 100, required=True, printed=True)
    family_reading = text_field(_l("Family name reading"), 100, printed=True)
    given_reading = text_field(_l("Given name reading"), 100, printed=True)
    organization = text_field(_l("Organization"), 200, required=True, printed=True)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.side.data == Side.JAPAN:  # the badge and the roll sort by the kana
            for field, required in (
                (self.family_reading, bool(self.family_name.data)),
                (self.given_reading, True),
            ):
                message = _reading_error(field.data, required)
                if message and not field.errors:
                    field.errors = [*field.errors, message]
                    valid = False
        return valid


def _reading_error(value: str | None, required: bool):
    if not value:
        return _l("Please enter the reading of the name in kana.") if required else None
    if not is_kana(value):
        return _l("The reading must be written in hiragana or katakana.")
    return None
