from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import EqualTo, InputRequired

from ..fields import MaxLength, choices_from, no_control_characters
from ..vocabulary.labels import STAFF_ROLE_LABELS
from .passwords import MAX_LENGTH


class LoginForm(FlaskForm):
    # A control character (NUL above all, which PostgreSQL refuses) is no part of any
    # account's address: refused here, before the address is looked up.
    email = EmailField(
        _l("Email"), validators=[InputRequired(), MaxLength(254), no_control_characters]
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), MaxLength(MAX_LENGTH)])


def _new_password(label):
    # Length and commonness are checked by operations (one rule for console and CLI).
    return PasswordField(label, validators=[InputRequired(), MaxLength(MAX_LENGTH)])


class ChangePasswordForm(FlaskForm):
    current = PasswordField(
        _l("Current password"), validators=[InputRequired(), MaxLength(MAX_LENGTH)]
    )
    new = _new_password(_l("New password"))
    confirm = PasswordField(
        _l("New password again"),
        validators=[InputRequired(), EqualTo("new", _l("The two new passwords differ."))],
    )


class AccountForm(FlaskForm):
    email = EmailField(
        _l("Email"), validators=[InputRequired(), MaxLength(254), no_control_characters]
    )
    password = _new_password(_l("Password"))
    role = SelectField(_l("Role"), choices=choices_from(STAFF_ROLE_LABELS))


class ResetPasswordForm(FlaskForm):
    password = _new_password(_l("New password"))


class AccountActionForm(FlaskForm):
    """Only the CSRF token: deactivate / activate come from the URL."""
