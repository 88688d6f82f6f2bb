import sys

import click
from flask_babel import force_locale

from . import bp
from .models import StaffRole
from .operations import AccountError, create_user


@bp.cli.command("create-user", help="Create a staff account; asks for the password.")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in StaffRole]), required=True)
def create_user_command(email: str, role: str) -> None:
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        # Scripts pipe the password in, so it never shows in the process list.
        password = sys.stdin.readline().rstrip("\n")
    try:
        user = create_user(email, password, role)
    except AccountError as error:
        with force_locale("en"):
            raise click.ClickException(error.message()) from None
    click.echo(f"created {user.email} ({user.role})")
