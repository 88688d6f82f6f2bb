from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional

from ..fields import choices_from, no_control_characters
from .trail import Kind

KIND_LABELS = {
    Kind.LOGIN: _l("Login"),
    Kind.LOGIN_FAILED: _l("Failed login"),
    Kind.LOGIN_THROTTLED: _l("Login held back (too many failures)"),
    Kind.LOGOUT: _l("Logout"),
    Kind.EXPORT: _l("Export or download"),
    Kind.BADGES: _l("Badge printing"),
    Kind.IMPORT: _l("Import"),
    Kind.PROGRAMME: _l("Programme change"),
    Kind.EDITION: _l("Edition created or made current"),
    Kind.ACCOUNT_CREATED: _l("Account created"),
    Kind.PASSWORD_CHANGED: _l("Own password changed"),
    Kind.PASSWORD_RESET: _l("Password reset"),
    Kind.ACCOUNT_DEACTIVATED: _l("Account deactivated"),
    Kind.ACCOUNT_ACTIVATED: _l("Account reactivated"),
    Kind.PURGE: _l("Personal data anonymised"),
    Kind.CLEANUP: _l("Clean-up"),
    Kind.CHECKIN_UNDONE: _l("Check-in undone"),
    Kind.WALK_IN: _l("Walk-in registered at the desk"),
    Kind.JOIN_REQUEST_SENT: _l("Request to join a delegation sent again"),
}


class AuditFilterForm(FlaskForm):
    """The filters of a GET page: no CSRF token (it changes nothing)."""

    class Meta:
        csrf = False

    actor = StringField(
        _l("Who (email contains)"), validators=[Optional(), Length(max=254), no_control_characters]
    )
    kind = SelectField(_l("What"), validators=[Optional()])
    since = DateField(_l("From (date)"), validators=[Optional()])
    until = DateField(_l("Until (date)"), validators=[Optional()])

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = choices_from({"": _l("All"), **KIND_LABELS})
