import json

import click

from ..program.queries import EDITION_OPTION, current_seminar_or_exit, seminar_for_command
from ..vocabulary import LANGUAGES
from . import bp
from .queries import headcounts


@bp.cli.command("headcounts", help="Confirmed delegates by side, in total and per item.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
@EDITION_OPTION
def headcounts_command(as_json: bool, edition: int | None) -> None:
    counts = headcounts(seminar_for_command(edition))
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False))
        return
    click.echo(f"{'':24} {'japan':>6} {'china':>6} {'all':>6}")
    click.echo(f"{'total':24} {counts['japan']:>6} {counts['china']:>6} {counts['all']:>6}")
    for code, row in counts["items"].items():
        click.echo(f"{code:24} {row['japan']:>6} {row['china']:>6} {row['all']:>6}")


@bp.cli.command("import-delegates", help="Import delegates from .csv or .xlsx, all or nothing.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--lang", type=click.Choice(LANGUAGES), default="en", help="Language of the messages."
)
def import_delegates_command(path: str, lang: str) -> None:
    from pathlib import Path

    from flask_babel import force_locale

    from .data import RegistrationError
    from .importer import ImportFileError, file_error_message, read_table, store_rows, validate_rows

    seminar = current_seminar_or_exit()
    with force_locale(lang):
        try:
            rows = read_table(Path(path).read_bytes(), path)
        except ImportFileError as error:
            raise click.ClickException(file_error_message(error)) from None
        good, errors = validate_rows(seminar, rows)
    if errors:
        for error in errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(errors)} error(s); nothing was imported")
    try:
        with click.progressbar(length=len(good), label="importing", file=None) as bar:
            delegates = store_rows(seminar, good, progress=lambda: bar.update(1))
    except RegistrationError as error:  # someone registered with one of its emails meanwhile
        with force_locale(lang):
            reasons = "; ".join(error.messages().values())
        raise click.ClickException(f"{reasons}; nothing was imported") from None
    from ..audit.trail import Kind, record

    record(Kind.IMPORT, subject=Path(path).name, people=len(delegates))
    click.echo(f"Imported {len(delegates)} delegate(s).")


@bp.cli.command("demo-data", help="Fill an empty database with 165 demonstration delegates.")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when delegates exist.")
def demo_data_command(if_empty: bool) -> None:
    from sqlalchemy import func, select

    from ..extensions import db
    from .demo import load_demo_data
    from .models import Delegate

    seminar = current_seminar_or_exit()
    existing = db.session.execute(select(func.count(Delegate.id))).scalar_one()
    if existing:
        if if_empty:
            click.echo(f"{existing} delegate(s) already registered; added none.")
            return
        raise click.ClickException(
            "the database already has delegates; demo data is for an empty one"
        )
    delegates = load_demo_data(seminar)
    click.echo(f"Added {len(delegates)} demonstration delegates.")
