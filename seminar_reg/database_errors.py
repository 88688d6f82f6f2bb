"""One line, never a traceback, for the database problems a user can cause and fix.

Server unreachable, database missing, authentication refused, schema not migrated:
each names what to do next (the ``createdb`` or ``db upgrade`` to run). Commands get
this through ``explain_database_errors`` (wrapped in ``create_app`` and by the
``seminar-reg`` group), migrations through ``migrations/env.py``, and ``seminar-reg
serve`` checks with ``check_ready`` before gunicorn starts.
"""

from __future__ import annotations

import functools
import re

import click
from sqlalchemy import text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import DBAPIError

MISSING_DATABASE = re.compile(r'database "(?P<name>[^"]+)" does not exist')
AUTHENTICATION = re.compile(
    r"password authentication failed|authentication failed|no password supplied"
    r'|role "[^"]+" does not exist|no pg_hba\.conf entry'
)
UNREACHABLE = re.compile(
    r"connection refused|could not connect|timeout expired|timed out|failed to resolve host"
    r"|could not translate host name|no route to host|network is unreachable"
    r"|server closed the connection|no such file or directory",
    re.IGNORECASE,
)
PSYCOPG_PREFIX = re.compile(r"^(connection failed:\s*)?(connection to server at .*? failed:\s*)?")
NOT_MIGRATED = re.compile(
    r"no such table|no such column|relation \"[^\"]+\" does not exist"
    r"|column \"?[^\"]+\"? (of relation \"[^\"]+\" )?does not exist",
)


class DatabaseProblem(SystemExit):
    """A database the app cannot use as it is; its message is the one line to print.

    A SystemExit, like ConfigurationError, so ``flask``, ``seminar-reg`` and gunicorn
    print the line and stop instead of a traceback.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"seminar_reg: database error: {message}")


def _where(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def describe(error: BaseException, url: str, prefix: str = "seminar-reg") -> str | None:
    """The one line for `error` on the database at `url`, or None when it is not one of
    the problems a user can fix (those keep their traceback for a bug report)."""
    if not isinstance(error, DBAPIError):
        return None
    parsed = make_url(url)
    message = str(getattr(error, "orig", None) or error)
    first_line = message.strip().splitlines()[0] if message.strip() else message
    if NOT_MIGRATED.search(message):
        return (
            f"the database is not migrated to this version ({first_line}); run: {prefix} db upgrade"
        )
    if parsed.get_backend_name() == "sqlite":
        if "unable to open database file" in message:
            return (
                f"cannot open the SQLite database {parsed.database} ({first_line}); "
                "does its folder exist and may this user write there?"
            )
        return None
    missing = MISSING_DATABASE.search(message)
    if missing:
        return (
            f'database "{missing["name"]}" does not exist on {_where(parsed)}; create it: '
            f"createdb -h {parsed.host or 'localhost'} -p {parsed.port or 5432} "
            f"-U {parsed.username or 'postgres'} {missing['name']}"
        )
    if AUTHENTICATION.search(message):
        return (
            f'PostgreSQL at {_where(parsed)} refused user "{parsed.username}" '
            f"({_reason(message)}); check the user and password in DATABASE_URL"
        )
    if UNREACHABLE.search(message):
        return (
            f"cannot reach the PostgreSQL server at {_where(parsed)} ({_reason(message)}); "
            "is it running, and is DATABASE_URL right?"
        )
    return None


def _reason(message: str) -> str:
    """The server's own words without psycopg's "connection to server ... failed:"."""
    reason = message.strip().splitlines()[0]
    reason = PSYCOPG_PREFIX.sub("", reason)
    return re.sub(r"^FATAL:\s*", "", reason).strip() or "no reason given"


def command_prefix() -> str:
    """How the user runs commands, for messages that say what to run next."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and "flask" in (ctx.find_root().info_name or ""):
        return "flask --app seminar_reg"
    return "seminar-reg"


def _url() -> str:
    from flask import current_app

    return current_app.config["SQLALCHEMY_DATABASE_URI"]


def explained(call, url_of=_url):
    """Run `call()`; a database problem the user can fix becomes a DatabaseProblem."""
    try:
        return call()
    except DBAPIError as error:
        line = describe(error, url_of(), command_prefix())
        if line is None:
            raise
        raise DatabaseProblem(line) from None


def explain_database_errors(command: click.Command) -> click.Command:
    """Wrap `command` (and a group's subcommands) so fixable problems print one line."""
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            explain_database_errors(sub)
    callback = command.callback
    if callback is None or getattr(callback, "explains_database_errors", False):
        return command

    @functools.wraps(callback)
    def wrapper(*args, **kwargs):
        return explained(lambda: callback(*args, **kwargs))

    wrapper.explains_database_errors = True  # type: ignore[attr-defined]
    command.callback = wrapper
    return command


def check_ready(app, *, command_prefix: str = "seminar-reg") -> None:
    """Connect once and compare the schema with the newest migration, before serving."""
    from alembic.script import ScriptDirectory

    from .extensions import db

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with app.app_context():
        config = app.extensions["migrate"].migrate.get_config()
        heads = set(ScriptDirectory.from_config(config).get_heads())
        current = explained(lambda: _current_revisions(db.engine), lambda: url)
    if current != heads:
        state = ", ".join(sorted(current)) or "no tables yet"
        raise DatabaseProblem(
            f"the database is not migrated to this version ({state}; this version needs "
            f"{', '.join(sorted(heads))}); run: {command_prefix} db upgrade"
        )


def _current_revisions(engine) -> set[str]:
    with engine.connect() as connection:
        try:
            rows = connection.execute(text("SELECT version_num FROM alembic_version"))
        except DBAPIError as error:
            if NOT_MIGRATED.search(str(error.orig)):
                return set()
            raise
        return {row[0] for row in rows}
