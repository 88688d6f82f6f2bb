"""Configuration read from the environment, checked before anything else starts."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Config

from .resources import data_directory
from .vocabulary import LANGUAGES


class ConfigurationError(SystemExit):
    """A setting that makes start-up pointless.

    It is a SystemExit so that ``flask`` and gunicorn print its one line and stop,
    instead of a traceback that hides the cause from whoever deploys the app.
    """

    def __init__(self, message: str) -> None:
        super().__init__(f"seminar_reg: configuration error: {message}")


def normalize_database_url(url: str) -> str:
    """Point PostgreSQL URLs at the psycopg 3 driver that the project installs."""
    # SQLAlchemy here, not at the top: `seminar-reg --help` imports this module and
    # should not wait for it.
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

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
    try:
        parsed.get_dialect().import_dbapi()
    except (NoSuchModuleError, ImportError):
        raise ConfigurationError(
            f"DATABASE_URL asks for the driver {parsed.drivername!r}, which is not installed; "
            "use postgresql:// (psycopg 3) or sqlite:///"
        ) from None
    return parsed.render_as_string(hide_password=False)


def check_timezone(name: str) -> None:
    """Refuse a CHECKIN_TIMEZONE that the time-zone database does not know."""
    if not name:
        return
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(
            f"CHECKIN_TIMEZONE {name!r} is not a time zone (e.g. Asia/Shanghai)"
        ) from None


MIN_SECRET_KEY_BYTES = 32


def check_secret_key(key: object, *, debug: bool, testing: bool) -> None:
    """Refuse to serve with a missing, short or published key.

    Anyone who knows the key can sign a session cookie for any account, so a
    production start needs one of its own; debug and test runs get a random one.
    """
    if debug or testing:
        return
    raw = key.encode() if isinstance(key, str) else bytes(key or b"")
    if len(raw) < MIN_SECRET_KEY_BYTES:
        raise ConfigurationError(
            f"SECRET_KEY must be set to at least {MIN_SECRET_KEY_BYTES} random bytes "
            "(e.g. python -c 'import secrets; print(secrets.token_hex(32))')"
        )


SECRET_KEY_FILE = "secret_key"


def secret_key_from_instance(instance_path: str) -> str | None:
    """The key in the instance folder's ``secret_key`` file (``serve.sh`` makes it), so
    ``flask --app seminar_reg``, ``seminar-reg serve`` and ``wsgi.py`` sign with the same
    key without a shell script exporting it. A file other users can read is refused:
    whoever reads the key can sign a session for any account."""
    path = os.path.join(instance_path, SECRET_KEY_FILE)
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError as error:
        raise ConfigurationError(f"{path}: {error.strerror}") from None
    if os.name == "posix" and mode & 0o077:
        raise ConfigurationError(
            f"{path} may be read by other users (mode {mode & 0o777:o}); chmod 600 {path}"
        )
    try:
        with open(path, encoding="utf-8") as key_file:
            return key_file.read().strip() or None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigurationError(f"{path}: {error}") from None


def _int_setting(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}")
    return int(value)
def check_public_url(url: str) -> None:
    """PUBLIC_URL is the base of every mailed link, so it must be a plain site address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query or parts.fragment:
        raise ConfigurationError(
            f"PUBLIC_URL {url!r} is not a site address such as https://seminar.example.org"
        )


def check_mail_security(mode: str) -> None:
    if mode not in ("none", "starttls", "ssl"):
        raise ConfigurationError(f"MAIL_SMTP_SECURITY {mode!r} is not one of none, starttls, ssl")


def _trusted_hosts(value: str) -> list[str] | None:
    hosts = [host.strip() for host in value.split(",") if host.strip()]
    return hosts or None


def instance_settings(instance_path: str) -> dict[str, Any]:
    """Settings from the instance folder's ``config.py``, for those the environment
    does not set (``DATABASE_URL = "..."`` there means SQLALCHEMY_DATABASE_URI)."""
    path = os.path.join(instance_path, "config.py")
    if not os.path.isfile(path):
        return {}
    loaded = Config(instance_path)
    try:
        loaded.from_pyfile("config.py")
    except Exception as error:  # noqa: BLE001  (any mistake in the file: one line)
        raise ConfigurationError(f"{path}: {type(error).__name__}: {error}") from None
    if "DATABASE_URL" in loaded:
        loaded.setdefault("SQLALCHEMY_DATABASE_URI", loaded.pop("DATABASE_URL"))
    environment_names = {"SQLALCHEMY_DATABASE_URI": "DATABASE_URL"}
    return {
        key: value
        for key, value in loaded.items()
        if not os.environ.get(environment_names.get(key, key))
    }


