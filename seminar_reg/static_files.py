"""The static files' addresses carry their content, so every page loads its own release.

`url_for('static', filename=...)` gets `?v=` and the first 12 hex digits of the file's
SHA-256 (an `app.url_defaults` callback: templates write plain `url_for`). After an
upgrade a page asks for its own scripts and styles by addresses the previous release
never had, so neither the browser's HTTP cache nor the check-in desk's service worker
can give it an older copy; a file that did not change keeps its address and its copy.

How long a browser keeps a file follows from that (`static_file`, which serves the
`static` endpoint): the address of the file as it is now is `immutable` for a year; an
address without a version, or with another release's (a page kept from before the
upgrade asking for its scripts), is served with `no-cache`, as Flask does by default,
so the browser asks again each time instead of keeping what the address does not name.

The hashes are made once per process, when the first page asks for one (the static
folder is ~1 MB: a few milliseconds); a page pays a dictionary look-up per address.
`release_version()` is one hash of them all: the desk's service worker carries it in the
name of its copies (`script_with_release`, checkin/routes.service_worker). While
templates reload (development) an edited file gets its new hash on the next page.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, Response, current_app, request, send_from_directory

VERSION_ARG = "v"
VERSION_LENGTH = 12
IMMUTABLE_SECONDS = 365 * 24 * 3600
# Where a script served with the release in it (the desk's service worker) says it.
RELEASE_PLACEHOLDER = "__STATIC_RELEASE__"


@dataclass(frozen=True)
class StaticVersions:
    folder: str
    files: dict[str, str]  # "checkin/desk.js" -> its content's hash
    release: str  # the hash of every file's name and hash
    stamp: tuple  # the files' sizes and times, compared only while templates reload


def init_app(app: Flask) -> None:
    app.extensions["static_versions"] = None
    app.url_defaults(_add_version)
    if "static" in app.view_functions:
        app.view_functions["static"] = static_file


def versions() -> StaticVersions:
    """This process's hashes of the static folder (made on first use; a test that
    points the app at other files sets `extensions["static_versions"]` to None)."""
    extensions = current_app.extensions
    known: StaticVersions | None = extensions["static_versions"]
    if known is None or (current_app.jinja_env.auto_reload and known.stamp != _stamp(known.folder)):
        known = extensions["static_versions"] = _hash_folder(current_app.static_folder or "")
    return known


def release_version() -> str:
    return versions().release


def _add_version(endpoint: str, values: dict) -> None:
    if endpoint == "static" and VERSION_ARG not in values:
        version = versions().files.get(values.get("filename", ""))
        if version:
            values[VERSION_ARG] = version


def static_file(filename: str) -> Response:
    """The `static` endpoint: the file, kept a year by browsers when the address names
    its content as it is now, else asked for again each time."""
    current = versions().files.get(filename)
    versioned = current is not None and request.args.get(VERSION_ARG) == current
    response = send_from_directory(
        current_app.static_folder, filename, max_age=IMMUTABLE_SECONDS if versioned else None
    )
    if versioned:
        response.cache_control.immutable = True
    return response


def script_with_release(filename: str) -> bytes:
    """A static script with this release's version written where it says
    RELEASE_PLACEHOLDER; read once per release and process."""
    known = versions()
    cache: dict = current_app.extensions.setdefault("scripts_with_release", {})
    key = (known.folder, known.release, filename)
    if key not in cache:
        text = (Path(known.folder) / filename).read_text(encoding="utf-8")
        if RELEASE_PLACEHOLDER not in text:
            raise LookupError(f"{filename} does not say where the release goes")
        cache[key] = text.replace(RELEASE_PLACEHOLDER, known.release).encode("utf-8")
    return cache[key]


def _files(folder: str) -> list[Path]:
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(
        path for path in root.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )


def _stamp(folder: str) -> tuple:
    stats = [(path, path.stat()) for path in _files(folder)]
    return tuple((str(path), stat.st_mtime_ns, stat.st_size) for path, stat in stats)


def _hash_folder(folder: str) -> StaticVersions:
    files = {}
    for path in _files(folder):
        with path.open("rb") as handle:
            files[path.relative_to(folder).as_posix()] = hashlib.file_digest(
                handle, "sha256"
            ).hexdigest()[:VERSION_LENGTH]
    listing = "".join(f"{name} {digest}\n" for name, digest in files.items())
    release = hashlib.sha256(listing.encode("utf-8")).hexdigest()[:VERSION_LENGTH]
    return StaticVersions(folder, files, release, _stamp(folder))
