"""Many registrations at once for a small item: never more confirmed than capacity."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.models import Attendance, Delegate

from .helpers import CHINESE, payload, register_through_form

CAPACITY = 5
ATTEMPTS = 24


@pytest.mark.slow
def test_concurrent_registrations_never_overbook(app, seminar):
    item_by_code(seminar, "site-visit").capacity = CAPACITY
    db.session.commit()

    def register(number: int) -> int:
        client = app.test_client()
        data = payload(CHINESE, email=f"racer{number}@example.cn", item_codes=["site-visit"])
        return register_through_form(client, "china", data).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(register, range(ATTEMPTS)))

    assert statuses == [302] * ATTEMPTS
    db.session.expire_all()
    by_status = dict(
        db.session.execute(
            select(Attendance.status, func.count()).group_by(Attendance.status)
        ).all()
    )
    assert by_status == {"confirmed": CAPACITY, "waitlisted": ATTEMPTS - CAPACITY}
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == ATTEMPTS
