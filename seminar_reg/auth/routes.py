from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from ..extensions import db, login_manager
from ..security import body_limit, login_rate_limit
from . import bp
from .forms import LoginForm
from .models import StaffUser
from .operations import authenticate


@login_manager.user_loader
def load_user(user_id: str) -> StaffUser | None:
    return db.session.get(StaffUser, int(user_id)) if user_id.isdigit() else None


def _next_page() -> str:
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or parts.netloc or parts.scheme:
        return url_for("console.dashboard")
    return target


@bp.route("/login", methods=["GET", "POST"])
@body_limit("PUBLIC_FORM_MAX_BYTES")
@login_rate_limit
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_next_page())
        # One message for a wrong password, an unknown or a locked account.
        flash(_("The email or password is not correct."), "error")
    status = 401 if request.method == "POST" else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    return redirect(url_for("program.home"))
