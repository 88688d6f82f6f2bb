"""Site-visit buses, reception catering and seating, arrivals and rooming lists."""

from flask import Blueprint

bp = Blueprint("logistics", __name__, cli_group=None)

from ..delegations.queries import waiting_count  # noqa: E402
from ..program.queries import console_seminar  # noqa: E402
from . import cli, models, routes  # noqa: E402,F401


@bp.context_processor
def waiting_members() -> dict:
    """Every plan counts people: the notice of members who may be counted twice."""
    return {"waiting": waiting_count(console_seminar())}
