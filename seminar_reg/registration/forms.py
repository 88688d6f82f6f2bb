"""The registration form, also used to validate each row of a bulk import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from ..fields import (
    CSRFSignedWhenShown,
    MultiCheckboxField,
    choices_from,
    email_field,
    free_with_request,
    optional_date_field,
    optional_time_field,
    text_field,
)
from ..i18n import WTFORMS_MESSAGES
from ..names import is_kana
from ..vocabulary import Dietary, OrganizationType, Role, Side
from ..vocabulary.labels import DIETARY_LABELS, ORGANIZATION_TYPE_LABELS, PUBLIC_ROLES, ROLE_LABELS
from .data import DelegateData, RegistrationError

SIDE_NAME_LABELS = {
    Side.JAPAN: {
        "family_name": _l("Family name (kanji)"),
        "given_name": _l("Given name (kanji)"),
        "family_reading": _l("Family name reading (kana)"),
        "given_reading": _l("Given name reading (kana)"),
        "family_latin": _l("Family name in Latin letters (optional)"),
        "given_latin": _l("Given name in Latin letters (optional)"),
    },
    Side.CHINA: {
        "family_name": _l("Family name (Chinese characters)"),
        "given_name": _l("Given name (Chinese characters)"),
        "family_reading": _l("Family name in pinyin (optional)"),
        "given_reading": _l("Given name in pinyin (optional)"),
    },
}


class DelegateForm(FlaskForm):
    class Meta:
        csrf_class = CSRFSignedWhenShown  # a registration that goes through shows no page

        def get_translations(self, form):
            # In the current locale also without a request: the import command checks
            # its rows with this form (Flask-WTF reads the language from a request).
            return WTFORMS_MESSAGES

    family_name = text_field(_l("Family name"), 100, printed=True)
    given_name = text_field(_l("Given name"), 100, required=True, printed=True)
    family_reading = text_field(_l("Family name reading"), 100, printed=True)
    given_reading = text_field(_l("Given name reading"), 100, printed=True)
    family_latin = text_field(_l("Family name in Latin letters"), 100, printed=True)
    given_latin = text_field(_l("Given name in Latin letters"), 100, printed=True)
    organization = text_field(_l("Organization"), 200, required=True, printed=True)
    organization_type = SelectField(
        _l("Type of organization"),
        choices=choices_from(ORGANIZATION_TYPE_LABELS),
        default=OrganizationType.LOCAL_GOVERNMENT,
    )
    title = text_field(_l("Title or position"), 200, printed=True)
    email = email_field()
    phone = text_field(_l("Phone"), 40, printed=True)
    role = SelectField(
        _l("Role"),
        choices=choices_from({r: ROLE_LABELS[r] for r in PUBLIC_ROLES}),
        default=Role.DELEGATE,
    )
    dietary = SelectField(
        _l("Dietary requirement"), choices=choices_from(DIETARY_LABELS), default=Dietary.NONE
    )
    dietary_note = text_field(_l("Dietary requirement details"), 200, printed=True)
    item_codes = MultiCheckboxField(_l("Program items you will attend"), choices=[])
    arrival_date = optional_date_field(_l("Arrival date"))
    arrival_time = optional_time_field(_l("Arrival time"))
    arrival_transport = text_field(_l("Arrival flight or train number"), 40, printed=True)
    arrival_place = text_field(_l("Arrival airport or station"), 100, printed=True)
    departure_date = optional_date_field(_l("Departure date"))
    departure_time = optional_time_field(_l("Departure time"))
    departure_transport = text_field(_l("Departure flight or train number"), 40, printed=True)
    departure_place = text_field(_l("Departure airport or station"), 100, printed=True)
    needs_hotel = BooleanField(_l("I need a hotel room"))
    consent = BooleanField(
        _l("I agree that the organizers store and use these data to run the seminar."),
        validators=[InputRequired(message=_l("Your consent is required to register."))],
    )

    def __init__(self, *args, side: str, item_choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.side = side
        self.item_codes.choices = [SelectChoice(code, title) for code, title in item_choices]
        # The name fields as each side writes them: the page and its error summary
        # both read field.label.
        for name, label in SIDE_NAME_LABELS.get(side, {}).items():
            if name in self:
                self[name].label.text = label
        free_with_request(self)  # the public form, a member's, the console's edit

    def validate(self, extra_validators=None) -> bool:
        # Rules that look at several fields run after the per-field ones; WTForms'
        # Optional() would skip inline validators of an empty field.
        valid = super().validate(extra_validators)
        for field, message in self._cross_field_errors():
            field.errors = [*field.errors, message]
            valid = False
        return valid

    def _cross_field_errors(self):
        if self.side == Side.JAPAN and "given_reading" in self:
            yield from self._reading_errors(self.family_reading, bool(self.family_name.data))
            yield from self._reading_errors(self.given_reading, True)
        if self.dietary.data == Dietary.OTHER and not self.dietary_note.data:
            yield self.dietary_note, _l("Please describe your dietary requirement.")
        if "item_codes" in self and not self.item_codes.errors and not self.item_codes.data:
            yield self.item_codes, _l("Please choose at least one program item.")

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

    def _value(self, name: str):
        return self[name].data

    def to_data(self, language: str) -> DelegateData:
        return DelegateData(
            side=self.side,
            family_name=self._value("family_name") or "",
            given_name=self._value("given_name") or "",
            family_reading=self._value("family_reading") or "",
            given_reading=self._value("given_reading") or "",
            family_latin=self._value("family_latin") or "",
            given_latin=self._value("given_latin") or "",
            organization=self._value("organization") or "",
            organization_type=self._value("organization_type"),
            title=self._value("title") or "",
            email=self._value("email") or "",
            phone=self._value("phone") or "",
            role=self._value("role"),
            dietary=self._value("dietary"),
            dietary_note=(self._value("dietary_note") or "")
            if self._value("dietary") == Dietary.OTHER
            else "",
            language=language,
            item_codes=tuple(self._value("item_codes") or ()),
            arrival_date=self._value("arrival_date"),
            arrival_time=self._value("arrival_time"),
            arrival_transport=self._value("arrival_transport") or "",
            arrival_place=self._value("arrival_place") or "",
            departure_date=self._value("departure_date"),
            departure_time=self._value("departure_time"),
            departure_transport=self._value("departure_transport") or "",
            departure_place=self._value("departure_place") or "",
            needs_hotel=bool(self._value("needs_hotel")),
        )


class SelfServiceForm(DelegateForm):
    """The delegate's own page: the registration form without what it may not change.

    Consent was given at registration and is not asked again; fields left out (the
    name once the badge is printed, a role only the secretariat gives) keep their
    stored values, so nothing the page does not show is required.
    """

    consent = None

    def __init__(self, *args, stored: DelegateData, kept: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, side=stored.side, **kwargs)
        self._stored = stored
        for name in kept:
            delattr(self, name)

    def _value(self, name: str):
        if name in self:
            return self[name].data
        return getattr(self._stored, name)


class LostLinkForm(FlaskForm):
    """"I lost my link": only the address the link should go to."""

    email = email_field()


def form_errors_from(form: FlaskForm, error: RegistrationError) -> None:
    """Show the registration rules' refusals next to the fields they concern."""
    for field_name, message in error.messages().items():
        field = getattr(form, field_name)
        field.errors = [*field.errors, message]


class CancelForm(FlaskForm):
    """Only the CSRF token: cancelling is a POST from the delegate's own page."""
