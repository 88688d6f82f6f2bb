"""Form pieces every feature's forms share: the text filter, the control-character check,
choices from a label table, a checkbox list, and a trimmed, length-checked text field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .names import clean_text, find_control_character


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


def text_field(label, max_length: int, *, required: bool = False, description=""):
    validators = [
        InputRequired() if required else Optional(),
        Length(max=max_length),
        no_control_characters,
    ]
    return StringField(label, validators=validators, filters=[cleaned], description=description)
