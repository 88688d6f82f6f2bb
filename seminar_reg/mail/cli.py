"""``flask --app seminar_reg mail status|send``: for a timer, and after an outage."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from .outbox import deliver, retry_failed, status_counts


@click.group("mail")
def mail_group() -> None:
    """Outgoing mail: what waits, what went, and sending it now."""


@mail_group.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@with_appcontext
def status_command(as_json: bool) -> None:
    """How many mails wait, went out, or were given up after their retries."""
    counts = status_counts()
    if as_json:
        click.echo(json.dumps(counts))
    else:
        click.echo(
            f"pending {counts['pending']}, sent {counts['sent']}, failed {counts['failed']}"
        )


@mail_group.command("send")
@click.option("--due", is_flag=True, help="Only mails whose retry back-off has passed.")
@click.option("--failed", "include_failed", is_flag=True, help="Also retry given-up mails.")
@with_appcontext
def send_command(due: bool, include_failed: bool) -> None:
    """Send every pending mail now, whatever its back-off."""
    revived = retry_failed() if include_failed else 0
    delivery = deliver(due_only=due)
    summary = f"sent {delivery.sent}, will retry {delivery.retrying}, failed {delivery.failed}"
    if revived:
        summary += f" ({revived} given-up mail(s) tried again)"
    if delivery.interrupted:
        summary += "; the mail server could not be reached, the rest wait for the next run"
    click.echo(summary)
