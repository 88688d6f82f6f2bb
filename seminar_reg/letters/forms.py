"""The console's letter form: the letters' language and which delegation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired

from ..vocabulary import LANGUAGE_NAMES
from .wording import DOCUMENT_NAMES


class LetterForm(FlaskForm):
    language = RadioField(
        _l("Language of the letters"),
        choices=[
            SelectChoice(code, f"{LANGUAGE_NAMES[code]} ({name})")
            for code, name in DOCUMENT_NAMES.items()
        ],
        default="ja",
        validators=[InputRequired()],
    )
    organization = SelectField(_l("Delegation"), default="")
    issued = DateField(_l("Date of the letters"), validators=[InputRequired()])
    make_pdf = SubmitField(_l("Write letters (PDF)"))

    def __init__(self, *args, organizations: list[str], today, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.issued.data is None and not self.is_submitted():
            self.issued.data = today
        self.organization.choices = [SelectChoice("", _l("Every delegation with members"))] + [
            SelectChoice(name, name) for name in organizations
        ]
