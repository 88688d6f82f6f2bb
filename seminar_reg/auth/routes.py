import time

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from ..extensions import db, login_manager
from ..security import body_limit, login_rate_limit
from ..web import safe_next
from . import bp
from .forms import ChangePasswordForm, LoginForm
from .models import StaffUser
from .operations import AccountError, authenticate, change_own_password, log_out
from .permissions import Permission, requires

CLEAR_SITE_DATA = '"cache", "storage"'
# When the session last made a request, for the idle timeout (seconds since the epoch).
SEEN_KEY = "staff_seen"
# The cookie is rewritten at most this often just to move the idle clock.
SEEN_RESOLUTION_SECONDS = 60


@login_manager.user_loader
def load_user(session_id: str) -> StaffUser | None:
    """``id:version``; a cookie from before a logout, password change or deactivation
    carries an older version and loads nobody (sent to the login page)."""
    user_id, _sep, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(StaffUser, int(user_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


@bp.before_app_request
def end_idle_sessions() -> None:
    """A staff session unused for STAFF_IDLE_TIMEOUT_MINUTES is logged out."""
    if "_user_id" not in session:
        return
    now = int(time.time())
    seen = session.get(SEEN_KEY, 0)
    if now - seen > current_app.config["STAFF_IDLE_TIMEOUT_MINUTES"] * 60:
        logout_user()
        session.pop(SEEN_KEY, None)
    elif now - seen >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_KEY] = now


def _next_page() -> str:
    return safe_next(request.args.get("next"), "console.dashboard")


@bp.route("/login", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@login_rate_limit
def login():
    form = LoginForm()
    if form.validate_on_submit():
        result = authenticate(form.email.data, form.password.data, request.remote_addr or "")
        if result.user is not None:
            session.clear()  # nothing from before the login carries over (session fixation)
            login_user(result.user)
            session[SEEN_KEY] = int(time.time())
            return redirect(_next_page())
        if result.throttled:
            minutes = current_app.config["LOGIN_THROTTLE_MINUTES"]
            flash(
                _(
                    "Too many failed attempts from here: please wait %(minutes)s minutes "
                    "and try again.",
                    minutes=minutes,
                ),
                "error",
            )
        else:
            # One message for a wrong password, an unknown or a deactivated account.
            flash(_("The email or password is not correct."), "error")
    status = 401 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    if current_user.is_authenticated:
        log_out(current_user)
    logout_user()
    session.pop(SEEN_KEY, None)
    response = redirect(url_for("program.home"))
    # What a check-in desk kept on this device (its list of people, its cached pages and
    # service worker) goes with the session; browsers honour this over HTTPS.
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.route("/console/password", methods=["GET", "POST"])
@requires(Permission.VIEW_HEADCOUNTS)  # every staff role
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            change_own_password(user, form.current.data, form.new.data)
        except AccountError as error:
            field = form.current if error.code == "wrong_password" else form.new
            field.errors = [*field.errors, error.message()]
        else:
            # Every other session of this account has ended; this one goes on.
            login_user(user)
            flash(_("Your password was changed. Other sessions have been logged out."))
            return redirect(url_for("console.dashboard"))
    status = 400 if request.method == "POST" else 200
    return render_template("auth/password.html", form=form), status
