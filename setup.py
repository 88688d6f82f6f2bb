"""Build hook: the wheel carries the migrations and the compiled message catalogs.

Everything else about the package is in pyproject.toml. The repository keeps
``migrations/`` and ``translations/`` (.po sources) at its top level; when a wheel is
built, ``build_py`` copies the migrations into ``seminar_reg/migrations`` and compiles
each ``translations/<lang>/LC_MESSAGES/messages.po`` into
``seminar_reg/translations/<lang>/LC_MESSAGES/messages.mo``, where the installed app
finds them (``seminar_reg/resources.py``). The sdist carries the sources (MANIFEST.in).
An editable install (a checkout) skips this: the app reads the top-level folders, and
``scripts/bootstrap.sh`` compiles the catalogs there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build import build
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def compile_catalogs(source: Path, target: Path) -> None:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po in sorted(source.glob("*/LC_MESSAGES/messages.po")):
        language = po.parent.parent.name
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        mo = target / language / "LC_MESSAGES" / "messages.mo"
        mo.parent.mkdir(parents=True, exist_ok=True)
        with mo.open("wb") as handle:
            write_mo(handle, catalog)  # fuzzy entries left out, as pybabel compile does


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "seminar_reg"
        migrations = package / "migrations"
        shutil.rmtree(migrations, ignore_errors=True)
        shutil.copytree(
            ROOT / "migrations", migrations, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
        compile_catalogs(ROOT / "translations", package / "translations")


# `build` named explicitly: some installed packages (pretix-fontpack-free) register their
# own `build` command as a plugin, which a build without isolation would otherwise load.
setup(cmdclass={"build": build, "build_py": BuildPyWithData})
