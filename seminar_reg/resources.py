"""Where the migrations and message catalogs are, in a checkout and in an installed wheel.

The repository keeps ``translations/`` (.po sources) and ``migrations/`` at its top level;
the wheel's build hook (``setup.py``) copies the migrations into the package and compiles
each catalog there. So: inside the package when installed, at the top of a checkout
otherwise. A missing or stale compiled catalog stops start-up: falling back to English
would print "Japanese side" on a badge meant to say 日本側.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
CHECKOUT = PACKAGE.parent


def data_directory(name: str) -> Path:
    """`translations` or `migrations`: packaged (wheel) if present, else the checkout's."""
    packaged = PACKAGE / name
    return packaged if packaged.is_dir() else CHECKOUT / name


def catalog_problems(directory: Path, languages: Iterable[str]) -> list[str]:
    """Languages whose compiled catalog is missing, or older than its .po (a checkout)."""
    problems = []
    for language in languages:
        compiled = directory / language / "LC_MESSAGES" / "messages.mo"
        source = compiled.with_suffix(".po")
        if not compiled.is_file():
            problems.append(f"{language} (no messages.mo)")
        elif source.is_file() and source.stat().st_mtime > compiled.stat().st_mtime:
            problems.append(f"{language} (messages.mo older than messages.po)")
    return problems


def check_catalogs(directories: str, languages: Iterable[str]) -> None:
    """Refuse to start without an up-to-date compiled catalog for every language."""
    from .config import ConfigurationError  # config imports this module

    directory = Path(directories.split(";")[0])
    problems = catalog_problems(directory, languages)
    if problems:
        raise ConfigurationError(
            f"message catalogs not compiled in {directory}: {', '.join(problems)}; "
            f"run: pybabel compile -d {directory}"
        )
