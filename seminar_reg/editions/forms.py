"""Forms of the editions page: which edition the console shows, make one current,
create the next one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from ..fields import text_field

NEEDED = _l("Fill this in.")


class ChooseEditionForm(FlaskForm):
    edition = SelectField(_l("Edition"), coerce=int, validate_choice=True)

    def __init__(self, numbers: list[int], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.edition.choices = [(n, str(n)) for n in numbers]


class NewEditionForm(FlaskForm):
    number = IntegerField(
        _l("Number of the new edition"),
        validators=[InputRequired(message=NEEDED), NumberRange(1, 999)],
    )
    source = SelectField(_l("Copy the programme of edition"), coerce=int, validate_choice=True)
    start = DateField(_l("First day"), validators=[InputRequired(message=NEEDED)])
    city_ja = text_field(_l("City in Japanese (empty: copied)"), 100)
    city_zh = text_field(_l("City in Chinese (empty: copied)"), 100)
    city_en = text_field(_l("City in English (empty: copied)"), 100)

    def __init__(self, numbers: list[int], *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.source.choices = [(n, str(n)) for n in numbers]
