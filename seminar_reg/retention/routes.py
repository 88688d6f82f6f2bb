"""The administrators' data-retention page: preview and run `purge`, run `cleanup`."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..auth.permissions import Permission, requires
from . import bp
from .cleanup import cleanup
from .forms import CleanupForm, PurgeForm
from .purge import PurgeRefused, plan, purge


def _page(form: PurgeForm, report=None, status: int = 200):
    return render_template(
        "retention/index.html",
        form=form,
        cleanup_form=CleanupForm(formdata=None),
        report=report,
        pending=cleanup(dry_run=True),
    ), status


@bp.route("/", methods=["GET", "POST"])
@requires(Permission.MANAGE_ACCOUNTS)
def index():
    form = PurgeForm()
    if request.method == "GET" or not form.validate_on_submit():
        return _page(form, status=400 if request.method == "POST" else 200)
    try:
        report = plan(form.before.data)
        if form.purge.data and not form.confirm.data:
            form.confirm.errors = [_("Tick this box to anonymise.")]
            return _page(form, report, 400)
        if form.purge.data:
            report = purge(form.before.data)
            flash(_("%(count)s delegates anonymised.", count=report.delegates), "success")
            return redirect(url_for("retention.index"))
    except PurgeRefused:
        form.before.errors = [_("Choose a date no later than today.")]
        return _page(form, status=400)
    return _page(form, report)


@bp.route("/cleanup", methods=["POST"])
@requires(Permission.MANAGE_ACCOUNTS)
def run_cleanup():
    if CleanupForm().validate_on_submit():
        report = cleanup()
        flash(
            _("Deleted %(files)s outbox files, %(links)s personal links, %(requests)s expired "
              "delegation requests, %(uploads)s uploads and %(events)s audit events.",
              files=report.outbox_files, links=report.links, requests=report.requests,
              uploads=report.uploads, events=report.audit_events),
            "success",
        )
    return redirect(url_for("retention.index"))
