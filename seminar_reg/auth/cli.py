import sys

import click
from flask_babel import force_locale

from ..extensions import db
from . import bp
from .models import StaffRole
from .operations import AccountError, create_user, find_user, reset_password, set_active
from .queries import staff_accounts


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # Scripts pipe the password in, so it never shows in the process list.
    return sys.stdin.readline().rstrip("\n")


def _refused(error: AccountError) -> click.ClickException:
    with force_locale("en"):
        return click.ClickException(error.message())


@bp.cli.command("create-user", help="Create a staff account; asks for the password.")
@click.argument("email")
@click.option("--role", type=click.Choice([role.value for role in StaffRole]), required=True)
def create_user_command(email: str, role: str) -> None:
    try:
        user = create_user(email, _read_password(), role)
    except AccountError as error:
        raise _refused(error) from None
    click.echo(f"Created {user.email} ({user.role}).")


@bp.cli.group("user", help="List staff accounts, set passwords, deactivate and activate.")
def user_group() -> None:
    pass


@user_group.command("list", help="Every account: email, role, active or not, last login.")
def list_command() -> None:
    for user in staff_accounts():
        state = "active" if user.active else "deactivated"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M") if user.last_login_at else "-"
        click.echo(f"{user.email}\t{user.role}\t{state}\tlast login {last}")


@user_group.command("set-password", help="Set a new password (asks, or reads stdin); "
                    "ends every session of the account.")
@click.argument("email")
def set_password_command(email: str) -> None:
    try:
        user = find_user(email)
        reset_password(user, _read_password())
    except AccountError as error:
        raise _refused(error) from None
    click.echo(f"Password set for {user.email}; its sessions have ended.")


def _set_active(email: str, active: bool) -> None:
    try:
        user = find_user(email)
        set_active(user, active)
    except AccountError as error:
        db.session.rollback()
        raise _refused(error) from None
    click.echo(f"{'Activated' if active else 'Deactivated'} {user.email}.")


@user_group.command("deactivate", help="Refuse further logins and end every session.")
@click.argument("email")
def deactivate_command(email: str) -> None:
    _set_active(email, False)


@user_group.command("activate", help="Allow a deactivated account to log in again.")
@click.argument("email")
def activate_command(email: str) -> None:
    _set_active(email, True)
