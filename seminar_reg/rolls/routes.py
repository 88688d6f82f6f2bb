from flask import render_template

from ..auth.permissions import Permission, requires
from . import bp


@bp.route("/")
@requires(Permission.MANAGE_DELEGATES)
def index():
    return render_template("rolls/index.html")
