import click

from . import bp
from .seeding import seed_program


@bp.cli.command("seed-program", help="Load the seminar, its programme and the series history.")
def seed_program_command() -> None:
    changes = seed_program()
    click.echo(f"Loaded the programme: {changes} row(s) created or updated.")
