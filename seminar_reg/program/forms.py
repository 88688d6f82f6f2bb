"""Forms of the programme's management page: times, venues, capacities, the deadline."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, StringField, TimeField
from wtforms.validators import NumberRange, Optional, ValidationError

from ..fields import MaxLength, cleaned_within, no_control_characters


def _venue(label):
    return StringField(
        label,
        validators=[Optional(), MaxLength(300), no_control_characters],
        filters=[cleaned_within(300)],
    )


class ItemForm(FlaskForm):
    start_time = TimeField(_l("Starts at"), validators=[Optional()])
    end_time = TimeField(_l("Ends at"), validators=[Optional()])
    capacity = IntegerField(
        _l("Capacity (empty: no limit)"), validators=[Optional(), NumberRange(1, 100_000)]
    )
    venue_ja = _venue(_l("Venue in Japanese"))
    venue_zh = _venue(_l("Venue in Chinese"))
    venue_en = _venue(_l("Venue in English"))

    def validate_end_time(self, field) -> None:
        if field.data and not self.start_time.data:
            raise ValidationError(_l("Give the start time too."))
        if field.data and self.start_time.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The end must come after the start."))


class DeadlineForm(FlaskForm):
    registration_deadline = DateTimeLocalField(
        _l("Registration closes at (venue time; empty: open until the seminar)"),
        # The first format is how the value is written back: the one browsers' pickers read.
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[Optional()],
    )
