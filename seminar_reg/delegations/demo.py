"""The demonstration data in delegations: each organisation of the 165 demo delegates
is invited, its first member is the contact, and every member belongs to its delegation
(sides unchanged: 73 / 92). Two more organisations show an open and a declined
invitation."""

from __future__ import annotations

from ..extensions import db
from ..program.models import Seminar
from ..registration.demo import demo_data_loaded
from ..registration.models import Delegate
from ..vocabulary import OWN_LANGUAGE, InvitationStatus, Side
from .links import issue_token
from .models import Invitation, InvitationChange
from .operations import organization_for

UNANSWERED = (
    ("京都府", Side.JAPAN, "local_government", "kyoto@demo.example.jp", InvitationStatus.INVITED),
    ("上海市人民政府外事办公室", Side.CHINA, "local_government", "waiban@demo.example.cn",
     InvitationStatus.DECLINED),
)


@demo_data_loaded.connect
def organise(seminar: Seminar, delegates: list[Delegate], **_extra) -> list[Invitation]:
    groups: dict[tuple[str, str], list[Delegate]] = {}
    for delegate in delegates:
        groups.setdefault((delegate.side, delegate.organization), []).append(delegate)
    invitations = []
    for (side, name), members in groups.items():
        contact = members[0]
        invitation = _invitation(seminar, side, name, members[0].organization_type,
                                 contact.email, InvitationStatus.REGISTERED)
        db.session.flush()
        for member in members:
            member.invitation_id = invitation.id
        invitations.append(invitation)
    if len(delegates) >= 100:  # the full demonstration, not a test's handful
        for name, side, kind, email, status in UNANSWERED:
            invitations.append(_invitation(seminar, side, name, kind, email, status))
    db.session.commit()
    return invitations


def _invitation(seminar, side, name, kind, email, status) -> Invitation:
    invitation = Invitation(
        seminar_id=seminar.id,
        organization=organization_for(side, name, kind),
        contact_email=email,
        language=OWN_LANGUAGE[side],
        status=status,
    )
    issue_token(invitation)
    invitation.changes.append(
        InvitationChange(actor="system", field="invitation_status", before="", after=status)
    )
    db.session.add(invitation)
    return invitation
