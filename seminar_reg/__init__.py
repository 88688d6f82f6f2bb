"""seminar_reg: registration and logistics for the Japan-China Regional Exchange Seminar."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from typing import Any

from flask import Flask

from . import ids
from .config import (
    ConfigurationError,
    check_mail_security,
    check_public_url,
    check_secret_key,
    check_timezone,
    default_config,
    engine_options,
    instance_settings,
    normalize_database_url,
    secret_key_from_instance,
)
from .resources import check_catalogs


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands."""
    instance = os.environ.get("SEMINAR_REG_INSTANCE")
    app = Flask(
        __name__,
        instance_relative_config=True,
        instance_path=os.path.abspath(instance) if instance else None,
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(default_config(app.instance_path))
    app.config.from_mapping(instance_settings(app.instance_path))
    if test_config is not None:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):  # the environment, config.py, then the file
        app.config["SECRET_KEY"] = secret_key_from_instance(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    check_timezone(app.config.get("CHECKIN_TIMEZONE", ""))
    check_catalogs(app.config["BABEL_TRANSLATION_DIRECTORIES"], app.config["LANGUAGES"])
    check_secret_key(app.config.get("SECRET_KEY"), debug=app.debug, testing=app.testing)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
    check_public_url(app.config["PUBLIC_URL"])
    check_mail_security(app.config["MAIL_SMTP_SECURITY"])
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options() | app.config.get(
        "SQLALCHEMY_ENGINE_OPTIONS", {}
    )
    _init_extensions(app)
    ids.init_app(app)  # before the blueprints: their <int:...> rules bind it when added
    _register_blueprints(app)
    return app


def _init_extensions(app: Flask) -> None:
    from . import database, fragments, i18n, mail, security, static_files, widgets
    from .extensions import babel, compress, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    database.init_app(app)
    migrate.init_app(app, db, directory=str(_migrations_directory(app)))
    babel.init_app(app, locale_selector=i18n.select_locale)
    security.init_body_limits(app)  # before CSRFProtect reads any form
    csrf.init_app(app)
    compress.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = None  # the login page says enough
    i18n.init_app(app)
    limiter.init_app(app)
    security.init_app(app)
    mail.init_app(app)
    widgets.install()
    fragments.init_app(app)
    static_files.init_app(app)


def _migrations_directory(app: Flask):
    from .resources import data_directory

    return app.config.get("MIGRATIONS_DIRECTORY") or data_directory("migrations")


def _register_blueprints(app: Flask) -> None:
    from . import (
        auth,
        badges,
        checkin,
        console,
        delegations,
        editions,
        errors,
        letters,
        logistics,
        program,
        registration,
        retention,
        rolls,
    )
    from .audit import models as _audit_models  # noqa: F401  (tables for migrations)
    from .auth import audit_log as audit_routes
    from .badges import cli as _badge_commands  # noqa: F401  (not on the package's import)
    from .badges import routes as _badge_routes  # noqa: F401
    from .checkin import models as _checkin_models  # noqa: F401  (tables for migrations)
    from .delegations import console as delegations_console
    from .program import manage as program_manage

    app.register_blueprint(program.bp)
    app.register_blueprint(registration.bp)
    app.register_blueprint(delegations.bp)
    app.register_blueprint(auth.bp)
    app.register_blueprint(console.bp, url_prefix="/console")
    app.register_blueprint(badges.bp, url_prefix="/console/badges")
    app.register_blueprint(rolls.bp, url_prefix="/console/rolls")
    app.register_blueprint(letters.bp, url_prefix="/console/letters")
    app.register_blueprint(checkin.bp, url_prefix="/console/checkin")
    app.register_blueprint(logistics.bp, url_prefix="/console/logistics")
    app.register_blueprint(program_manage.bp, url_prefix="/console/program")
    app.register_blueprint(audit_routes.bp, url_prefix="/console/audit")
    app.register_blueprint(retention.bp, url_prefix="/console/retention")
    app.register_blueprint(editions.bp, url_prefix="/console/editions")
    app.register_blueprint(delegations_console.bp, url_prefix="/console/delegations")
    errors.init_app(app)
    _register_commands(app)


def _register_commands(app: Flask) -> None:
    from . import backup
    from .database_errors import explain_database_errors

    app.cli.add_command(backup.backup_command)
    app.cli.add_command(backup.restore_command)
    # A database a user can fix (down, missing, not migrated) is one line in every command.
    for command in app.cli.commands.values():
        explain_database_errors(command)


__all__ = ["ConfigurationError", "create_app"]
