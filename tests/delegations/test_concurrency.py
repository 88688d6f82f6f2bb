"""Two contacts racing for the last places of an item never overbook (both databases)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.program.queries import item_by_code
from seminar_reg.registration.models import Attendance

from .helpers import MEMBER, add_member, invite

CAPACITY = 3
PER_CONTACT = 4


@pytest.mark.slow
def test_racing_contacts_never_overbook(app, seminar):
    item_by_code(seminar, "site-visit").capacity = CAPACITY
    db.session.commit()
    clients = []
    for number, name in enumerate(("東京都羽村市", "大阪府")):
        client = app.test_client()
        client.get(invite(app, name, f"contact{number}@example.jp"))
        clients.append(client)

    def add(job: int) -> int:
        client = clients[job % 2]
        values = dict(MEMBER, email=f"m{job}@example.jp", item_codes=["site-visit"])
        return add_member(client, values).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(add, range(2 * PER_CONTACT)))

    assert statuses == [302] * (2 * PER_CONTACT)
    db.session.expire_all()
    by_status = dict(db.session.execute(
        select(Attendance.status, func.count()).group_by(Attendance.status)
    ).all())
    assert by_status == {"confirmed": CAPACITY, "waitlisted": 2 * PER_CONTACT - CAPACITY}
