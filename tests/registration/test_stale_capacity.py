"""Every way of taking a place decides it by the capacity read under the item's lock.

The session has read the item (capacity 2, one seat taken) when another connection
commits capacity 1: a form, a delegation's member or a walk-in (`register`), an import
(`register_many`), a /my change adding the item (`update`) and a re-opened registration
(`undo_cancellation`) all get the waiting list, not the seat the stale read shows.
test_capacity_race.py runs the same with the edit holding the lock in another thread.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import update as sql_update

from seminar_reg.extensions import db
from seminar_reg.program.models import ProgramItem
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration import operations
from seminar_reg.registration.operations import data_from_delegate
from tests.factories import add_chinese, delegate_data


def _register(seminar, item):
    data = delegate_data("china", "王", "芳", items=("site-visit",))
    return operations.register(seminar, data, items=[item])[0]


def _import(seminar, _item):
    data = delegate_data("china", "王", "芳", items=("site-visit",))
    return operations.register_many(seminar, [data], source="import")[0]


def _add_on_own_page(seminar, _item):
    delegate = add_chinese(seminar, "王", "芳")  # plenary only
    data = replace(data_from_delegate(delegate), item_codes=("plenary", "site-visit"))
    _commit_elsewhere(seminar, 1)  # after this registration's own lock and commit
    operations.update(delegate, data, actor="self")
    return delegate


def _reopen(seminar, _item):
    delegate = add_chinese(seminar, "王", "芳", items=("site-visit",))  # the second seat
    operations.cancel_registration(delegate, actor="self")  # frees it
    _commit_elsewhere(seminar, 1)
    operations.undo_cancellation(delegate, actor="self")
    return delegate


def _commit_elsewhere(seminar, capacity: int) -> None:
    """The console's capacity edit, on a connection of its own."""
    item = item_by_code(seminar, "site-visit")  # in the session: its capacity goes stale
    assert item.capacity == 2
    with db.engine.begin() as connection:
        connection.execute(
            sql_update(ProgramItem).where(ProgramItem.id == item.id).values(capacity=capacity)
        )


@pytest.mark.parametrize("take_place", [_register, _import, _add_on_own_page, _reopen])
def test_a_place_follows_the_capacity_committed_meanwhile(app, seminar, take_place):
    item = item_by_code(seminar, "site-visit")
    item.capacity = 2
    db.session.commit()
    add_chinese(seminar, "李", items=("site-visit",))  # one seat of two taken
    if take_place in (_register, _import):
        _commit_elsewhere(seminar, 1)
    delegate = take_place(seminar, item)
    db.session.expire_all()
    places = {a.item.code: a.status for a in delegate.attendances}
    assert places["site-visit"] == "waitlisted"
