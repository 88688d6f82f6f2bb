"""Check-in desk pages and the JSON API their JavaScript calls.

Every route needs Permission.CHECK_IN: anonymous visitors go to the login page,
other staff (viewers) get 403. POSTs carry the CSRF token in the X-CSRFToken header.
"""

from __future__ import annotations

from flask import Response, jsonify, render_template, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from ..auth.permissions import Permission, requires
from ..clock import venue_today, venue_zone, zone_label
from ..extensions import compress
from ..program.queries import current_item_or_404, current_seminar
from ..static_files import release_version, script_with_release
from . import bp, queries
from .answers import DESK_OUTCOMES, desk_reader, lookup_answer, scan_answer
from .forms import ScanRequestError, parse_query, parse_scan, parse_sync
from .operations import NoteRequiredError, check_in
from .roster import PLACE_CODES
from .roster import roster as roster_answer
from .texts import desk_texts, note_required

DESK_MODES = ("scanner", "camera")
SERVICE_WORKER = "checkin/sw.js"


def _api_error(message, status: int = 400):
    return jsonify({"error": str(message)}), status


@bp.route("/")
@requires(Permission.CHECK_IN)
def index():
    seminar = current_seminar()
    items = queries.desk_items(seminar) if seminar else []
    return render_template("checkin/index.html", seminar=seminar, items=items, today=venue_today())


@bp.route("/sw.js")
@requires(Permission.CHECK_IN)
def service_worker():
    """The desk's service worker, served from the desk's own folder so its scope is
    /console/checkin/ without a Service-Worker-Allowed header, with this release's
    version written in (the name of its copies: a new release's desk keeps its own).
    Code only, no data, but behind the login like every console address; never cached
    by HTTP (browsers check it for updates; logged out, the check fails and the worker
    in place stays)."""
    return Response(script_with_release(SERVICE_WORKER), mimetype="text/javascript")


@bp.route("/<item_code>")
@requires(Permission.CHECK_IN)
def desk(item_code: str):
    item = current_item_or_404(item_code)
    mode = request.args.get("mode", "scanner")
    return render_template(
        "checkin/desk.html",
        item=item,
        mode=mode if mode in DESK_MODES else "scanner",
        today=venue_today(),
        checked_in=queries.checked_in_count(item.id),
        texts=desk_texts(),
        places=PLACE_CODES,
        outcomes=DESK_OUTCOMES,
        reader=desk_reader(),
        zone=venue_zone().key,
        zone_label=zone_label(),
        release=release_version(),
    )


@bp.route("/<item_code>/scans", methods=["POST"])
@requires(Permission.CHECK_IN)
def scan(item_code: str):
    item = current_item_or_404(item_code)
    try:
        request_scan = parse_scan(request.get_json(silent=True))
        result = check_in(item, request_scan, staff_id=current_user.id)
    except ScanRequestError as error:
        return _api_error(error.message)
    except NoteRequiredError:
        return _api_error(note_required())
    answer = scan_answer(
        result, client_scan_id=request_scan.client_scan_id, checked_in=result.checked_in
    )
    return jsonify(answer)


@bp.route("/<item_code>/roster")
@requires(Permission.CHECK_IN)
@compress.compressed()
def roster(item_code: str):
    """The list the desk keeps on the device (see roster.py), or what changed since;
    compressed when the client accepts it (a whole list is mostly repeated keys and
    labels, and a venue's Wi-Fi is slow)."""
    item = current_item_or_404(item_code)
    return jsonify(roster_answer(item, parse_sync(request.args)))


@bp.route("/<item_code>/lookup")
@requires(Permission.CHECK_IN)
def lookup(item_code: str):
    item = current_item_or_404(item_code)
    return jsonify(lookup_answer(queries.find_delegates(item, parse_query(request.args.get("q")))))


@bp.route("/csrf-token")
@requires(Permission.CHECK_IN)
def csrf_token():
    # A desk stays open all day, longer than a CSRF token lives: its script fetches a
    # fresh one when a POST is refused, so queued scans are not stuck.
    return jsonify({"csrf_token": generate_csrf()})
