"""Reads for the invitation letters: the delegations of the seminar and what their letters
say, as the renderer's plain data (letters.content) in the letter's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..delegations.models import Invitation, Organization
from ..delegations.queries import delegation_members
from ..extensions import db
from ..names import cross_script_for_side
from ..program.models import OrganizationRole, Seminar
from ..program.queries import program_days
from ..registration.models import Delegate
from ..registration.rules import may_attend
from ..vocabulary import OWN_SIDE, InvitationStatus

if TYPE_CHECKING:
    from .content import LetterData, LetterMember, ProgrammeDay, SeminarFacts

# Invitations that no longer stand get no letter.
WITHOUT_LETTER = (InvitationStatus.DECLINED, InvitationStatus.REVOKED)


class UnknownOrganizationError(LookupError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no delegation of an organisation named {name!r}")


@dataclass(frozen=True)
class Delegation:
    """An invitation that stands, with its registered members."""

    invitation: Invitation
    members: list[Delegate]

    @property
    def organization(self) -> Organization:
        return self.invitation.organization


def reference(seminar: Seminar, invitation: Invitation) -> str:
    """The letter's number: the edition and the invitation, the same in both languages."""
    return f"JC{seminar.edition}-{invitation.id:04d}"


def delegations(seminar: Seminar, organization: str | None = None) -> list[Delegation]:
    """The seminar's standing delegations, Japanese side first, by letter number; with
    `organization`, only that organisation's (its name in any language, exactly).
    Raises UnknownOrganizationError when no invitation of the seminar has that name."""
    query = (
        select(Invitation)
        .join(Organization)
        .where(Invitation.seminar_id == seminar.id, Invitation.status.not_in(WITHOUT_LETTER))
        .options(selectinload(Invitation.organization))
        .order_by(Organization.side.desc(), Invitation.id)
    )
    if organization is not None:
        wanted = organization.strip()
        query = query.where(
            or_(
                Organization.name_ja == wanted,
                Organization.name_zh == wanted,
                func.lower(Organization.name_en) == wanted.lower(),
            )
        )
    invitations = list(db.session.execute(query).scalars())
    if organization is not None and not invitations:
        raise UnknownOrganizationError(organization)
    return [Delegation(invitation, delegation_members(invitation)) for invitation in invitations]


def seminar_facts(seminar: Seminar, language: str) -> SeminarFacts:
    from .content import SeminarFacts

    def named(role: OrganizationRole) -> tuple[str, ...]:
        return tuple(
            getattr(body, f"name_{language}") or body.name_ja
            for body in seminar.organizations
            if body.role == role
        )

    return SeminarFacts(
        title=getattr(seminar, f"title_{language}"),
        theme=getattr(seminar, f"theme_{language}"),
        start_date=seminar.start_date,
        end_date=seminar.end_date,
        city=getattr(seminar, f"city_{language}"),
        province=getattr(seminar, f"province_{language}"),
        organizers=named(OrganizationRole.ORGANIZER),
        co_organizers=named(OrganizationRole.CO_ORGANIZER),
        supporters=named(OrganizationRole.SUPPORTER),
        signatory=getattr(seminar, f"signatory_{language}"),
    )


def letter_data(seminar: Seminar, delegation: Delegation, language: str) -> LetterData:
    from .content import LetterData

    body = delegation.organization
    foreign = body.side != OWN_SIDE[language]  # head written in the reader's script

    def for_reader(text: str) -> str:
        return cross_script_for_side(body.side, text) if foreign and text else text

    return LetterData(
        reference=reference(seminar, delegation.invitation),
        side=body.side,
        organization=body.name_in(language),
        members=tuple(_member(delegate) for delegate in delegation.members),
        programme=_programme(seminar, body, language),
        head_title=for_reader(body.head_title),
        head_name=for_reader(body.head_name),
    )


def _member(delegate: Delegate) -> LetterMember:
    from .content import LetterMember

    return LetterMember(
        member_id=delegate.id,
        side=delegate.side,
        family=delegate.family_name,
        given=delegate.given_name,
        cross_family=delegate.cross_family_name,
        cross_given=delegate.cross_given_name,
        title=delegate.title,
        cross_title=cross_script_for_side(delegate.side, delegate.title),
        latin_name=delegate.latin_name,
    )


def _programme(seminar: Seminar, body: Organization, language: str) -> tuple[ProgrammeDay, ...]:
    """The items the organisation's members may attend (registration.rules), by day."""
    from .content import ProgrammeDay, ProgrammeEntry

    days = []
    for day in program_days(seminar):
        entries = tuple(
            ProgrammeEntry(
                title=getattr(item, f"title_{language}") or item.title_ja,
                start=item.start_time,
                end=item.end_time,
                venue=getattr(item, f"venue_{language}") or item.venue_ja,
            )
            for item in day.items
            if may_attend(item, body.side, body.organization_type)
        )
        if entries:
            days.append(ProgrammeDay(day.date, entries))
    return tuple(days)
