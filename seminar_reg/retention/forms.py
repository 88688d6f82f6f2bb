from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SubmitField
from wtforms.validators import InputRequired


class PurgeForm(FlaskForm):
    before = DateField(_l("Seminars that ended before"), validators=[InputRequired()])
    confirm = BooleanField(_l("I understand that anonymising cannot be undone"))
    preview = SubmitField(_l("Show what would be anonymised"))
    purge = SubmitField(_l("Anonymise"))


class CleanupForm(FlaskForm):
    cleanup = SubmitField(_l("Clean up now"))
