"""What a contact sees cannot tell whether an address they type is registered already.

Two delegations with names of one length, Hamura and Ome, add the same colleague as
typed, Hamura at an address someone registered on their own, Ome at a new one; both
then change, try to add again, look at the remove page, and finally the person leaves
(the registered one declines the mailed request, the new one cancels on /my). At each
step the two contacts' pages, read through the rendered forms, must be the same once
the organisation, the contact's and the typed address and the page's own tokens and
ids are swapped."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from seminar_reg.delegations.models import MembershipRequest
from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.forms import open_form
from tests.mailbox import body, mails_to
from tests.registration.helpers import JAPANESE, register_through_form

from .helpers import MEMBER, add_member, invite

REGISTERED, NEW = "owner@hachioji.example.jp", "fresh@hachioji.example.jp"
HAMURA, OME = ("東京都羽村市", "tanto@hamura.example.jp"), ("東京都青梅市", "tanto@ome.example.jp")
TYPED = dict(MEMBER, family_name="八木", family_reading="やぎ", title="係長")
OWNER = dict(JAPANESE, family_name="尾名", family_reading="おな", organization="東京都八王子市",
             email=REGISTERED, title="課長", item_codes=["plenary", "pr-session"])
JOIN_LINK = re.compile(r"https?://[^\s/]+(/delegation/join/[A-Za-z0-9_\-]+)")
MY_LINK = re.compile(r"https?://[^\s/]+(/my/[A-Za-z0-9_\-]+)")


def _as_hamura_sees(page: str) -> str:
    """Ome's page with Hamura's words: organisation, contact, typed address."""
    for ome, hamura in ((OME[0], HAMURA[0]), (OME[1], HAMURA[1]), (NEW, REGISTERED)):
        page = page.replace(ome, hamura)
    return page


def _comparable(page: str) -> str:
    page = re.sub(r'(name="csrf_token"[^>]*value=")[^"]*', r"\1", page)
    page = re.sub(r"(/delegation/members/|member-)\d+", r"\1N", page)
    return re.sub(r"<time[^>]*>[^<]*</time>", "<time>", page)  # its own clock


def _same(hamura_page: str, ome_page: str) -> str:
    assert _comparable(hamura_page) == _comparable(_as_hamura_sees(ome_page))
    return hamura_page


def _followed(client, response) -> str:
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _member_path(page: str) -> str:
    (path,) = set(re.findall(r'href="(/delegation/members/\d+)"', page))
    return path


def _contact(app, delegation):
    client = app.test_client()
    client.get(invite(app, *delegation))
    return client


def test_a_registered_address_looks_like_a_new_one_on_every_page(app, seminar):
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    hamura, ome = _contact(app, HAMURA), _contact(app, OME)
    added = add_member(hamura, dict(TYPED, email=REGISTERED))
    added_new = add_member(ome, dict(TYPED, email=NEW))
    assert added.headers["Location"] == added_new.headers["Location"]
    page = _same(_followed(hamura, added), _followed(ome, added_new))
    assert "八木 心 さんを代表団に追加しました" in page and REGISTERED in page
    for private in ("尾名", "東京都八王子市", "メールで確認", "このメールアドレスは登録済み"):
        assert private not in page  # the owner's record, and how they would join

    # Change: the form shows the address typed; saving another title says the same.
    path, path_new = _member_path(page), _member_path(ome.get("/delegation").get_data(as_text=True))
    edit = _same(hamura.get(path).get_data(as_text=True), ome.get(path_new).get_data(as_text=True))
    assert f'value="{REGISTERED}"' in edit
    form, form_new = open_form(hamura, path, field="email"), open_form(ome, path_new, field="email")
    form["title"], form_new["title"] = "課長補佐", "課長補佐"
    _same(_followed(hamura, form.submit(hamura)), _followed(ome, form_new.submit(ome)))
    _same(hamura.get(path).get_data(as_text=True), ome.get(path_new).get_data(as_text=True))

    # The same address again: the answer a contact gets for their own member's address.
    again, again_new = add_member(hamura, dict(TYPED, email=REGISTERED)), add_member(
        ome, dict(TYPED, email=NEW))
    assert again.status_code == again_new.status_code == 400
    _same(again.get_data(as_text=True), again_new.get_data(as_text=True))
    _same(hamura.get(path + "/remove").get_data(as_text=True),
          ome.get(path_new + "/remove").get_data(as_text=True))
    assert len(mails_to(app, HAMURA[1])) == len(mails_to(app, OME[1])) == 1  # the invitation

    # The person leaves: the registered one declines, the new one cancels on /my.
    person = app.test_client()
    join = JOIN_LINK.search(body(mails_to(app, REGISTERED)[-1])).group(1)
    assert open_form(person, join).submit(person, button="refuse").status_code == 302
    newcomer = app.test_client()
    newcomer.get(MY_LINK.search(body(mails_to(app, NEW)[0])).group(1))
    cancel = open_form(newcomer, "/my/cancel", action="/my/cancel")
    assert cancel.submit(newcomer).status_code == 302
    left = _same(hamura.get("/delegation").get_data(as_text=True),
                 ome.get("/delegation").get_data(as_text=True))
    assert "八木" in left and 'class="member"' not in left  # in the history only
    db.session.expire_all()
    owner = db.session.execute(select(Delegate).where(Delegate.email == REGISTERED)).scalar_one()
    assert owner.invitation_id is None and owner.status == "confirmed"  # as they were


def test_changing_a_members_address_to_a_registered_one_looks_like_a_new_one(app, seminar):
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    hamura, ome = _contact(app, HAMURA), _contact(app, OME)
    add_member(hamura, dict(TYPED, email="")), add_member(ome, dict(TYPED, email=""))
    path = _member_path(hamura.get("/delegation").get_data(as_text=True))
    path_new = _member_path(ome.get("/delegation").get_data(as_text=True))
    form, form_new = open_form(hamura, path, field="email"), open_form(ome, path_new, field="email")
    form["email"], form_new["email"] = REGISTERED, NEW
    page = _same(_followed(hamura, form.submit(hamura)), _followed(ome, form_new.submit(ome)))
    assert REGISTERED in page and "尾名" not in page
    edit = _same(hamura.get(path).get_data(as_text=True), ome.get(path_new).get_data(as_text=True))
    assert f'value="{REGISTERED}"' in edit
    # Saved again unchanged: "nothing was changed" for both, and nobody is asked twice.
    unchanged = open_form(hamura, path, field="email").submit(hamura)
    unchanged_new = open_form(ome, path_new, field="email").submit(ome)
    _same(_followed(hamura, unchanged), _followed(ome, unchanged_new))
    assert len(mails_to(app, REGISTERED)) == 2  # the owner's confirmation, one request

    # Removed: the same page, and the person's link stops opening.
    removed = open_form(hamura, path + "/remove", action="/remove").submit(hamura)
    removed_new = open_form(ome, path_new + "/remove", action="/remove").submit(ome)
    _same(_followed(hamura, removed), _followed(ome, removed_new))
    join = JOIN_LINK.search(body(mails_to(app, REGISTERED)[-1])).group(1)
    assert app.test_client().get(join).status_code == 404


def test_the_secretariat_sees_who_is_asked_and_the_contact_does_not(app, seminar, login_as):
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    hamura = _contact(app, HAMURA)
    add_member(hamura, dict(TYPED, email=REGISTERED))
    request = db.session.execute(select(MembershipRequest)).scalar_one()
    staff = login_as("secretariat").get(f"/console/delegations/{request.invitation_id}")
    seen = staff.get_data(as_text=True)
    assert REGISTERED in seen and "尾名" in seen and "メールで確認" in seen
    assert "尾名" not in hamura.get("/delegation").get_data(as_text=True)


def _leave(app, hamura, ome, how: str) -> None:
    """The member goes: removed by the contact, or the person leaves (the registered one
    declines the mailed request, the new one cancels on /my)."""
    if how == "removed":
        for client in (hamura, ome):
            path = _member_path(client.get("/delegation").get_data(as_text=True))
            assert open_form(client, path + "/remove", action="/remove").submit(
                client).status_code == 302
        return
    person = app.test_client()
    join = JOIN_LINK.search(body(mails_to(app, REGISTERED)[-1])).group(1)
    assert open_form(person, join).submit(person, button="refuse").status_code == 302
    newcomer = app.test_client()
    newcomer.get(MY_LINK.search(body(mails_to(app, NEW)[0])).group(1))
    assert open_form(newcomer, "/my/cancel", action="/my/cancel").submit(
        newcomer).status_code == 302


@pytest.mark.parametrize("how", ["removed", "left"])
def test_adding_a_member_who_left_again_looks_the_same(app, seminar, how):
    # Before, the registered address was free again once its typed member went (302)
    # and the new one was still held by the member who left ("registered already", 400):
    # add, remove, add again told a contact which addresses were registered.
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    hamura, ome = _contact(app, HAMURA), _contact(app, OME)
    add_member(hamura, dict(TYPED, email=REGISTERED)), add_member(ome, dict(TYPED, email=NEW))
    _leave(app, hamura, ome, how)

    again, again_new = add_member(hamura, dict(TYPED, email=REGISTERED)), add_member(
        ome, dict(TYPED, email=NEW))
    page = _same(_followed(hamura, again), _followed(ome, again_new))
    assert "八木 心 さんを代表団に追加しました" in page and page.count('class="member"') == 1
    path = _member_path(page)
    path_new = _member_path(ome.get("/delegation").get_data(as_text=True))
    edit = _same(hamura.get(path).get_data(as_text=True), ome.get(path_new).get_data(as_text=True))
    assert f'value="{REGISTERED}"' in edit
    # The person who left at the new address is asked by mail, as the registered one is.
    assert "/delegation/join/" in body(mails_to(app, NEW)[-1])


def test_a_member_given_a_registered_address_leaves_when_the_person_declines(app, seminar):
    # Before, the member stayed and the address shown on them went ("No email"), where a
    # new address stays on its member until the person at it leaves on /my.
    assert register_through_form(app.test_client(), "japan", OWNER).status_code == 302
    hamura, ome = _contact(app, HAMURA), _contact(app, OME)
    add_member(hamura, dict(TYPED, email="")), add_member(ome, dict(TYPED, email=""))
    path = _member_path(hamura.get("/delegation").get_data(as_text=True))
    path_new = _member_path(ome.get("/delegation").get_data(as_text=True))
    form, form_new = open_form(hamura, path, field="email"), open_form(ome, path_new, field="email")
    form["email"], form_new["email"] = REGISTERED, NEW
    _same(_followed(hamura, form.submit(hamura)), _followed(ome, form_new.submit(ome)))

    _leave(app, hamura, ome, "left")
    left = _same(hamura.get("/delegation").get_data(as_text=True),
                 ome.get("/delegation").get_data(as_text=True))
    assert 'class="member"' not in left and REGISTERED not in left


def test_a_member_who_left_and_is_added_again_joins_by_the_mailed_link(app, seminar):
    hamura = _contact(app, HAMURA)
    add_member(hamura, dict(TYPED, email=NEW))
    newcomer = app.test_client()
    newcomer.get(MY_LINK.search(body(mails_to(app, NEW)[0])).group(1))
    cancel = open_form(newcomer, "/my/cancel", action="/my/cancel")
    assert cancel.submit(newcomer).status_code == 302
    assert add_member(hamura, dict(TYPED, email=NEW)).status_code == 302  # asked by mail

    join = JOIN_LINK.search(body(mails_to(app, NEW)[-1])).group(1)
    refused = newcomer.get(join, follow_redirects=True).get_data(as_text=True)
    assert "あなたの登録は取り消されています" in refused  # undo on /my first
    assert open_form(newcomer, "/my", action="/my/undo").submit(newcomer).status_code == 302
    assert open_form(newcomer, join).submit(newcomer).status_code == 302
    page = hamura.get("/delegation").get_data(as_text=True)
    assert page.count('class="member"') == 1 and NEW in page
    assert "メンバー削除" not in page  # joining their own delegation removes them from none
