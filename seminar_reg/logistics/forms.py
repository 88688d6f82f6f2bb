"""Forms of the logistics console: plan sizes and moves."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, NumberRange

from ..ids import id_range


class PlanBusesForm(FlaskForm):
    size = IntegerField(
        _l("Seats per bus"), default=45, validators=[InputRequired(), NumberRange(1, 200)]
    )


class PlanSeatingForm(FlaskForm):
    table_size = IntegerField(
        _l("Seats per table"), default=10, validators=[InputRequired(), NumberRange(2, 50)]
    )


class MoveForm(FlaskForm):
    delegate_id = IntegerField(validators=[InputRequired(), id_range()])
    target = IntegerField(_l("Move to"), validators=[InputRequired(), NumberRange(1, 999)])
    # The plan the page showed (queries.plan_stamp): a move chosen on a replaced one is refused.
    plan = HiddenField()


class ActionForm(FlaskForm):
    """Only the CSRF token: for buttons such as 'place newcomers'."""
