"""Console forms: the secretariat edits everything a delegate typed, and what derives from it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from ..fields import choices_from, text_field
from ..registration.data import DelegateData
from ..registration.forms import DelegateForm
from ..registration.models import Delegate
from ..vocabulary.labels import ROLE_LABELS


class DelegateEditForm(DelegateForm):
    cross_family_name = text_field(
        _l("Family name in the other side's script"), 100, printed=True
    )
    cross_given_name = text_field(_l("Given name in the other side's script"), 100, printed=True)
    cross_organization = text_field(
        _l("Organization in the other side's script"), 200, printed=True
    )
    consent = None  # given when the delegate registered; the secretariat cannot give it

    def __init__(self, *args, delegate: Delegate, **kwargs):
        super().__init__(*args, side=delegate.side, **kwargs)
        self.role.choices = choices_from(ROLE_LABELS)
        self._delegate = delegate
        if delegate.invitation_id is not None:  # a delegation member may have no address
            self.email.validators = [Optional(), *self.email.validators[1:]]
            self.email.flags.required = False

    def to_data(self, language: str) -> DelegateData:
        data = super().to_data(language)
        manual = {}
        for name in ("cross_family_name", "cross_given_name", "cross_organization"):
            value = getattr(self, name).data or ""
            if value != getattr(self._delegate, name):
                manual[name] = value
        return DelegateData(**{**data.__dict__, "manual": manual})


class StatusForm(FlaskForm):
    """Only the CSRF token; the action comes from the URL."""


class ImportUploadForm(FlaskForm):
    file = FileField(
        _l("Spreadsheet (.csv or .xlsx)"),
        validators=[
            FileRequired(),
            FileAllowed(["csv", "xlsx"], _l("Please upload a .csv or .xlsx file.")),
        ],
    )


class ImportCommitForm(FlaskForm):
    """Commits the previewed file kept on the server, optionally into a delegation."""

    delegation = SelectField(_l("Delegation"), choices=[], default="")

    def __init__(self, *args, delegations: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.delegation.choices = [SelectChoice("", _l("None"))] + [
            SelectChoice(str(key), name) for key, name in delegations.items()
        ]
