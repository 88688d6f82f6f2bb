"""seminar_reg: registration and logistics for the Japan-China Regional Exchange Seminar."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from flask import Flask

from .config import ConfigurationError, default_config, normalize_database_url


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(default_config(app.instance_path))
    if test_config is not None:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _init_extensions(app: Flask) -> None:
    from . import database, i18n
    from .extensions import babel, csrf, db, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_directory(app)))
    babel.init_app(app, locale_selector=i18n.select_locale)
    csrf.init_app(app)
    i18n.init_app(app)


def _migrations_directory(app: Flask):
    from .config import PROJECT_ROOT

    return app.config.get("MIGRATIONS_DIRECTORY") or PROJECT_ROOT / "migrations"


def _register_blueprints(app: Flask) -> None:
    from . import errors, program, registration

    app.register_blueprint(program.bp)
    app.register_blueprint(registration.bp)
    errors.init_app(app)


__all__ = ["ConfigurationError", "create_app"]
