"""The audit trail for administrators: filters, pages and a CSV export (blueprint "audit",
at /console/audit). The trail itself is seminar_reg/audit, which auth records into."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from ..audit.forms import KIND_LABELS, AuditFilterForm
from ..audit.queries import AuditFilters, all_events, page_of_events
from ..audit.trail import COMMAND_LINE, Kind, record
from ..clock import venue_datetime, venue_zone
from ..web import download
from .permissions import Permission, requires

bp = Blueprint("audit", __name__)


def _when(event) -> str:
    return venue_datetime(event.at).strftime("%Y-%m-%d %H:%M:%S")


def _kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def _origin(value: str) -> str:
    """Who or where, as stored ("command line (root)" for a command), in the reader's
    language: an address or an email is shown as it is."""
    if value == COMMAND_LINE:
        return _("command line")
    if value.startswith(f"{COMMAND_LINE} (") and value.endswith(")"):
        return _("command line (%(user)s)", user=value[len(COMMAND_LINE) + 2:-1])
    return value


def _filters(form: AuditFilterForm) -> AuditFilters:
    if not form.validate():
        return AuditFilters()
    return AuditFilters(
        actor=(form.actor.data or "").strip(),
        kind=form.kind.data or "",
        since=form.since.data,
        until=form.until.data,
    )


@bp.route("/")
@requires(Permission.MANAGE_ACCOUNTS)
def index():
    form = AuditFilterForm(request.args)
    filters = _filters(form)
    page = page_of_events(filters, request.args.get("page", 1, type=int))
    return render_template(
        "audit/index.html",
        form=form,
        filters=filters,
        pagination=page,
        zone=venue_zone().key,
        when=_when,
        kind_label=_kind_label,
        origin=_origin,
    ), (200 if not form.errors else 400)


def _csv_header(zone: str) -> list[str]:
    return [
        _("When (%(zone)s)", zone=zone), _("Who"), _("From"), _("What"), _("Subject"),
        _("People"), _("Detail"),
    ]


@bp.route("/export.csv")
@requires(Permission.MANAGE_ACCOUNTS)
def export_csv():
    filters = _filters(AuditFilterForm(request.args))
    events = all_events(filters)
    rows = [
        (_when(e), _origin(e.actor), _origin(e.address), _kind_label(e.kind), e.subject,
         "" if e.people is None else e.people, e.detail)
        for e in events
    ]
    # The trail names staff and login attempts: downloading it is itself recorded.
    from ..documents.sheets import to_csv  # openpyxl (through xlsx.neutralise): lazily

    record(Kind.EXPORT, subject="audit.csv", detail=f"{len(rows)} events")
    return download(to_csv(_csv_header(venue_zone().key), rows), "audit.csv")
