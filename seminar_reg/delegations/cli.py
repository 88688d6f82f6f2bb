"""``invite`` and ``delegations``: the secretariat's commands for delegations."""

from __future__ import annotations

import json

import click

from ..program.queries import EDITION_OPTION, changeable_seminar_for_command, seminar_for_command
from ..vocabulary import LANGUAGES, OWN_LANGUAGE, SIDES, OrganizationType
from . import bp


@bp.cli.command(
    "invite", help="Invite an organisation and mail its contact the delegation link."
)
@click.argument("organization")
@click.option("--side", type=click.Choice(SIDES), required=True)
@click.option("--email", "contact_email", required=True, help="The contact's address.")
@click.option(
    "--organization-type",
    type=click.Choice([code.value for code in OrganizationType]),
    default=None,
    help="Default: guessed from the name and side, as the import does.",
)
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="The contact's language (default: the side's).")
@EDITION_OPTION
def invite_command(
    organization: str, side: str, contact_email: str, organization_type: str | None,
    lang: str | None, edition: int | None,
) -> None:
    """Stores the invitation, mails the link in the contact's language and prints the
    link as the last line (it works at once; the mail goes out after the command)."""
    from ..fields import cleaned
    from ..registration.rules import likely_organization_type
    from . import operations
    from .forms import valid_email, valid_organization_name

    seminar = changeable_seminar_for_command(edition)  # a past edition is read-only
    name = cleaned(organization)
    if not valid_organization_name(name):
        raise click.BadParameter("an organisation name of 1 to 200 printable characters",
                                 param_hint="ORGANIZATION")
    if not valid_email(contact_email):
        raise click.BadParameter("not an email address", param_hint="--email")
    kind = organization_type or likely_organization_type(side, name)
    language = lang or OWN_LANGUAGE[side]
    target = operations.organization_for(side, name, kind)
    invitation, link = operations.invite(
        seminar, target, contact_email.strip(), language=language, actor="cli"
    )
    _send_now()
    click.echo(f"Invited {invitation.organization.name} ({side}): {invitation.contact_email}")
    click.echo(link)


def _send_now() -> None:
    """Send the stored mail now, as a page does after its response; a mail server that
    is away leaves it pending for ``mail send`` (the link printed works either way)."""
    from flask import current_app, g

    from ..mail import send_quietly
    from ..mail.outbox import QUEUED_IN_REQUEST

    send_quietly(current_app._get_current_object(), g.pop(QUEUED_IN_REQUEST, []))


@bp.cli.command("delegations", help="Invitations and their delegations, one per line.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
@EDITION_OPTION
def delegations_command(as_json: bool, edition: int | None) -> None:
    from .queries import invitations_as_json

    rows = invitations_as_json(seminar_for_command(edition))
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    for row in rows:
        click.echo(
            f"{row['side']:6} {row['status']:11} {row['members']:>4}  "
            f"{row['organization']}  <{row['contact_email']}>"
        )
