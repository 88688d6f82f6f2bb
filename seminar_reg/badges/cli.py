"""`flask --app seminar_reg badges --out FILE.pdf [filters] [--layout sheet|single]`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from ..delegations.queries import waiting_pairs
from ..program.models import Seminar
from ..program.queries import (
    EDITION_OPTION,
    item_by_code,
    program_items,
    seminar_for_command,
)
from ..vocabulary import LANGUAGES, Role, Side
from . import bp
from .forms import LAYOUTS
from .operations import PrintJob, prepare_job, record_job, render_job
from .queries import Selection, count_by_side
from .texts import skipped_reason

CLI_ACTOR = "system"


@bp.cli.command(
    "badges",
    help="Write name badges as one PDF: everyone, or the delegates the options select "
    "(all options must match). Printed badges are marked as printed.",
)
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--side", type=click.Choice([side.value for side in Side]))
@click.option("--role", type=click.Choice([role.value for role in Role]))
@click.option("--item", "item_code", help="Confirmed attendees of this program item code.")
@click.option("--delegate", "delegate_id", type=click.IntRange(min=1), help="One delegate's ID.")
@click.option("--unprinted", is_flag=True, help="Only badges not printed since the last change.")
@click.option("--layout", type=click.Choice(LAYOUTS), default="sheet", show_default=True)
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default="en", help="Language of the messages."
)
@EDITION_OPTION
def badges_command(out: Path, layout: str, lang: str, edition: int | None, **filters) -> None:
    with force_locale(lang):
        seminar = seminar_for_command(edition)
        selection = Selection(**filters)
        _check_item(seminar, selection.item_code)
        job = _run(seminar, selection, layout)
        out.write_bytes(job.result.pdf)
        record_job(job, seminar, actor=CLI_ACTOR)
        _report(job, out)
        if selection.delegate_id is None:
            _echo_held_back(seminar)


def _check_item(seminar: Seminar, code: str | None) -> None:
    if code and item_by_code(seminar, code) is None:
        known = ", ".join(item.code for item in program_items(seminar))
        raise click.ClickException(
            _("Unknown program item %(code)s. Known codes: %(known)s", code=code, known=known)
        )


def _run(seminar: Seminar, selection: Selection, layout: str) -> PrintJob:
    from .layout import EmptySelectionError, NothingPrintableError  # reportlab: lazily

    total = count_by_side(seminar, selection)["all"]
    if not total:
        raise click.ClickException(_("No badges match this selection, so nothing was printed."))
    with click.progressbar(length=total, label=_("Reading delegates"), file=sys.stderr) as bar:
        try:
            prepared = prepare_job(seminar, selection, progress=bar.update)
        except EmptySelectionError:  # changed since the count
            raise click.ClickException(
                _("No badges match this selection, so nothing was printed.")
            ) from None
    count = len(prepared.badges)
    label = ngettext("Rendering %(num)s badge…", "Rendering %(num)s badges…", count)
    try:
        # Badges a font cannot draw are skipped before drawing starts, so the bar may
        # stop short of `count`; the summary then says how many were skipped.
        with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
            return render_job(seminar, prepared, layout=layout, progress=bar.update)
    except NothingPrintableError as error:
        _echo_skipped(error.skipped)
        raise click.ClickException(_("None of the selected badges can be printed.")) from None


def _echo_skipped(skipped) -> None:
    for badge in skipped:
        click.echo(skipped_reason(badge), err=True)


def _echo_held_back(seminar: Seminar) -> None:
    """The badge page's list of typed members left out (``queries._filtered``)."""
    for pair in waiting_pairs(seminar):
        click.echo(_("Left out until the person answers: %(typed)s (--delegate %(id)s), who "
                     "may be %(owner)s registered already.", typed=pair.typed.full_name,
                     id=pair.typed.id, owner=pair.owner.full_name), err=True)


def _report(job: PrintJob, out: Path) -> None:
    _echo_skipped(job.result.skipped)
    result = job.result
    summary = ngettext(
        "Wrote %(path)s: %(num)s badge, %(pages)s page(s), %(skipped)s skipped.",
        "Wrote %(path)s: %(num)s badges, %(pages)s page(s), %(skipped)s skipped.",
        len(result.printed),
        path=str(out),
        pages=result.pages,
        skipped=len(result.skipped),
    )
    click.echo(summary)
