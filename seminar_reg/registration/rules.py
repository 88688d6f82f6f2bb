"""Who may attend which programme item (the items' audience rules)."""

from __future__ import annotations

from ..program.models import Audience, ProgramItem
from .models import OrganizationType, Side


def may_attend(item: ProgramItem, side: str, organization_type: str) -> bool:
    if item.audience == Audience.JAPAN_ONLY:
        return side == Side.JAPAN
    if item.audience == Audience.PR_EXCHANGE:
        if side == Side.JAPAN:
            return organization_type == OrganizationType.LOCAL_GOVERNMENT
        return organization_type == OrganizationType.TRAVEL_AGENCY
    return True


def offered_to_side(item: ProgramItem, side: str) -> bool:
    """Whether the form shows the item at all to this side (before the organisation type)."""
    return item.audience != Audience.JAPAN_ONLY or side == Side.JAPAN
