"""An uploaded import file, kept on the server between its preview and its commit.

The browser gets only an opaque name; the file lives in the instance folder and is
deleted after the commit, so nothing is re-uploaded and nothing is trusted from the
client at commit time. A preview nobody commits holds personal data too: files older
than MAX_AGE are deleted whenever another upload is kept.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import current_app

ALLOWED_SUFFIXES = (".csv", ".xlsx")
# Long enough to read a preview and fix nothing, short enough not to keep lists around.
MAX_AGE_SECONDS = 2 * 60 * 60


def _directory() -> Path:
    configured = current_app.config.get("UPLOAD_DIRECTORY")
    path = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep(content: bytes, filename: str) -> str:
    discard_abandoned()
    suffix = Path(filename).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        suffix = ".bin"
    name = secrets.token_hex(16) + suffix
    (_directory() / name).write_bytes(content)
    return name


def _path(name: str) -> Path | None:
    if not name or "/" in name or "\\" in name or not name.endswith(ALLOWED_SUFFIXES):
        return None
    path = _directory() / name
    return path if path.is_file() else None


def read(name: str) -> bytes | None:
    path = _path(name)
    return path.read_bytes() if path else None


def discard(name: str) -> None:
    path = _path(name)
    if path:
        path.unlink(missing_ok=True)


def abandoned(now: float | None = None) -> list[Path]:
    """Previews older than MAX_AGE_SECONDS (also deleted on schedule by `cleanup`)."""
    cutoff = (time.time() if now is None else now) - MAX_AGE_SECONDS
    return [p for p in _directory().iterdir() if p.is_file() and p.stat().st_mtime < cutoff]


def discard_abandoned(now: float | None = None) -> int:
    """Delete previews older than MAX_AGE_SECONDS; returns how many went."""
    removed = abandoned(now)
    for path in removed:
        path.unlink(missing_ok=True)
    return len(removed)