def default_config(instance_path: str) -> dict[str, Any]:
    """Settings for a development run, overridden by the environment."""
    database_url = os.environ.get("DATABASE_URL") or (
        "sqlite:///" + os.path.join(instance_path, "seminar_reg.sqlite")
    )
    return {
        # No published fallback: without SECRET_KEY a debug or test run gets a random
        # key per process, and any other start is refused (check_secret_key).
        "SECRET_KEY": os.environ.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "BABEL_DEFAULT_LOCALE": "ja",
        "BABEL_TRANSLATION_DIRECTORIES": os.environ.get(
            "BABEL_TRANSLATION_DIRECTORIES", str(data_directory("translations"))
        ),
        "LANGUAGES": LANGUAGES,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": os.environ.get("SESSION_COOKIE_SECURE", "") == "1",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # The app-wide ceiling; each request is capped lower by its view (body_limit):
        # public forms and login need a few KB, staff forms a little more, only the
        # import upload needs megabytes.
        "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,
        # Flask-Compress only on the views marked compress.compressed() (the desk's list).
        "COMPRESS_REGISTER": False,
        "PUBLIC_FORM_MAX_BYTES": _int_setting("PUBLIC_FORM_MAX_BYTES", 32 * 1024),
        "FORM_MAX_BYTES": _int_setting("FORM_MAX_BYTES", 256 * 1024),
        "MAIL_SMTP_HOST": os.environ.get("MAIL_SMTP_HOST", ""),
        "MAIL_SMTP_PORT": int(os.environ.get("MAIL_SMTP_PORT", "25") or 25),
        "MAIL_SENDER": os.environ.get("MAIL_SENDER", "seminar@localhost"),
        # none | starttls | ssl; login only when a user is set.
        "MAIL_SMTP_SECURITY": os.environ.get("MAIL_SMTP_SECURITY", "none"),
        "MAIL_SMTP_USER": os.environ.get("MAIL_SMTP_USER", ""),
        "MAIL_SMTP_PASSWORD": os.environ.get("MAIL_SMTP_PASSWORD", ""),
        "MAIL_SMTP_TIMEOUT": int(os.environ.get("MAIL_SMTP_TIMEOUT", "10") or 10),
        # Attempts before a mail is given up (1, 2, 4 ... minutes apart, at most an hour).
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "10") or 10),
        # The only base of links in mails and documents: never the request's Host header.
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        # Requests for any other host are refused (Flask's own check); unset: any host.
        "TRUSTED_HOSTS": _trusted_hosts(os.environ.get("TRUSTED_HOSTS", "")),
        # Where mails go without SMTP; empty means instance/outbox.
        "OUTBOX_DIRECTORY": os.environ.get("OUTBOX_DIRECTORY", ""),
        # Import files between preview and commit; empty means instance/uploads.
        "UPLOAD_DIRECTORY": os.environ.get("UPLOAD_DIRECTORY", ""),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Always set, because the one Limiter object keeps the last app's value.
        "RATELIMIT_ENABLED": os.environ.get("RATELIMIT_ENABLED", "1") != "0",
        "RATELIMIT_HEADERS_ENABLED": True,
        # If Redis stops answering, each worker counts in memory rather than failing.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        # Per client address. One government office may register its whole
        # delegation from one address, so the hourly figures leave room for that.
        "RATELIMIT_REGISTRATION": os.environ.get(
            "RATELIMIT_REGISTRATION", "10 per minute;60 per hour"
        ),
        "RATELIMIT_LOGIN": os.environ.get("RATELIMIT_LOGIN", "10 per minute;50 per hour"),
        "RATELIMIT_SELF_SERVICE": os.environ.get("RATELIMIT_SELF_SERVICE", "30 per minute"),
        "IMPORT_MAX_BYTES": _int_setting("IMPORT_MAX_BYTES", 5 * 1024 * 1024),
        # Werkzeug's scrypt costs ~0.1 s of CPU per login by design; the tests, which log
        # in hundreds of times, set a cheap method (tests/conftest.py).
        "PASSWORD_HASH_METHOD": "scrypt",
        # A staff session unused this long is logged out (the desk's shift, by default).
        "STAFF_IDLE_TIMEOUT_MINUTES": _int_setting("STAFF_IDLE_TIMEOUT_MINUTES", 480),
        # Wrong passwords for one account from one client address before that client
        # waits LOGIN_THROTTLE_MINUTES; other addresses are not affected.
        "LOGIN_THROTTLE_FAILURES": _int_setting("LOGIN_THROTTLE_FAILURES", 5),
        "LOGIN_THROTTLE_MINUTES": _int_setting("LOGIN_THROTTLE_MINUTES", 15),
        # "I lost my link": each answer may send a mail, so far fewer than the form.
        "RATELIMIT_LOST_LINK": os.environ.get("RATELIMIT_LOST_LINK", "5 per minute;20 per hour"),
        # What `cleanup` deletes (days): outbox mail files (they hold live personal links),
        # personal links this long after their seminar ended, the staff audit trail.
        "RETENTION_OUTBOX_DAYS": _int_setting("RETENTION_OUTBOX_DAYS", 7),
        "RETENTION_LINK_DAYS": _int_setting("RETENTION_LINK_DAYS", 30),
        "RETENTION_AUDIT_DAYS": _int_setting("RETENTION_AUDIT_DAYS", 730),
        # The venue's clock for check-in times and "is this item today?"; empty: Beijing time.
        "CHECKIN_TIMEZONE": os.environ.get("CHECKIN_TIMEZONE", ""),
    }


def engine_options() -> dict[str, Any]:
    """Engine settings for every backend.

    Parameters are kept out of error messages and logs: they hold names and emails.
    (On PostgreSQL a pooled connection idle for a while is tested before use, so the app
    recovers by itself after the server restarts: database.check_after_idle.)
    """
    return {"hide_parameters": True}
