"""`flask --app seminar_reg roll ITEM_CODE --out FILE.pdf|FILE.xlsx [--lang ja|zh|en]`."""

from pathlib import Path

import click

from ..audit.trail import Kind, record
from ..program.queries import EDITION_OPTION, seminar_for_command
from . import bp
from .export import FORMATS, LANGUAGES, make_roll
from .queries import WHOLE_SEMINAR, UnknownRollError


@bp.cli.command(
    "roll",
    help=f"Write the attendance roll of a program item ('{WHOLE_SEMINAR}': every confirmed "
    "delegate) as PDF or XLSX, chosen by the file extension.",
)
@click.argument("item_code")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", "language", type=click.Choice(LANGUAGES), default="ja", show_default=True)
@EDITION_OPTION
def roll_command(item_code: str, out: Path, language: str, edition: int | None) -> None:
    file_format = out.suffix.lower().lstrip(".")
    if file_format not in FORMATS:
        raise click.BadParameter(
            f"{out.name}: the extension must be .pdf or .xlsx", param_hint="--out"
        )
    seminar = seminar_for_command(edition)
    try:
        roll = make_roll(seminar, item_code, language=language, file_format=file_format)
    except UnknownRollError as error:
        raise click.ClickException(str(error)) from None
    out.write_bytes(roll.data)
    record(Kind.EXPORT, subject=out.name, people=roll.result.total)
    for problem in roll.result.problems:
        click.echo(problem.reason, err=True)
    counts = roll.result.counts
    pages = f", {roll.result.pages} page(s)" if roll.result.pages else ""
    click.echo(
        f"Wrote {out}: {roll.result.total} delegate(s) "
        f"({counts.get('japan', 0)} Japanese side, {counts.get('china', 0)} Chinese side){pages}"
    )
