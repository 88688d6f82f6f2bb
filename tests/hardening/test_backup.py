"""``flask backup`` / ``flask restore`` on SQLite: a consistent snapshot taken while a
writer registers delegates, restored with nothing lost; PostgreSQL is refused."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from seminar_reg.backup import integrity_problems
from seminar_reg.extensions import db
from tests.conftest import make_test_app
from tests.registration.helpers import CHINESE, payload

from .conftest import seed

ITEMS = ["plenary", "site-visit"]


@pytest.fixture
def sqlite_app(test_databases, tmp_path: Path):
    url = test_databases.new("live", tmp_path, backend="sqlite")
    seed(url)
    app = make_test_app(url, tmp_path)
    yield app
    with app.app_context():
        db.engine.dispose()


def _registrations(path: Path) -> dict[str, int]:
    """email -> number of attendances, read straight from a database file."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT d.email_key, COUNT(a.id) FROM delegate d "
            "LEFT JOIN attendance a ON a.delegate_id = d.id GROUP BY d.id"
        ).fetchall()
        orphans = connection.execute(
            "SELECT COUNT(*) FROM attendance WHERE delegate_id NOT IN (SELECT id FROM delegate)"
        ).fetchone()[0]
    finally:
        connection.close()
    assert orphans == 0
    return dict(rows)


class Writer(threading.Thread):
    """Registers delegates through the real form until told to stop."""

    def __init__(self, app) -> None:
        super().__init__(daemon=True)
        self.client = app.test_client()
        self.stop = threading.Event()
        self.count = 0

    def run(self) -> None:
        while not self.stop.is_set():
            fields = payload(CHINESE, email=f"w{self.count}@example.cn", item_codes=ITEMS)
            assert self.client.post("/register/china", data=fields).status_code == 302
            self.count += 1


@pytest.mark.slow
def test_backup_under_write_load_then_restore(sqlite_app, tmp_path: Path):
    live = tmp_path / "live.sqlite"
    runner = sqlite_app.test_cli_runner()
    writer = Writer(sqlite_app)
    writer.start()
    try:
        while writer.count < 5:
            writer.stop.wait(0.05)
        backups = []
        for number in range(3):  # each taken while the writer is mid-stream
            backup = tmp_path / f"backup{number}.sqlite"
            result = runner.invoke(args=["backup", str(backup)])
            assert result.exit_code == 0, result.output
            backups.append(backup)
            writer.stop.wait(0.2)
    finally:
        writer.stop.set()
        writer.join(timeout=60)

    for backup in backups:
        assert integrity_problems(backup) == []
        snapshot = _registrations(backup)
        assert snapshot and set(snapshot.values()) == {len(ITEMS)}  # no half delegate
    latest = _registrations(backups[-1])
    assert len(_registrations(live)) == writer.count > len(latest)  # writes went on

    result = runner.invoke(args=["restore", str(backups[-1]), "--yes"])
    assert result.exit_code == 0, result.output
    assert _registrations(live) == latest  # exactly the snapshot, nothing lost
    assert integrity_problems(live) == []
    # The running app reads the restored data through its existing pool.
    with sqlite_app.app_context():
        from seminar_reg.registration.models import Delegate

        assert db.session.query(Delegate).count() == len(latest)


def test_backup_asks_before_overwriting(sqlite_app, tmp_path: Path):
    target = tmp_path / "existing.sqlite"
    target.write_bytes(b"keep me")
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target)], input="n\n")
    assert result.exit_code != 0
    assert target.read_bytes() == b"keep me"
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(target), "--yes"])
    assert result.exit_code == 0 and integrity_problems(target) == []


def test_restore_asks_first_and_refuses_broken_files(sqlite_app, tmp_path: Path):
    live = tmp_path / "live.sqlite"
    runner = sqlite_app.test_cli_runner()
    backup = tmp_path / "b.sqlite"
    assert runner.invoke(args=["backup", str(backup)]).exit_code == 0
    before = live.stat().st_mtime_ns
    assert runner.invoke(args=["restore", str(backup)], input="n\n").exit_code != 0
    assert live.stat().st_mtime_ns == before
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"this is not a database" * 100)
    result = runner.invoke(args=["restore", str(garbage), "--yes"])
    assert result.exit_code != 0 and "not a sound SQLite database" in result.output
    assert integrity_problems(live) == []


def test_postgresql_is_pointed_to_pg_dump(tmp_path: Path):
    app = make_test_app("postgresql://postgres@127.0.0.1:5432/never_connected", tmp_path)
    runner = app.test_cli_runner()
    for args in (["backup", str(tmp_path / "x")], ["restore", __file__, "--yes"]):
        result = runner.invoke(args=args)
        assert result.exit_code != 0
        assert "pg_dump" in result.output and "pg_restore" in result.output
