"""Configuration read from the environment, checked before anything else starts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class ConfigurationError(SystemExit):
    """A setting that makes start-up pointless.

    It is a SystemExit so that ``flask`` and gunicorn print its one line and stop,
    instead of a traceback that hides the cause from whoever deploys the app.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"seminar_reg: configuration error: {message}")


def normalize_database_url(url: str) -> str:
    """Point PostgreSQL URLs at the psycopg 3 driver that the project installs."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigurationError(f"DATABASE_URL is not a valid database URL ({exc})") from None
    if parsed.drivername in {"postgres", "postgresql"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigurationError(
            f"DATABASE_URL uses {parsed.get_backend_name()!r}; use sqlite or postgresql"
        )
    return parsed.render_as_string(hide_password=False)


def default_config(instance_path: str) -> dict[str, Any]:
    """Settings for a development run, overridden by the environment."""
    database_url = os.environ.get("DATABASE_URL") or (
        "sqlite:///" + os.path.join(instance_path, "seminar_reg.sqlite")
    )
    return {
        "SECRET_KEY": os.environ.get("SECRET_KEY", "dev-only-change-me"),
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BABEL_DEFAULT_LOCALE": "ja",
        "BABEL_TRANSLATION_DIRECTORIES": os.environ.get(
            "BABEL_TRANSLATION_DIRECTORIES", str(PROJECT_ROOT / "translations")
        ),
        "LANGUAGES": ("ja", "zh", "en"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        "MAIL_SMTP_HOST": os.environ.get("MAIL_SMTP_HOST", ""),
        "MAIL_SMTP_PORT": int(os.environ.get("MAIL_SMTP_PORT", "25") or 25),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "seminar@localhost"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
    }
