"""The registration form, also used to validate each row of a bulk import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    EmailField,
    SelectField,
    SelectMultipleField,
    StringField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from ..names import clean_text, find_control_character, is_kana
from .data import DelegateData
from .models import DelegateStatus, Dietary, OrganizationType, Role, Side

ROLE_LABELS = {
    Role.DELEGATE: _l("Delegate"),
    Role.VIP: _l("VIP"),
    Role.SPEAKER: _l("Speaker"),
    Role.PRESS: _l("Press"),
    Role.INTERPRETER: _l("Interpreter"),
    Role.STAFF: _l("Staff"),
}
PUBLIC_ROLES = (Role.DELEGATE, Role.PRESS, Role.INTERPRETER)
DIETARY_LABELS = {
    Dietary.NONE: _l("No special requirements"),
    Dietary.VEGETARIAN: _l("Vegetarian"),
    Dietary.VEGAN: _l("Vegan"),
    Dietary.HALAL: _l("Halal"),
    Dietary.OTHER: _l("Other (please describe)"),
}
ORGANIZATION_TYPE_LABELS = {
    OrganizationType.LOCAL_GOVERNMENT: _l("Local government"),
    OrganizationType.NATIONAL_GOVERNMENT: _l("National government"),
    OrganizationType.TRAVEL_AGENCY: _l("Travel agency"),
    OrganizationType.COMPANY: _l("Company"),
    OrganizationType.ACADEMIC: _l("University or research institute"),
    OrganizationType.MEDIA: _l("Media"),
    OrganizationType.OTHER: _l("Other"),
}
SIDE_LABELS = {Side.JAPAN: _l("Japanese side"), Side.CHINA: _l("Chinese side")}


def cleaned(value):
    """NFC and trimmed; never folded, so 髙, 﨑 and 𠮷 stay what was typed."""
    return clean_text(value) if isinstance(value, str) else value


def no_control_characters(_form, field) -> None:
    if isinstance(field.data, str) and find_control_character(field.data) is not None:
        raise ValidationError(_l("This field contains characters that are not allowed."))


def choices_from(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(str(value), label) for value, label in labels.items()]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form) -> None:
        # Unknown codes are reported by the registration rules with a clearer message.
        pass


def _text(label, max_length: int, *, required: bool = False, description=""):
    validators = [
        InputRequired() if required else Optional(),
        Length(max=max_length),
        no_control_characters,
    ]
    return StringField(label, validators=validators, filters=[cleaned], description=description)


class DelegateForm(FlaskForm):
    family_name = _text(_l("Family name"), 100)
    given_name = _text(_l("Given name"), 100, required=True)
    family_reading = _text(_l("Family name reading"), 100)
    given_reading = _text(_l("Given name reading"), 100)
    family_latin = _text(_l("Family name in Latin letters"), 100)
    given_latin = _text(_l("Given name in Latin letters"), 100)
    organization = _text(_l("Organization"), 200, required=True)
    organization_type = SelectField(
        _l("Type of organization"),
        choices=choices_from(ORGANIZATION_TYPE_LABELS),
        default=OrganizationType.LOCAL_GOVERNMENT,
    )
    title = _text(_l("Title or position"), 200)
    email = EmailField(
        _l("Email"),
        validators=[
            InputRequired(),
            Length(max=254),
            Email(check_deliverability=False),
            no_control_characters,
        ],
        filters=[cleaned],
    )
    phone = _text(_l("Phone"), 40)
    role = SelectField(
        _l("Role"),
        choices=choices_from({r: ROLE_LABELS[r] for r in PUBLIC_ROLES}),
        default=Role.DELEGATE,
    )
    dietary = SelectField(
        _l("Dietary requirement"), choices=choices_from(DIETARY_LABELS), default=Dietary.NONE
    )
    dietary_note = _text(_l("Dietary requirement details"), 200)
    item_codes = MultiCheckboxField(_l("Program items you will attend"), choices=[])
    arrival_date = DateField(_l("Arrival date"), validators=[Optional()])
    arrival_time = TimeField(_l("Arrival time"), validators=[Optional()])
    arrival_transport = _text(_l("Arrival flight or train number"), 40)
    arrival_place = _text(_l("Arrival airport or station"), 100)
    departure_date = DateField(_l("Departure date"), validators=[Optional()])
    departure_time = TimeField(_l("Departure time"), validators=[Optional()])
    departure_transport = _text(_l("Departure flight or train number"), 40)
    departure_place = _text(_l("Departure airport or station"), 100)
    needs_hotel = BooleanField(_l("I need a hotel room"))
    consent = BooleanField(
        _l("I agree that the organizers store and use these data to run the seminar."),
        validators=[InputRequired(message=_l("Your consent is required to register."))],
    )

    def __init__(self, *args, side: str, item_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.item_codes.choices = [SelectChoice(code, title) for code, title in item_choices]

    def validate(self, extra_validators=None) -> bool:
        # Rules that look at several fields run after the per-field ones; WTForms'
        # Optional() would skip inline validators of an empty field.
        valid = super().validate(extra_validators)
        for field, message in self._cross_field_errors():
            field.errors = [*field.errors, message]
            valid = False
        return valid

    def _cross_field_errors(self):
        if self.side == Side.JAPAN:
            yield from self._reading_errors(self.family_reading, bool(self.family_name.data))
            yield from self._reading_errors(self.given_reading, True)
        if self.dietary.data == Dietary.OTHER and not self.dietary_note.data:
            yield self.dietary_note, _l("Please describe your dietary requirement.")

    @staticmethod
    def _reading_errors(field, required: bool):
        if field.errors:
            return
        if not field.data:
            if required:
                yield field, _l("Please enter the reading of the name in kana.")
        elif not is_kana(field.data):
            yield field, _l("The reading must be written in hiragana or katakana.")

    def validate_departure_date(self, field) -> None:
        if field.data and self.arrival_date.data and field.data < self.arrival_date.data:
            raise ValidationError(_l("Departure cannot be before arrival."))

    def to_data(self, language: str) -> DelegateData:
        return DelegateData(
            side=self.side,
            family_name=self.family_name.data or "",
            given_name=self.given_name.data or "",
            family_reading_input=self.family_reading.data or "",
            given_reading_input=self.given_reading.data or "",
            family_latin_input=self.family_latin.data or "",
            given_latin_input=self.given_latin.data or "",
            organization=self.organization.data or "",
            organization_type=self.organization_type.data,
            title=self.title.data or "",
            email=self.email.data or "",
            phone=self.phone.data or "",
            role=self.role.data,
            dietary=self.dietary.data,
            dietary_note=(self.dietary_note.data or "")
            if self.dietary.data == Dietary.OTHER
            else "",
            language=language,
            item_codes=tuple(self.item_codes.data or ()),
            arrival_date=self.arrival_date.data,
            arrival_time=self.arrival_time.data,
            arrival_transport=self.arrival_transport.data or "",
            arrival_place=self.arrival_place.data or "",
            departure_date=self.departure_date.data,
            departure_time=self.departure_time.data,
            departure_transport=self.departure_transport.data or "",
            departure_place=self.departure_place.data or "",
            needs_hotel=bool(self.needs_hotel.data),
        )


class CancelForm(FlaskForm):
    """Only the CSRF token: cancelling is a POST from the delegate's own page."""


STATUS_LABELS = {
    DelegateStatus.PENDING: _l("Pending"),
    DelegateStatus.CONFIRMED: _l("Confirmed"),
    DelegateStatus.WAITLISTED: _l("Waiting list"),
    DelegateStatus.CANCELLED: _l("Cancelled"),
}


def label_helpers() -> dict:
    """Template functions that turn stored codes into words in the current language."""
    return {
        "status_label": lambda code: STATUS_LABELS.get(code, code),
        "side_label": lambda code: SIDE_LABELS.get(code, code),
        "role_label": lambda code: ROLE_LABELS.get(code, code),
        "dietary_label": lambda code: DIETARY_LABELS.get(code, code),
        "organization_type_label": lambda code: ORGANIZATION_TYPE_LABELS.get(code, code),
    }
