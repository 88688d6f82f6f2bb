"""Online backup and restore of the embedded SQLite database.

``flask --app seminar_reg backup FILE`` copies the live database with SQLite's online
backup API while the app keeps serving: the copy is one consistent snapshot, never a
file caught half-written. ``restore FILE`` copies a backup back the same way. On
PostgreSQL both refuse and point to pg_dump / pg_restore, which do this job there.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy.engine import make_url

# A restore waits this long for the app's writers to let go of the database.
BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(click.ClickException):
    pass


def sqlite_path() -> Path:
    """The live database file; BackupError on PostgreSQL or an in-memory database."""
    url = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])
    if url.get_backend_name() != "sqlite":
        raise BackupError(
            "the database is PostgreSQL: use pg_dump -Fc to back it up and pg_restore to "
            "bring it back (see README.md, Backups)"
        )
    if not url.database or url.database == ":memory:":
        raise BackupError("the database is in memory; there is no file to back up")
    return Path(url.database)


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own check of a database file; an empty list means it is sound."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    finally:
        connection.close()
    return [] if rows == ["ok"] else rows


def _copy(source: Path, target: sqlite3.Connection) -> None:
    # pages=-1 copies everything in one step under one read transaction: a consistent
    # snapshot, even while other processes write (WAL lets them go on meanwhile).
    connection = sqlite3.connect(source, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        connection.backup(target, pages=-1)
    finally:
        connection.close()


def backup_to(destination: Path) -> None:
    """Write a consistent copy of the live database to *destination*, atomically."""
    source = sqlite_path()
    destination = destination.resolve()
    if destination == source.resolve():
        raise BackupError("the backup file must not be the database itself")
    # Written beside the target and renamed: a crash never leaves half a backup there.
    handle, partial = tempfile.mkstemp(prefix=".backup-", dir=destination.parent)
    os.close(handle)
    try:
        target = sqlite3.connect(partial)
        try:
            _copy(source, target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            target.close()
        problems = integrity_problems(Path(partial))
        if problems:
            raise BackupError("the copy failed its integrity check: " + "; ".join(problems))
        os.replace(partial, destination)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)


def restore_from(backup: Path) -> None:
    """Replace the live database's contents with *backup*, in one transaction."""
    target_path = sqlite_path()
    problems = integrity_problems(backup)
    if problems:
        raise BackupError(f"{backup} is not a sound SQLite database: " + "; ".join(problems))
    # The backup API writes through SQLite's own locking, so running workers see
    # either the old database or the restored one, never a mixture.
    target = sqlite3.connect(target_path, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
        try:
            source.backup(target, pages=-1)
        finally:
            source.close()
    finally:
        target.close()


def _confirm(question: str, yes: bool) -> None:
    if not yes and not click.confirm(question, default=False):
        raise click.Abort()


@click.command("backup", help="Copy the SQLite database to FILE while the app runs.")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Overwrite FILE without asking.")
@with_appcontext
def backup_command(file: Path, yes: bool) -> None:
    sqlite_path()  # refuse PostgreSQL before asking anything
    if file.exists():
        _confirm(f"{file} exists. Overwrite it?", yes)
    backup_to(file)
    click.echo(f"Wrote {file} ({file.stat().st_size} bytes, integrity ok).")


@click.command("restore", help="Replace the SQLite database with the backup in FILE.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Overwrite the database without asking.")
@with_appcontext
def restore_command(file: Path, yes: bool) -> None:
    target = sqlite_path()
    _confirm(f"Replace everything in {target} with {file}?", yes)
    restore_from(file)
    click.echo(f"Restored {target} from {file}.")
