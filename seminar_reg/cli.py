"""The ``seminar-reg`` command: the commands of ``flask --app seminar_reg``, plus ``serve``.

``seminar-reg --help`` answers from the table below without building the app, and a
command's module is imported only when that command is named, so help is instant and a
command loads only what it uses. ``tests/test_cli.py`` keeps the table equal to the
commands the app registers.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence

import click
from flask.cli import FlaskGroup

# name -> (module whose import defines it, the one-line help `--help` lists)
COMMANDS: dict[str, tuple[str, str]] = {
    "backup": ("seminar_reg.backup", "Copy the SQLite database to FILE while the app runs."),
    "badges": (
        "seminar_reg.badges.cli",
        "Write name badges as one PDF: everyone, or the delegates the options select "
        "(all options must match).",
    ),
    "buses": ("seminar_reg.logistics", "Site-visit buses: plan, move people, manifests."),
    "catering": ("seminar_reg.logistics", "Meals per dietary need at the receptions."),
    "cleanup": (
        "seminar_reg.retention",
        "Delete mail files, expired links, stale uploads and old audit events.",
    ),
    "create-user": ("seminar_reg.auth", "Create a staff account; asks for the password."),
    "current-edition": (
        "seminar_reg.editions",
        "Make edition NUMBER the current one: public pages, registration, desk, console.",
    ),
    "db": ("flask_migrate.cli", "Perform database migrations."),
    "delegations": (
        "seminar_reg.delegations",
        "Invitations and their delegations, one per line.",
    ),
    "demo-data": (
        "seminar_reg.registration",
        "Fill an empty database with 165 demonstration delegates.",
    ),
    "editions": (
        "seminar_reg.editions",
        "List the editions: dates, city, delegates, which is current.",
    ),
    "headcounts": (
        "seminar_reg.registration",
        "Confirmed delegates by side, in total and per item.",
    ),
    "import-delegates": (
        "seminar_reg.registration",
        "Import delegates from .csv or .xlsx, all or nothing.",
    ),
    "invite": (
        "seminar_reg.delegations",
        "Invite an organisation and mail its contact the delegation link.",
    ),
    "letters": (
        "seminar_reg.letters",
        "Write the formal invitation letters, one per delegation, as one PDF in Japanese or "
        "Chinese.",
    ),
    "mail": ("seminar_reg.mail.cli", "Outgoing mail: what waits, what went, and sending it now."),
    "new-edition": (
        "seminar_reg.editions",
        "Create edition NUMBER from an earlier edition's programme, starting on --start.",
    ),
    "pickups": (
        "seminar_reg.logistics",
        "Airport and station pickups grouped by day, place and time.",
    ),
    "purge": (
        "seminar_reg.retention",
        "Anonymise the delegates of seminars that ended before a date.",
    ),
    "restore": ("seminar_reg.backup", "Replace the SQLite database with the backup in FILE."),
    "roll": (
        "seminar_reg.rolls",
        "Write the attendance roll of a program item ('all': every confirmed delegate) "
        "as PDF or XLSX, chosen by the file...",
    ),
    "rooming": (
        "seminar_reg.logistics",
        "Rooming list of those who need a hotel, with totals per night.",
    ),
    "seating": (
        "seminar_reg.logistics",
        "Reception seating: plan, move people, table lists, cards.",
    ),
    "seed-program": (
        "seminar_reg.program",
        "Load the seminar, its programme and the series history.",
    ),
    "user": (
        "seminar_reg.auth",
        "List staff accounts, set passwords, deactivate and activate.",
    ),
}
SHORT_HELP_LIMIT = 120  # the first sentence of each command's help, as listed


def load_command(name: str) -> click.Command:
    """Import the module behind `name` and return its command object."""
    module = importlib.import_module(COMMANDS[name][0])
    blueprint = getattr(module, "bp", None)
    if blueprint is not None and name in blueprint.cli.commands:
        return blueprint.cli.commands[name]
    for value in vars(module).values():
        if isinstance(value, click.Command) and value.name == name:
            return value
    raise LookupError(f"{COMMANDS[name][0]} defines no command {name!r}")


def _create_app():
    from . import create_app

    return create_app()


class SeminarRegGroup(FlaskGroup):
    def __init__(self, **kwargs) -> None:
        super().__init__(create_app=_create_app, set_debug_flag=False, **kwargs)
        self.add_command(serve_command)
        # The app is always this one: flask's --app option would only mislead.
        self.params = [param for param in self.params if param.name != "app"]

    def list_commands(self, ctx: click.Context) -> list[str]:
        own = set(click.Group.list_commands(self, ctx)) | set(COMMANDS)
        return sorted(own | set(_plugin_commands()))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS and name not in self.commands:
            from .database_errors import explain_database_errors

            self.add_command(explain_database_errors(load_command(name)), name)
        return super().get_command(ctx, name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        plugins = _plugin_commands()
        for name in self.list_commands(ctx):
            if name in self.commands:
                command = self.commands[name]
                if not command.hidden:
                    rows.append((name, command.get_short_help_str(SHORT_HELP_LIMIT)))
            elif name in COMMANDS:
                rows.append((name, COMMANDS[name][1]))
            else:  # loading a plugin to read its help would cost what this listing saves
                rows.append((name, f"A command of {plugins[name]}; see its --help."))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _plugin_commands() -> dict[str, str]:
    """Commands other packages add to `flask` (entry points), by name: their package."""
    from importlib.metadata import entry_points

    return {
        point.name: point.dist.name if point.dist else point.value
        for point in entry_points(group="flask.commands")
    }


@click.command("serve", help="Serve the app with gunicorn (for production).")
@click.option(
    "--bind",
    "-b",
    help="Address to listen on.  [default: 127.0.0.1:$PORT, PORT defaulting to 8000]",
)
@click.option(
    "--workers",
    "-w",
    type=click.IntRange(min=1),
    help="Worker processes.  [default: $WEB_CONCURRENCY, or 2]",
)
@click.argument("gunicorn_options", nargs=-1, type=click.UNPROCESSED)
def serve_command(bind: str | None, workers: int | None, gunicorn_options: tuple[str, ...]):
    """Check the settings and the database once here, so a mistake is one line instead
    of every worker failing to boot; then gunicorn takes over this process. gunicorn also
    reads GUNICORN_CMD_ARGS and ./gunicorn.conf.py; extra options are passed on."""
    from . import create_app
    from .database_errors import check_ready, command_prefix

    check_ready(create_app(), command_prefix=command_prefix())
    bind = bind or f"127.0.0.1:{os.environ.get('PORT') or 8000}"
    workers = workers or int(os.environ.get("WEB_CONCURRENCY") or 2)
    click.echo(f"Serving on http://{bind} with {workers} gunicorn workers")
    sys.stdout.flush()
    os.execv(sys.executable, gunicorn_argv(bind, workers, gunicorn_options))


def gunicorn_argv(bind: str, workers: int, options: Sequence[str] = ()) -> list[str]:
    """gunicorn serving the warmed app (seminar_reg/warmup.py): --preload builds and
    warms it once in the master, before it listens, and the workers share it."""
    argv = [sys.executable, "-m", "gunicorn", "--bind", bind, "--workers", str(workers)]
    return [*argv, "--preload", *options, "seminar_reg.warmup:warmed_app()"]


cli = SeminarRegGroup(
    name="seminar-reg",
    help="Registration and logistics for the Japan-China Regional Exchange Seminar.\n\n"
    "Settings come from the environment (DATABASE_URL, SECRET_KEY...) or the "
    "instance folder's config.py; see README.md.",
)


def main() -> None:
    cli.main(prog_name="seminar-reg")
