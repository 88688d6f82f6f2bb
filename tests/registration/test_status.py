"""Status changes by the secretariat: confirm, cancel, move to the waiting list.

No change may overbook an item, and the waiting list stays first come, first served.
"""

from __future__ import annotations

import pytest

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.places import set_status
from seminar_reg.registration.queries import headcounts
from tests.checkin.helpers import make_delegate
from tests.forms import open_form


@pytest.fixture
def visit(seminar):
    item = item_by_code(seminar, "site-visit")
    item.capacity = 1
    db.session.commit()
    return item


def _place(delegate, code: str) -> str:
    db.session.refresh(delegate)
    return {a.item.code: a.status for a in delegate.attendances}[code]


def test_reconfirming_a_cancelled_delegate_never_overbooks(seminar, visit):
    first = make_delegate(seminar, "namiki", ("plenary", "site-visit"))
    set_status(first, "cancelled", actor="test")
    second = make_delegate(seminar, "shan", ("site-visit",))
    assert _place(second, "site-visit") == "confirmed"  # the freed seat went to shan

    still_waiting = set_status(first, "confirmed", actor="test")
    assert [item.code for item in still_waiting] == ["site-visit"]
    assert _place(first, "site-visit") == "waitlisted" and _place(first, "plenary") == "confirmed"
    assert first.status == "confirmed"  # a plenary seat: confirmed, waiting for the visit
    assert headcounts(seminar)["items"]["site-visit"]["all"] == 1


def test_moving_to_the_waiting_list_frees_the_seat_for_the_next_in_line(seminar, visit):
    seated = make_delegate(seminar, "namiki", ("site-visit",))
    waiting = make_delegate(seminar, "shan", ("site-visit",))
    assert (seated.status, waiting.status) == ("confirmed", "waitlisted")

    set_status(seated, "waitlisted", actor="test")
    assert _place(waiting, "site-visit") == "confirmed" and waiting.status == "confirmed"
    assert _place(seated, "site-visit") == "waitlisted" and seated.status == "waitlisted"
    assert headcounts(seminar)["items"]["site-visit"] == {"japan": 0, "china": 1, "all": 1}

    # namiki went to the back of the queue: when shan cancels, namiki is next.
    set_status(waiting, "cancelled", actor="test")
    assert _place(seated, "site-visit") == "confirmed"


def test_moving_to_the_waiting_list_does_not_bounce_back_to_a_free_seat(seminar):
    person = make_delegate(seminar, "namiki", ("plenary",))  # the plenary has no capacity
    set_status(person, "waitlisted", actor="test")
    assert _place(person, "plenary") == "waitlisted" and person.status == "waitlisted"
    assert headcounts(seminar)["items"]["plenary"]["all"] == 0


def test_confirming_from_the_waiting_list_takes_a_seat_when_one_is_free(seminar, visit):
    seated = make_delegate(seminar, "namiki", ("site-visit",))
    waiting = make_delegate(seminar, "shan", ("site-visit",))
    assert set_status(waiting, "confirmed", actor="test")  # full: still waiting
    assert _place(waiting, "site-visit") == "waitlisted"
    visit.capacity = 2
    db.session.commit()
    assert set_status(waiting, "confirmed", actor="test") == []
    assert _place(waiting, "site-visit") == "confirmed" and waiting.status == "confirmed"
    assert _place(seated, "site-visit") == "confirmed"


def test_partly_waitlisted_delegate_is_on_the_roll_of_the_item_they_have_a_seat_at(seminar, visit):
    from seminar_reg.rolls.queries import roll_delegates

    make_delegate(seminar, "namiki", ("site-visit",))
    both = make_delegate(seminar, "shan", ("plenary", "site-visit"))
    assert both.status == "confirmed"
    plenary = item_by_code(seminar, "plenary")
    assert [d.id for d in roll_delegates(seminar, plenary)] == [both.id]
    assert [d.id for d in roll_delegates(seminar, visit)] != [both.id]


def test_console_says_when_confirming_finds_no_free_seat(seminar, visit, login_as):
    make_delegate(seminar, "namiki", ("site-visit",))
    waiting = make_delegate(seminar, "shan", ("site-visit",))
    client = login_as("secretariat")
    client.set_cookie("lang", "en")
    confirm = open_form(client, f"/console/delegates/{waiting.id}", action="/confirm")
    page = confirm.submit(client, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "No free seat, so still on the waiting list for: Site visit" in text
