"""The administrators' accounts page: create, reset a password, deactivate, reactivate."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..extensions import db
from . import bp
from .forms import AccountActionForm, AccountForm, ResetPasswordForm
from .models import StaffUser
from .operations import AccountError, create_user, reset_password, set_active
from .permissions import Permission, requires
from .queries import staff_accounts


def _page(form: AccountForm, status: int = 200, reset_forms: dict | None = None):
    accounts = staff_accounts()
    reset_forms = reset_forms or {}
    for account in accounts:
        reset_forms.setdefault(account.id, ResetPasswordForm(prefix=f"reset-{account.id}"))
    return render_template(
        "auth/accounts.html",
        form=form,
        accounts=accounts,
        reset_forms=reset_forms,
        action_form=AccountActionForm(),
    ), status


@bp.route("/console/accounts", methods=["GET", "POST"])
@requires(Permission.MANAGE_ACCOUNTS)
def accounts():
    form = AccountForm()
    if form.validate_on_submit():
        try:
            create_user(form.email.data, form.password.data, form.role.data)
        except AccountError as error:
            field = form.email if error.code in ("not_email", "exists") else form.password
            field.errors = [*field.errors, error.message()]
        else:
            flash(_("Account created."))
            return redirect(url_for("auth.accounts"))
    return _page(form, 400 if request.method == "POST" else 200)


def _account(user_id: int) -> StaffUser:
    return db.session.get(StaffUser, user_id) or abort(404)


@bp.route("/console/accounts/<int:user_id>/password", methods=["POST"])
@requires(Permission.MANAGE_ACCOUNTS)
def reset_account_password(user_id: int):
    user = _account(user_id)
    form = ResetPasswordForm(prefix=f"reset-{user.id}")
    if form.validate_on_submit():
        try:
            reset_password(user, form.password.data)
        except AccountError as error:
            form.password.errors = [*form.password.errors, error.message()]
        else:
            flash(_("New password set for %(email)s; their sessions have ended.", email=user.email))
            return redirect(url_for("auth.accounts"))
    return _page(AccountForm(formdata=None), 400, {user.id: form})


@bp.route("/console/accounts/<int:user_id>/<any(deactivate, activate):action>", methods=["POST"])
@requires(Permission.MANAGE_ACCOUNTS)
def account_action(user_id: int, action: str):
    user = _account(user_id)
    if not AccountActionForm().validate_on_submit():
        abort(400)
    try:
        set_active(user, action == "activate", by=current_user._get_current_object())
    except AccountError as error:
        flash(error.message(), "error")
    else:
        if action == "activate":
            flash(_("%(email)s can log in again.", email=user.email))
        else:
            flash(_("%(email)s is deactivated and logged out everywhere.", email=user.email))
    return redirect(url_for("auth.accounts"))
