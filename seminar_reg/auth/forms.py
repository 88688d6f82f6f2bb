from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import InputRequired

from ..fields import MaxLength, no_control_characters


class LoginForm(FlaskForm):
    # A control character (NUL above all, which PostgreSQL refuses) is no part of any
    # account's address: refused here, before the address is looked up.
    email = EmailField(
        _l("Email"), validators=[InputRequired(), MaxLength(254), no_control_characters]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), MaxLength(200)])
