"""Words for the vocabulary's codes in the reader's language (lazy: resolved when shown)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from . import DelegateStatus, Dietary, InvitationStatus, OrganizationType, Role, Side

SIDE_LABELS = {Side.JAPAN: _l("Japanese side"), Side.CHINA: _l("Chinese side")}
ROLE_LABELS = {
    Role.DELEGATE: _l("Delegate"),
    Role.VIP: _l("VIP"),
    Role.SPEAKER: _l("Speaker"),
    Role.PRESS: _l("Press"),
    Role.INTERPRETER: _l("Interpreter"),
    Role.STAFF: _l("Staff"),
}
# The roles a visitor may choose on the public form; the others are given by staff.
PUBLIC_ROLES = (Role.DELEGATE, Role.PRESS, Role.INTERPRETER)
DIETARY_LABELS = {
    Dietary.NONE: _l("No special requirements"),
    Dietary.VEGETARIAN: _l("Vegetarian"),
    Dietary.VEGAN: _l("Vegan"),
    Dietary.HALAL: _l("Halal"),
    Dietary.OTHER: _l("Other (please describe)"),
}
ORGANIZATION_TYPE_LABELS = {
    OrganizationType.LOCAL_GOVERNMENT: _l("Local government"),
    OrganizationType.NATIONAL_GOVERNMENT: _l("National government"),
    OrganizationType.TRAVEL_AGENCY: _l("Travel agency"),
    OrganizationType.COMPANY: _l("Company"),
    OrganizationType.ACADEMIC: _l("University or research institute"),
    OrganizationType.MEDIA: _l("Media"),
    OrganizationType.OTHER: _l("Other"),
}
# Staff accounts' roles (auth.models.StaffRole codes), on the accounts page and in the
# audit trail.
STAFF_ROLE_LABELS = {
    "admin": _l("Administrator"),
    "secretariat": _l("Secretariat"),
    "checkin": _l("Check-in desk"),
    "viewer": _l("Organizer (headcounts only)"),
}
STATUS_LABELS = {
    DelegateStatus.CONFIRMED: _l("Confirmed"),
    DelegateStatus.WAITLISTED: _l("Waiting list"),
    DelegateStatus.CANCELLED: _l("Cancelled"),
}
INVITATION_STATUS_LABELS = {
    InvitationStatus.INVITED: _l("Invited"),
    InvitationStatus.OPENED: _l("Opened"),
    InvitationStatus.REGISTERED: _l("Registered"),
    InvitationStatus.DECLINED: _l("Declined"),
    InvitationStatus.REVOKED: _l("Revoked"),
}


def label_helpers() -> dict:
    """Template functions that turn stored codes into words in the current language."""
    return {
        "status_label": lambda code: STATUS_LABELS.get(code, code),
        "invitation_status_label": lambda code: INVITATION_STATUS_LABELS.get(code, code),
        "side_label": lambda code: SIDE_LABELS.get(code, code),
        "role_label": lambda code: ROLE_LABELS.get(code, code),
        "dietary_label": lambda code: DIETARY_LABELS.get(code, code),
        "organization_type_label": lambda code: ORGANIZATION_TYPE_LABELS.get(code, code),
        "staff_role_label": lambda code: STAFF_ROLE_LABELS.get(code, code),
    }
