"""Logistics commands: `flask --app seminar_reg buses|seating|catering|pickups|rooming ...`.

Without --out a command prints a plain summary; with --out F.pdf or F.xlsx it writes the
document in --lang. Refusals print their reason in --lang and exit non-zero. Every command
takes --edition: lists and documents of any edition, changes to the current one only
(another edition's plans are refused, `changeable_seminar_for_command`).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..audit.trail import Kind, record
from ..program.queries import (
    EDITION_OPTION,
    changeable_seminar_for_command,
    current_seminar_or_exit,
    seminar_for_command,
)
from ..vocabulary import LANGUAGES
from . import bp, exports, operations, queries

LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default="ja",
    show_default=True,
    help="Language of the document and of messages.",
)
OUT_OPTION = click.option(
    "--out",
    type=click.Path(dir_okay=False, writable=True),
    help="Write the list to this .pdf or .xlsx file instead of printing a summary.",
)


def _format_of(out: str) -> str:
    fmt = Path(out).suffix.lower().lstrip(".")
    if fmt not in exports.FORMATS:
        raise click.BadParameter("the file name must end in .pdf or .xlsx", param_hint="--out")
    return fmt


def _write(out: str, make) -> None:
    from ..documents.fonts import MissingGlyphError  # reportlab: only when writing

    try:
        content = make(_format_of(out))
    except MissingGlyphError as error:
        raise click.ClickException(str(error)) from None
    Path(out).write_bytes(content)
    record(Kind.EXPORT, subject=Path(out).name)
    click.echo(f"Wrote {out} ({len(content)} bytes).")


def _refusal(lang: str, action) -> None:
    with force_locale(lang):
        try:
            action()
        except operations.Refused as refused:
            raise click.ClickException(refused.message) from None


def _changeable(lang: str, edition: int | None):
    with force_locale(lang):
        return changeable_seminar_for_command(edition)


def _counts(people) -> str:
    japan = sum(1 for d in people if d.side == "japan")
    return f"japan {japan:>3}  china {len(people) - japan:>3}  all {len(people):>3}"


# --- buses ----------------------------------------------------------------------------------

buses = AppGroup("buses", help="Site-visit buses: plan, move people, manifests.")
bp.cli.add_command(buses)


@buses.command("plan", help="Replace the bus plan: everyone confirmed for the site visit.")
@click.option("--size", type=click.IntRange(1, 200), default=45, show_default=True)
@LANG_OPTION
@EDITION_OPTION
def buses_plan(size: int, lang: str, edition: int | None) -> None:
    seminar = _changeable(lang, edition)
    _refusal(lang, lambda: operations.plan_buses(seminar, size))
    _print_buses(seminar)


@buses.command("move", help="Put delegate DELEGATE_ID on bus BUS (refused when it is full).")
@click.argument("delegate_id", type=int)
@click.argument("bus", type=int)
@LANG_OPTION
@EDITION_OPTION
def buses_move(delegate_id: int, bus: int, lang: str, edition: int | None) -> None:
    seminar = _changeable(lang, edition)
    _refusal(lang, lambda: operations.move_to_bus(seminar, delegate_id, bus))
    click.echo(f"Delegate {delegate_id} is on bus {bus}.")


@buses.command("place-new", help="Seat participants who registered after planning.")
@LANG_OPTION
@EDITION_OPTION
def buses_place_new(lang: str, edition: int | None) -> None:
    seminar = _changeable(lang, edition)
    placed = operations.place_new_bus_riders(seminar)
    click.echo(f"Placed {placed} new participant(s).")
    _print_buses(seminar)


@buses.command("list", help="Print the buses with their counts per side.")
@EDITION_OPTION
def buses_list(edition: int | None) -> None:
    _print_buses(seminar_for_command(edition))


@buses.command("manifest", help="Write the manifest of every bus.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True))
@LANG_OPTION
@EDITION_OPTION
def buses_manifest(out: str, lang: str, edition: int | None) -> None:
    seminar = seminar_for_command(edition)
    _write(out, lambda fmt: exports.bus_manifests(seminar, lang, fmt))


def _print_buses(seminar=None) -> None:
    overview = queries.bus_overview(seminar or current_seminar_or_exit())
    if not overview.planned:
        click.echo("No buses planned yet.")
    for bus in overview.buses:
        click.echo(
            f"bus {bus.number:>2} ({len(bus.passengers):>2}/{bus.capacity}): "
            f"{_counts(bus.passengers)}"
        )
    if overview.unassigned:
        click.echo(f"Not on a bus: {len(overview.unassigned)}")


# --- seating --------------------------------------------------------------------------------

seating = AppGroup("seating", help="Reception seating: plan, move people, table lists, cards.")
bp.cli.add_command(seating)
ITEM_OPTION = click.option(
    "--item", type=click.Choice(queries.RECEPTIONS), default="clair-reception", show_default=True
)


def _reception(code: str, seminar=None):
    item = queries.reception(seminar or current_seminar_or_exit(), code)
    if item is None:
        raise click.ClickException(f"no reception {code!r} in the programme")
    return item


@seating.command("plan", help="Replace the seating plan of a reception.")
@ITEM_OPTION
@click.option("--table-size", type=click.IntRange(2, 50), default=10, show_default=True)
@LANG_OPTION
@EDITION_OPTION
def seating_plan(item: str, table_size: int, lang: str, edition: int | None) -> None:
    reception = _reception(item, _changeable(lang, edition))
    _refusal(lang, lambda: operations.plan_seating(reception, table_size))
    _print_tables(reception)


@seating.command("move", help="Seat delegate DELEGATE_ID at table TABLE (refused when full).")
@ITEM_OPTION
@click.argument("delegate_id", type=int)
@click.argument("table", type=int)
@LANG_OPTION
@EDITION_OPTION
def seating_move(item: str, delegate_id: int, table: int, lang: str, edition: int | None) -> None:
    reception = _reception(item, _changeable(lang, edition))
    _refusal(lang, lambda: operations.move_to_table(reception, delegate_id, table))
    click.echo(f"Delegate {delegate_id} is at table {table}.")


@seating.command("place-new", help="Seat guests who registered after planning.")
@ITEM_OPTION
@LANG_OPTION
@EDITION_OPTION
def seating_place_new(item: str, lang: str, edition: int | None) -> None:
    reception = _reception(item, _changeable(lang, edition))
    click.echo(f"Placed {operations.place_new_guests(reception)} new guest(s).")
    _print_tables(reception)


@seating.command("list", help="Print the tables, or write the table lists with --out.")
@ITEM_OPTION
@OUT_OPTION
@LANG_OPTION
@EDITION_OPTION
def seating_list(item: str, out: str | None, lang: str, edition: int | None) -> None:
    seminar = seminar_for_command(edition)
    reception = _reception(item, seminar)
    if out:
        _write(out, lambda fmt: exports.seating(seminar, reception, lang, fmt))
    else:
        _print_tables(reception)


@seating.command("cards", help="Write folded place cards (PDF) for every seated guest.")
@ITEM_OPTION
@click.option("--out", required=True, type=click.Path(dir_okay=False, writable=True))
@LANG_OPTION
@EDITION_OPTION
def seating_cards(item: str, out: str, lang: str, edition: int | None) -> None:
    seminar = seminar_for_command(edition)
    reception = _reception(item, seminar)
    if _format_of(out) != "pdf":
        raise click.BadParameter("place cards are PDF only", param_hint="--out")
    _write(out, lambda _fmt: exports.place_cards(seminar, reception, lang))


def _print_tables(item) -> None:
    overview = queries.seating_overview(item)
    if not overview.planned:
        click.echo("No seating planned yet.")
    for table in overview.tables:
        head = " head" if table.is_head else ""
        click.echo(
            f"table {table.number:>2}{head} ({len(table.guests):>2}/{table.capacity}): "
            f"{_counts(table.guests)}"
        )
    if overview.unseated:
        click.echo(f"Without a table: {len(overview.unseated)}")


# --- catering, pickups, rooming -------------------------------------------------------------


@bp.cli.command("catering", help="Meals per dietary need at the receptions.")
@click.option("--item", type=click.Choice(queries.RECEPTIONS), help="One reception only.")
@OUT_OPTION
@LANG_OPTION
@EDITION_OPTION
def catering_command(item: str | None, out: str | None, lang: str, edition: int | None) -> None:
    seminar = seminar_for_command(edition)
    items = [_reception(item, seminar)] if item else queries.receptions(seminar)
    if out:
        _write(out, lambda fmt: exports.catering(seminar, lang, fmt, items))
        return
    for reception in items:
        data = queries.catering(reception)
        click.echo(f"{reception.code}: {data.total} guest(s)")
        for code, counts in data.counts.items():
            click.echo(
                f"  {code:<11} japan {counts['japan']:>3}  china {counts['china']:>3}  "
                f"all {counts['all']:>3}"
            )
        for delegate in data.notes:
            click.echo(
                f"  note: {delegate.full_name} ({delegate.dietary}): {delegate.dietary_note}"
            )


@bp.cli.command("pickups", help="Airport and station pickups grouped by day, place and time.")
@click.option(
    "--direction",
    type=click.Choice(["arrivals", "departures"]),
    default="arrivals",
    show_default=True,
)
@click.option(
    "--window",
    type=click.IntRange(1, 24 * 60),
    default=60,
    show_default=True,
    help="Minutes one vehicle waits for later arrivals.",
)
@click.option("--vehicle-size", type=click.IntRange(1, 100), default=20, show_default=True)
@OUT_OPTION
@LANG_OPTION
@EDITION_OPTION
def pickups_command(
    direction: str, window: int, vehicle_size: int, out: str | None, lang: str, edition: int | None
) -> None:
    seminar = seminar_for_command(edition)
    if out:
        _write(
            out, lambda fmt: exports.pickups(seminar, lang, fmt, direction, window, vehicle_size)
        )
        return
    data = queries.pickups(seminar, direction, window, vehicle_size)
    click.echo(
        f"{direction.capitalize()} by day, place and time "
        f"(one vehicle waits {window} min, seats {vehicle_size}):"
    )
    click.echo("date       time        place: people (per vehicle)")
    for group in data.groups:
        sizes = "+".join(str(len(vehicle)) for vehicle in group.vehicles)
        click.echo(
            f"{group.date} {group.start:%H:%M}-{group.end:%H:%M} {group.place}: "
            f"{len(group.people)} ({sizes})"
        )
    click.echo(f"Without {direction[:-1]} details: {len(data.missing)}")
    if data.missing:
        click.echo(f"  {'id':>4} name, email")
    for delegate in data.missing:
        click.echo(f"  {delegate.id:>4} {delegate.full_name}, {delegate.email}")


@bp.cli.command("rooming", help="Rooming list of those who need a hotel, with totals per night.")
@OUT_OPTION
@LANG_OPTION
@EDITION_OPTION
def rooming_command(out: str | None, lang: str, edition: int | None) -> None:
    seminar = seminar_for_command(edition)
    if out:
        _write(out, lambda fmt: exports.rooming(seminar, lang, fmt))
        return
    plan = queries.rooming(seminar).plan
    for night in plan.nights:
        counts = plan.per_night[night]
        click.echo(
            f"{night}: japan {counts['japan']:>3}  china {counts['china']:>3}  "
            f"all {counts['all']:>3}"
        )
    click.echo(f"Guests: {len(plan.guests)}; dates missing: {len(plan.undated)}")
