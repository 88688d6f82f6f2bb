"""Forms of the delegation page and the console's delegations.

A member is added with the registration form itself (``registration.forms``): the same
fields, names and rules as ``/register``, except that the organisation is the
delegation's (not asked) and the member's own address is optional.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, SelectField, SubmitField
from wtforms.validators import Email, Optional, ValidationError

from ..fields import choices_from, email_field, text_field
from ..names import find_control_character
from ..registration.data import DelegateData
from ..registration.forms import DelegateForm, SelfServiceForm
from ..vocabulary import LANGUAGE_NAMES, OrganizationType
from ..vocabulary.labels import (
    INVITATION_STATUS_LABELS,
    ORGANIZATION_TYPE_LABELS,
    SIDE_LABELS,
)
from .models import Organization

ORGANIZATION_FIELDS = ("organization", "organization_type")


def _organization_value(organization: Organization, name: str):
    return organization.name if name == "organization" else organization.organization_type


class MemberForm(DelegateForm):
    """Add a member: the registration form without the organisation, email optional."""

    organization = None
    organization_type = None
    email = email_field(required=False)

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, side=organization.side, **kwargs)
        self._organization = organization

    def _value(self, name: str):
        if name in ORGANIZATION_FIELDS:
            return _organization_value(self._organization, name)
        return super()._value(name)


class ContactForm(MemberForm):
    """The contact's own registration, on the delegation page beside the members'
    (its fields carry the prefix ``contact-``): the address is the invitation's."""

    email = None

    def __init__(self, *args, contact_email: str, **kwargs):
        super().__init__(*args, prefix="contact", **kwargs)
        self._contact_email = contact_email

    def _value(self, name: str):
        if name == "email":
            return self._contact_email
        return super()._value(name)


class EditMemberForm(SelfServiceForm):
    """Change a member (or the contact's own details): the member's page minus the
    organisation, email optional; what the member may not change is left out."""

    email = email_field(required=False)

    def __init__(self, *args, organization: Organization, stored: DelegateData,
                 kept: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, stored=stored, kept=(*ORGANIZATION_FIELDS, *kept), **kwargs)
        self._organization = organization

    def _value(self, name: str):
        if name in ORGANIZATION_FIELDS:
            return _organization_value(self._organization, name)
        return super()._value(name)


class ActionForm(FlaskForm):
    """Only the CSRF token: remove a member, decline, resend, revoke, remind."""


class JoinForm(FlaskForm):
    """The answer to a membership request (``joining``): join, or not."""

    join = SubmitField(_l("Join the delegation"))
    refuse = SubmitField(_l("Do not join"))


# --- console ---------------------------------------------------------------------------------


def valid_email(value: str) -> bool:
    class _Field:
        data = value.strip()

    try:
        Email(check_deliverability=False)(None, _Field)
    except ValidationError:
        return False
    return len(value) <= 254 and find_control_character(value) is None


def valid_organization_name(name: str) -> bool:
    return 0 < len(name) <= 200 and find_control_character(name) is None


class InviteForm(FlaskForm):
    organization = text_field(_l("Organization"), 200, required=True)
    side = SelectField(_l("Side"), choices=choices_from(SIDE_LABELS))
    organization_type = SelectField(
        _l("Type of organization"),
        choices=choices_from(ORGANIZATION_TYPE_LABELS),
        default=OrganizationType.LOCAL_GOVERNMENT,
    )
    email = email_field()
    language = SelectField(_l("Language"), choices=choices_from(LANGUAGE_NAMES))
    deadline = DateTimeLocalField(_l("Deadline"), validators=[Optional()])


class DeadlineForm(FlaskForm):
    deadline = DateTimeLocalField(_l("Deadline"), validators=[Optional()])


class OrganizationForm(FlaskForm):
    """The secretariat's corrections: names in three languages (the derived one too),
    type, and the head the letters are addressed to."""

    # Both scripts: the members carry them (their organisation on badges, rolls and
    # the other side's lists), and letters are written in either.
    name_ja = text_field(_l("Name in Japanese"), 200, required=True, printed=True)
    name_zh = text_field(_l("Name in Chinese"), 200, required=True, printed=True)
    name_en = text_field(_l("Name in English"), 200, printed=True)
    organization_type = SelectField(
        _l("Type of organization"), choices=choices_from(ORGANIZATION_TYPE_LABELS)
    )
    head_name = text_field(_l("Name of the head"), 200, printed=True)
    head_title = text_field(_l("Title of the head"), 200, printed=True)
    # Shown only when a new type takes members' places (the page lists them first).
    take_places = BooleanField(_l("Take these places; the waiting lists move up"))

    def values(self) -> dict[str, str]:
        """The organisation's fields as typed (not the confirmation)."""
        skipped = {"csrf_token", "take_places"}
        return {name: (self[name].data or "") for name in self.data if name not in skipped}


STATUS_CHOICES = [("", _l("All"))] + [
    (code, label) for code, label in INVITATION_STATUS_LABELS.items()
]
SIDE_CHOICES = [("", _l("All"))] + [(code, label) for code, label in SIDE_LABELS.items()]


def delegation_error_message(code: str) -> str:
    return {
        "closed": _("This delegation can no longer be changed. Please contact the secretariat."),
        "has_members": _("Please remove the members first."),
        "not_member": _("This person is not a member of your delegation."),
        "side": _("Please choose a side."),
    }.get(code, code)
