"""Who may attend which programme item (the items' audience rules)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..i18n import localized
from ..program.models import Audience, ProgramItem
from ..vocabulary.labels import PUBLIC_ROLES
from .models import Delegate, OrganizationType, Side

NAME_FIELDS = (
    "family_name", "given_name", "family_reading", "given_reading", "family_latin", "given_latin",
)


def may_attend(item: ProgramItem, side: str, organization_type: str) -> bool:
    if item.audience == Audience.JAPAN_ONLY:
        return side == Side.JAPAN
    if item.audience == Audience.PR_EXCHANGE:
        if side == Side.JAPAN:
            return organization_type == OrganizationType.LOCAL_GOVERNMENT
        return organization_type == OrganizationType.TRAVEL_AGENCY
    return True


def audience_reason(item: ProgramItem) -> str:
    """Why someone may not attend `item`, in the reader's language (the rule above, worded)."""
    if item.audience == Audience.JAPAN_ONLY:
        return _("%(item)s is for the Japanese side only.", item=localized(item, "title"))
    if item.audience == Audience.PR_EXCHANGE:
        return _(
            "%(item)s is for Japanese local governments and Chinese travel agencies.",
            item=localized(item, "title"),
        )
    return ""


def refusal_reasons(items: list[ProgramItem]) -> str:
    """The reasons for items refused by `may_attend`, one sentence per item."""
    return " ".join(audience_reason(item) for item in items)


def places_refused(delegate: Delegate, side: str, organization_type: str) -> list[ProgramItem]:
    """The items the delegate holds a place on (confirmed or waiting) that a member of
    this side and organisation type may not attend: what joining a delegation, or a
    delegation's organisation changing type, would break."""
    items = sorted((a.item for a in delegate.attendances), key=lambda i: (i.day_id, i.position))
    return [item for item in items if not may_attend(item, side, organization_type)]


def offered_to_side(item: ProgramItem, side: str) -> bool:
    """Whether the form shows the item at all to this side (before the organisation type)."""
    return item.audience != Audience.JAPAN_ONLY or side == Side.JAPAN


# Words that name a travel business in Chinese and Japanese organisation names.
TRAVEL_AGENCY_WORDS = ("旅行社", "旅游", "旅行", "国旅", "國旅", "トラベル", "ツーリスト")


def likely_organization_type(side: str, organization: str) -> str:
    """The organisation type a spreadsheet row most likely means when it gives none (the
    issue's import header has no such column): a travel business by its name, else the
    side's usual sender, a Japanese local government or a Chinese government office."""
    if any(word in organization for word in TRAVEL_AGENCY_WORDS):
        return OrganizationType.TRAVEL_AGENCY
    if side == Side.JAPAN:
        return OrganizationType.LOCAL_GOVERNMENT
    return OrganizationType.NATIONAL_GOVERNMENT


def fields_kept_from_delegate(delegate: Delegate) -> tuple[str, ...]:
    """Form fields the delegate's own page leaves out (their stored values are kept).

    The name is the delegate's to correct until the badge is printed; after that a
    change would leave a wrong badge, so it goes through the secretariat, who reprints.
    A role the secretariat gave (VIP, speaker, staff) is not one the delegate may pick.
    """
    kept: tuple[str, ...] = ()
    if delegate.badge_printed_at is not None:
        kept += NAME_FIELDS
    if delegate.role not in PUBLIC_ROLES:
        kept += ("role",)
    return kept
