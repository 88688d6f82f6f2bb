"""Delegations for the letters' tests: an organisation, its invitation and its members,
registered through the real registration operation."""

from __future__ import annotations

from seminar_reg.delegations.models import Invitation, Organization
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.factories import add_chinese, add_japanese


def invite(seminar, side: str, name_ja: str, name_zh: str, **organization) -> Invitation:
    body = Organization(side=side, name_ja=name_ja, name_zh=name_zh, **organization)
    invitation = Invitation(
        seminar_id=seminar.id, organization=body, contact_email=f"contact@{body.side}.example"
    )
    db.session.add(invitation)
    db.session.commit()
    return invitation


def join(invitation: Invitation, *delegates: Delegate) -> list[Delegate]:
    for delegate in delegates:
        delegate.invitation_id = invitation.id
    db.session.commit()
    return list(delegates)


def hamura(seminar) -> tuple[Invitation, list[Delegate]]:
    invitation = invite(
        seminar, "japan", "東京都羽村市", "东京都羽村市", organization_type="local_government"
    )
    organization = {"organization": "東京都羽村市"}
    members = join(
        invitation,
        add_japanese(seminar, "並木", "なみき", "心", "こころ", title="市長", **organization),
        add_japanese(seminar, "髙橋", "たかはし", title="秘書広報課長", **organization),
    )
    return invitation, members


def shenyang(seminar) -> tuple[Invitation, list[Delegate]]:
    invitation = invite(
        seminar,
        "china",
        "瀋陽市人民政府外事弁公室",
        "沈阳市人民政府外事办公室",
        organization_type="national_government",
        head_title="主任",
        head_name="张伟",
    )
    organization = {"organization": "沈阳市人民政府外事办公室"}
    members = join(
        invitation,
        add_chinese(seminar, "廖", "力强", title="处长", **organization),
        add_chinese(seminar, "欧阳", "娜娜", title="翻译", **organization),
    )
    return invitation, members
