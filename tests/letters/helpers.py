"""Delegations for the letters' tests, made by the real operations: the secretariat
invites an organisation, its contact adds the members."""

from __future__ import annotations

from seminar_reg.delegations.models import Invitation
from seminar_reg.delegations.operations import add_member, invite, organization_for
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.factories import delegate_data

SECRETARIAT = "secretariat@seminar.example"


def invite_organization(
    seminar, side: str, name: str, organization_type: str, **head
) -> Invitation:
    organization = organization_for(side, name, organization_type)
    for field, value in head.items():  # head_title, head_name
        setattr(organization, field, value)
    language = "ja" if side == "japan" else "zh"
    invitation, _link = invite(
        seminar, organization, f"contact@{side}.example", language=language, actor=SECRETARIAT
    )
    db.session.commit()
    return invitation


def hamura(seminar) -> tuple[Invitation, list[Delegate]]:
    invitation = invite_organization(seminar, "japan", "東京都羽村市", "local_government")
    members = [
        add_member(invitation, delegate_data("japan", family, given, reading, **options))
        for family, given, reading, options in (
            ("並木", "心", ("なみき", "こころ"), {"title": "市長"}),
            ("髙橋", "太郎", ("たかはし", "たろう"), {"title": "秘書広報課長"}),
        )
    ]
    return invitation, members


def shenyang(seminar) -> tuple[Invitation, list[Delegate]]:
    invitation = invite_organization(
        seminar,
        "china",
        "沈阳市人民政府外事办公室",
        "national_government",
        head_title="主任",
        head_name="张伟",
    )
    members = [
        add_member(invitation, delegate_data("china", family, given, title=title))
        for family, given, title in (("廖", "力强", "处长"), ("欧阳", "娜娜", "翻译"))
    ]
    return invitation, members


def hamura_and_shenyang(seminar):
    return hamura(seminar), shenyang(seminar)


def without_members(seminar, side: str, name: str) -> Invitation:
    return invite_organization(seminar, side, name, "other")
