"""`new-edition`, `current-edition` and `editions` (see README: the yearly workflow)."""

from __future__ import annotations

import datetime as dt
import json

import click

from ..program.editions import EditionError, create_edition, make_current
from . import bp
from .queries import edition_rows


def _date(_ctx, _param, value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("use YYYY-MM-DD, e.g. 2018-07-25") from None


@bp.cli.command(
    "new-edition",
    help="Create edition NUMBER from an earlier edition's programme, starting on --start. "
    "Days are shifted, venues and the registration deadline cleared, titles renumbered; "
    "no delegate is copied.",
)
@click.argument("number", type=click.IntRange(min=1))
@click.option("--from", "source", type=click.IntRange(min=1), required=True, help="Copy this one.")
@click.option("--start", required=True, callback=_date, help="First day, YYYY-MM-DD.")
@click.option("--city-ja", default="", help="City in Japanese (default: copied).")
@click.option("--city-zh", default="", help="City in Chinese (default: copied).")
@click.option("--city-en", default="", help="City in English (default: copied).")
def new_edition_command(
    number: int, source: int, start: dt.date, city_ja: str, city_zh: str, city_en: str
) -> None:
    cities = {"ja": city_ja.strip(), "zh": city_zh.strip(), "en": city_en.strip()}
    try:
        seminar = create_edition(number, source_number=source, start=start, cities=cities)
    except EditionError as error:
        raise click.ClickException(str(error)) from None
    click.echo(
        f"Created edition {seminar.edition} ({seminar.start_date} to {seminar.end_date}, "
        f"{seminar.city_en}) from edition {source}. Set venues and the deadline in the "
        f"console; 'current-edition {seminar.edition}' opens its registration."
    )


@bp.cli.command(
    "current-edition",
    help="Make edition NUMBER the current one: public pages, registration, desk, console.",
)
@click.argument("number", type=click.IntRange(min=1))
def current_edition_command(number: int) -> None:
    try:
        seminar = make_current(number)
    except EditionError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Edition {seminar.edition} ({seminar.city_en}) is now current.")


@bp.cli.command("editions", help="List the editions: dates, city, delegates, which is current.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON for other tools.")
def editions_command(as_json: bool) -> None:
    rows = edition_rows()
    if as_json:
        click.echo(json.dumps([row.as_json() for row in rows], ensure_ascii=False))
        return
    for row in rows:
        seminar = row.seminar
        mark = "*" if seminar.is_current else " "
        click.echo(
            f"{mark} {seminar.edition:>3}  {seminar.start_date} to {seminar.end_date}  "
            f"{seminar.city_en:<20} {row.live['all']:>5} delegate(s)"
        )
