"""Form pieces every feature's forms share: the text filter, the control-character check,
the printable-character check, choices from a label table, a checkbox list, a trimmed,
length-checked text field, optional date and time fields, a CSRF token signed only
for a page that shows it, and a form's reference cycles broken when its request ends."""

from __future__ import annotations

from flask import after_this_request, has_request_context
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectMultipleField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    Email,
    InputRequired,
    Length,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from .names import clean_text, find_control_character

# NFC composes at most a few code points into one (Hangul jamo: three), so text this
# many times longer than its field cannot fit after cleaning: it is refused as too
# long without the per-character walk of cleaning (finding: a 15 MB field cost 10 s).
CLEANING_SLACK = 4


def cleaned(value):
    """NFC and trimmed; never folded, so 髙, 﨑 and 𠮷 stay what was typed."""
    return clean_text(value) if isinstance(value, str) else value


def cleaned_within(max_length: int):
    """``cleaned`` for a field of at most max_length characters: a value far longer is
    left as sent, for MaxLength to refuse."""

    def clean(value):
        if isinstance(value, str) and len(value) > max_length * CLEANING_SLACK:
            return value
        return cleaned(value)

    return clean


class MaxLength(Length):
    """Length(max=...) that ends the field's validation when it fails, so no later
    validator walks an over-long value character by character.

    It renders no ``maxlength``: a browser would cut a long paste silently, and the
    person would never learn that their text was shortened. The server says so instead,
    with the limit and how much was sent.
    """

    def __init__(self, max_length: int) -> None:
        super().__init__(max=max_length)
        self.field_flags = {}

    def __call__(self, form, field) -> None:
        data = field.data if isinstance(field.data, str) else ""
        if len(data) > self.max:
            raise StopValidation(
                _l(
                    "This is too long: at most %(max)s characters, and %(length)s were sent.",
                    max=self.max,
                    length=len(data),
                )
            )


def no_control_characters(_form, field) -> None:
    if isinstance(field.data, str) and find_control_character(field.data) is not None:
        raise ValidationError(_l("This field contains characters that are not allowed."))


def printable(_form, field) -> None:
    """Refuse a character no badge, roll or list can print, naming it (the same coverage
    check the documents make: `documents.fonts.unprintable_characters`)."""
    if not isinstance(field.data, str) or not field.data:
        return
    from .documents.fonts import unprintable_characters  # fonts: only when text is checked

    missing = unprintable_characters(field.data)
    if missing:
        raise ValidationError(
            _l(
                "“%(character)s” (%(code)s) cannot be printed on badges and lists. Please "
                "write it another way.",
                character=missing[0],
                code=f"U+{ord(missing[0]):04X}",
            )
        )


def choices_from(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in labels.items()]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        # Unknown codes are reported by the registration rules with a clearer message.
        pass


def text_field(
    label, max_length: int, *, required: bool = False, description="", printed: bool = False
):
    """A trimmed text field; `printed` for text that goes on badges, rolls or lists, whose
    every character must be printable."""
    validators = [
        InputRequired() if required else Optional(),
        MaxLength(max_length),
        no_control_characters,
    ]
    if printed:
        validators.append(printable)
    return StringField(
        label, validators=validators, filters=[cleaned_within(max_length)], description=description
    )


class _NothingTyped:
    """A date or time left empty is no value, at once: WTForms parses "" (and fails, and
    translates "Not a valid date value." for Optional() to drop), four times on every
    registration. Anything typed, even blanks, is parsed and judged as before."""

    def process_formdata(self, valuelist) -> None:
        if valuelist and not "".join(valuelist):
            self.data = None
        else:
            super().process_formdata(valuelist)


class _OptionalDateField(_NothingTyped, DateField):
    pass


class _OptionalTimeField(_NothingTyped, TimeField):
    pass


def optional_date_field(label) -> DateField:
    return _OptionalDateField(label, validators=[Optional()])


def optional_time_field(label) -> TimeField:
    return _OptionalTimeField(label, validators=[Optional()])


def email_field(*, required: bool = True) -> EmailField:
    """An address (required unless said otherwise: a delegation member may have none):
    length first, then characters, then its shape (no DNS)."""
    return EmailField(
        _l("Email"),
        validators=[
            InputRequired() if required else Optional(),
            MaxLength(254),
            no_control_characters,
            Email(check_deliverability=False),
        ],
        filters=[cleaned_within(254)],
    )


class CSRFSignedWhenShown(FlaskForm.Meta.csrf_class):
    """Flask-WTF's form CSRF (a form Meta's ``csrf_class``) with the page's token signed
    when the page shows it, not when the form is built: a POST that goes through shows
    none (signing was a fifth of building the registration form). The token sent is
    checked as before."""

    def generate_csrf_token(self, csrf_token_field):
        # Flask-WTF signs it once per request (its g), whenever it is first shown.
        return LazyString(super().generate_csrf_token, csrf_token_field)


def free_with_request(form: FlaskForm) -> None:
    """Break the form's reference cycles once its request has its answer. WTForms gives
    every bound field its form (``field._form``: form -> fields -> form), so a form and
    what its fields hold (some 240 objects for the registration form) outlived the request
    until the garbage collector's next pass found them: ~0.1 ms of collection per
    registration. Nothing reads a form after its page is rendered or its answer made, and
    without the back-references reference counting frees it at once. Outside a request
    (the importer checks row after row with one form) the form is left as it is."""
    if not has_request_context():
        return

    def release(response):
        for field in form._fields.values():
            field._form = None
        return response

    after_this_request(release)
