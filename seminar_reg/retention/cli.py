"""`flask --app seminar_reg purge --before YYYY-MM-DD [--dry-run]` and `... cleanup`."""

import datetime as dt

import click

from . import bp
from .cleanup import cleanup
from .purge import PurgeRefused, describe, plan, purge

PURGE_SHORT = "Anonymise the delegates of seminars that ended before a date."
CLEANUP_SHORT = "Delete mail files, expired links, stale uploads and old audit events."


@bp.cli.command(
    "purge",
    short_help=PURGE_SHORT,
    help="Anonymise the delegates of seminars that ended before DATE (names, readings, "
    "Latin forms, contacts, travel details, notes, change-history values); headcounts "
    "stay the same. Cannot be undone: try --dry-run first.",
)
@click.option("--before", "before", required=True, type=click.DateTime(["%Y-%m-%d"]),
              help="YYYY-MM-DD: seminars whose last day is before this date.")
@click.option("--dry-run", is_flag=True, help="Say what would be anonymised; change nothing.")
def purge_command(before: dt.datetime, dry_run: bool) -> None:
    try:
        report = plan(before.date()) if dry_run else purge(before.date())
    except PurgeRefused:
        raise click.ClickException(
            f"{before.date()} is in the future: only seminars that have ended can be purged"
        ) from None
    prefix = "would anonymise" if dry_run else "anonymised"
    click.echo(f"{prefix}: {describe(report)}")


@bp.cli.command(
    "cleanup",
    short_help=CLEANUP_SHORT,
    help="Delete what is kept only for a while: outbox mail files, personal links of "
    "seminars that ended, delegations' expired mailed requests, old login failures, "
    "uncommitted import uploads, old audit events. Run daily (cron or a systemd timer).",
)
@click.option("--dry-run", is_flag=True, help="Count what would be deleted; delete nothing.")
def cleanup_command(dry_run: bool) -> None:
    report = cleanup(dry_run=dry_run)
    click.echo(f"{'would delete' if dry_run else 'deleted'}: {report.describe()}")
