"""An import whose file was checked, then someone registers with one of its addresses
before the rows are stored: nothing is imported, and the secretariat is told the
address that was taken (before: the file's first address, whatever row collided,
from the database's unique refusal), on the command line as on the console page.

The other registration commits on a connection of its own (its own thread and app
context) between the import's check of the addresses and its insert: when the import
locks the items it registers for, the first thing it writes.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.program.queries import current_seminar
from seminar_reg.registration import places
from seminar_reg.registration.demo import demo_delegates
from seminar_reg.registration.models import Delegate
from seminar_reg.registration.operations import register
from tests.factories import delegate_data
from tests.registration.test_import import _csv, _row


def _registered_meanwhile(app, monkeypatch, email: str) -> None:
    lock_items = places.lock_items

    def register_first(*args, **kwargs):
        monkeypatch.setattr(places, "lock_items", lock_items)  # once: the other's is real

        def other():
            with app.app_context():
                register(current_seminar(), delegate_data("china", "李", "娜", email=email))

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(30)
        return lock_items(*args, **kwargs)

    monkeypatch.setattr(places, "lock_items", register_first)


def test_an_address_registered_during_the_import_is_the_one_named(
    app, runner, seminar, tmp_path, monkeypatch
):
    rows = [_row(d) for d in demo_delegates(japan=3, china=3)]
    taken = rows[4]["email"]
    path = tmp_path / "delegates.csv"
    path.write_bytes(_csv(rows))
    _registered_meanwhile(app, monkeypatch, taken)

    result = runner.invoke(args=["import-delegates", str(path), "--lang", "en"])

    assert result.exit_code == 1, result.output
    assert f"This email address is already registered: {taken}" in result.output
    assert rows[0]["email"] not in result.output
    assert "nothing was imported" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Delegate.id))) == 1  # only the other one
