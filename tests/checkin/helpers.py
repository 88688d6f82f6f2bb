"""Delegates for check-in tests, registered through the real registration operations."""

from __future__ import annotations

import datetime as dt
import time

from seminar_reg.registration.data import DelegateData
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register
from seminar_reg.registration.places import set_status

PEOPLE = {
    "namiki": dict(
        side="japan",
        family_name="並木",
        given_name="心",
        family_reading="なみき",
        given_reading="こころ",
        organization="東京都羽村市",
        organization_type="local_government",
    ),
    "shan": dict(
        side="china",
        family_name="单",
        given_name="伟",
        family_reading="",
        given_reading="",
        organization="沈阳市人民政府外事办公室",
        organization_type="local_government",
    ),
    "takahashi": dict(
        side="japan",
        family_name="髙橋",
        given_name="健一",
        family_reading="たかはし",
        given_reading="けんいち",
        organization="北海道庁",
        organization_type="local_government",
    ),
    "wang": dict(
        side="china",
        family_name="王",
        given_name="芳",
        family_reading="",
        given_reading="",
        organization="辽宁省旅游局",
        organization_type="national_government",
    ),
}


def delegate_data(person: str, items: tuple[str, ...], email: str | None = None) -> DelegateData:
    fields = PEOPLE[person]
    return DelegateData(
        **fields,
        family_latin="",
        given_latin="",
        title="",
        email=email or f"{person}@example.org",
        phone="",
        role="delegate",
        dietary="none",
        dietary_note="",
        language="ja" if fields["side"] == "japan" else "zh",
        item_codes=items,
    )


def make_delegate(
    seminar,
    person: str = "namiki",
    items: tuple[str, ...] = ("plenary",),
    *,
    cancelled: bool = False,
    email: str | None = None,
) -> Delegate:
    delegate, _token = register(seminar, delegate_data(person, items, email))
    if cancelled:
        set_status(delegate, "cancelled", actor="test")
    return delegate


# What a test that puts an item on today's date needs of "today": that it lasts while the
# test runs (a browser test under load: a minute or two). Every desk page asks whether
# its item is today, and the desk's list expires at the end of the item's day.
TODAY_MUST_LAST = dt.timedelta(minutes=3)


def wait_for_a_day_that_lasts() -> None:
    """Close to midnight at the venue (16:00 UTC for Shenyang), wait for the new day."""
    from seminar_reg.clock import venue_zone

    now = dt.datetime.now(venue_zone())
    midnight = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time(), now.tzinfo)
    if midnight - now < TODAY_MUST_LAST:
        time.sleep((midnight - now).total_seconds() + 0.1)


def move_item_to_venue_today(seminar, code: str):
    """Put an item's day on today's date at the venue, as on the day the desk is used."""
    from seminar_reg.clock import venue_today
    from seminar_reg.extensions import db
    from seminar_reg.program.queries import item_by_code

    item = item_by_code(seminar, code)
    wait_for_a_day_that_lasts()
    item.day.date = venue_today()
    db.session.commit()
    return item
