from flask import render_template

from ..auth.permissions import Permission, requires
from . import bp


@bp.route("/")
@requires(Permission.CHECK_IN)
def index():
    return render_template("checkin/index.html")
