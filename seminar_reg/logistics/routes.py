"""Logistics console pages and downloads (secretariat only). Reads come from queries,
changes from operations; documents from exports in the language asked for."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..audit.trail import Kind, record
from ..auth.permissions import Permission, requires
from ..i18n import current_language
from ..program.queries import console_seminar_or_404
from ..vocabulary import LANGUAGES
from ..web import download
from . import bp, exports, operations, queries
from .forms import ActionForm, MoveForm, PlanBusesForm, PlanSeatingForm

DEFAULTS = {"window": 60, "vehicle": 20}


def _reception(code: str):
    item = queries.reception(console_seminar_or_404(), code)
    if item is None:
        abort(404)
    return item


def _document_language() -> str:
    lang = request.args.get("lang", current_language())
    return lang if lang in LANGUAGES else current_language()


def _download(make, name: str, fmt: str) -> Response:
    if fmt not in exports.FORMATS:
        abort(404)
    from ..documents.fonts import MissingGlyphError  # reportlab: only when downloading

    try:
        content = make(fmt)
    except MissingGlyphError as error:
        return Response(
            _("This list cannot be printed: %(problem)s", problem=str(error)),
            422,
            mimetype="text/plain",
        )
    record(Kind.EXPORT, subject=name)  # lists of people and where they stay or sit
    return download(content, name)


def _int_arg(name: str, low: int, high: int) -> int:
    value = request.args.get(name, type=int)
    return DEFAULTS[name] if value is None or not low <= value <= high else value


def _refusable(action, success: str, target: str):
    try:
        action()
    except operations.Refused as refused:
        flash(refused.message, "error")
    else:
        flash(success, "success")
    return redirect(target)


@bp.route("/")
@requires(Permission.MANAGE_DELEGATES)
def index():
    seminar = console_seminar_or_404()
    return render_template(
        "logistics/index.html",
        buses=queries.bus_overview(seminar),
        receptions=queries.receptions(seminar),
    )


# --- buses ----------------------------------------------------------------------------------


@bp.route("/buses")
@requires(Permission.MANAGE_DELEGATES)
def buses():
    return render_template(
        "logistics/buses.html",
        overview=queries.bus_overview(console_seminar_or_404()),
        plan_form=PlanBusesForm(),
        action_form=ActionForm(),
    )


@bp.route("/buses/plan", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def plan_buses():
    form = PlanBusesForm()
    if not form.validate_on_submit():
        flash(_("Please enter a number of seats between 1 and 200."), "error")
        return redirect(url_for(".buses"))
    seminar = console_seminar_or_404()
    return _refusable(
        lambda: operations.plan_buses(seminar, form.size.data),
        _("The buses have been planned."),
        url_for(".buses"),
    )


@bp.route("/buses/move", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def move_bus():
    form = MoveForm()
    if not form.validate_on_submit():
        flash(_("Please choose a delegate and a bus."), "error")
        return redirect(url_for(".buses"))
    seminar = console_seminar_or_404()
    return _refusable(
        lambda: operations.move_to_bus(
            seminar, form.delegate_id.data, form.target.data, form.plan.data
        ),
        _("Moved to bus %(number)s.", number=form.target.data),
        url_for(".buses"),
    )


@bp.route("/buses/place-new", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def place_new_riders():
    if ActionForm().validate_on_submit():
        placed = operations.place_new_bus_riders(console_seminar_or_404())
        flash(_("%(count)s new participants placed.", count=placed), "success")
    return redirect(url_for(".buses"))


@bp.route("/buses/manifest.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def bus_manifest(fmt: str):
    seminar, lang = console_seminar_or_404(), _document_language()
    return _download(
        lambda f: exports.bus_manifests(seminar, lang, f), exports.filename("buses", lang, fmt), fmt
    )


# --- receptions -----------------------------------------------------------------------------


@bp.route("/seating/<code>")
@requires(Permission.MANAGE_DELEGATES)
def seating(code: str):
    return render_template(
        "logistics/seating.html",
        overview=queries.seating_overview(_reception(code)),
        plan_form=PlanSeatingForm(),
        action_form=ActionForm(),
    )


@bp.route("/seating/<code>/plan", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def plan_seating(code: str):
    item, form = _reception(code), PlanSeatingForm()
    if not form.validate_on_submit():
        flash(_("Please enter a number of seats between 2 and 50."), "error")
        return redirect(url_for(".seating", code=code))
    return _refusable(
        lambda: operations.plan_seating(item, form.table_size.data),
        _("The seating plan has been made."),
        url_for(".seating", code=code),
    )


@bp.route("/seating/<code>/move", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def move_table(code: str):
    item, form = _reception(code), MoveForm()
    if not form.validate_on_submit():
        flash(_("Please choose a delegate and a table."), "error")
        return redirect(url_for(".seating", code=code))
    return _refusable(
        lambda: operations.move_to_table(
            item, form.delegate_id.data, form.target.data, form.plan.data
        ),
        _("Moved to table %(number)s.", number=form.target.data),
        url_for(".seating", code=code),
    )


@bp.route("/seating/<code>/place-new", methods=["POST"])
@requires(Permission.MANAGE_DELEGATES)
def place_new_guests(code: str):
    item = _reception(code)
    if ActionForm().validate_on_submit():
        placed = operations.place_new_guests(item)
        flash(_("%(count)s new guests seated.", count=placed), "success")
    return redirect(url_for(".seating", code=code))


@bp.route("/seating/<code>/tables.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def table_lists(code: str, fmt: str):
    seminar, item, lang = console_seminar_or_404(), _reception(code), _document_language()
    name = exports.filename("tables", lang, fmt, item)
    return _download(lambda f: exports.seating(seminar, item, lang, f), name, fmt)


@bp.route("/seating/<code>/cards.pdf")
@requires(Permission.MANAGE_DELEGATES)
def place_cards(code: str):
    seminar, item, lang = console_seminar_or_404(), _reception(code), _document_language()
    name = exports.filename("place-cards", lang, "pdf", item)
    return _download(lambda _f: exports.place_cards(seminar, item, lang), name, "pdf")


@bp.route("/catering")
@requires(Permission.MANAGE_DELEGATES)
def catering():
    seminar = console_seminar_or_404()
    sheets = [queries.catering(item) for item in queries.receptions(seminar)]
    return render_template("logistics/catering.html", sheets=sheets)


@bp.route("/catering.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def catering_file(fmt: str):
    seminar, lang = console_seminar_or_404(), _document_language()
    items = queries.receptions(seminar)
    name = exports.filename("catering", lang, fmt)
    return _download(lambda f: exports.catering(seminar, lang, f, items), name, fmt)


# --- travel and hotel -----------------------------------------------------------------------


def _direction() -> str:
    direction = request.args.get("direction", "arrivals")
    return direction if direction in ("arrivals", "departures") else "arrivals"


@bp.route("/pickups")
@requires(Permission.MANAGE_DELEGATES)
def pickups():
    direction, window, vehicle = (
        _direction(),
        _int_arg("window", 1, 1440),
        _int_arg("vehicle", 1, 100),
    )
    data = queries.pickups(console_seminar_or_404(), direction, window, vehicle)
    return render_template(
        "logistics/pickups.html", data=data, direction=direction, window=window, vehicle=vehicle
    )


@bp.route("/pickups.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def pickups_file(fmt: str):
    seminar, lang, direction = console_seminar_or_404(), _document_language(), _direction()
    window, vehicle = _int_arg("window", 1, 1440), _int_arg("vehicle", 1, 100)
    name = exports.filename(direction, lang, fmt)
    return _download(
        lambda f: exports.pickups(seminar, lang, f, direction, window, vehicle), name, fmt
    )


@bp.route("/rooming")
@requires(Permission.MANAGE_DELEGATES)
def rooming():
    return render_template("logistics/rooming.html", data=queries.rooming(console_seminar_or_404()))


@bp.route("/rooming.<fmt>")
@requires(Permission.MANAGE_DELEGATES)
def rooming_file(fmt: str):
    seminar, lang = console_seminar_or_404(), _document_language()
    name = exports.filename("rooming", lang, fmt)
    return _download(lambda f: exports.rooming(seminar, lang, f), name, fmt)
