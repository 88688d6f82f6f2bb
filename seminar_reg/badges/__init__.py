"""Badge print jobs: selection, ordering, PDF, and the print log."""

from flask import Blueprint

bp = Blueprint("badges", __name__, cli_group=None)

# The routes and commands attach themselves when the app registers the blueprint
# (seminar_reg._register_blueprints): a badge job that imports .layout does not load them,
# nor SQLAlchemy, Alembic and the models with them (~55 MB of a 10,000-badge job's peak).
