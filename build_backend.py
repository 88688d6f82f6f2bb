"""The build backend: setuptools', asking for Babel only when a wheel is built.

Babel compiles the message catalogs into a wheel (setup.py); an editable install (a
checkout, scripts/bootstrap.sh) compiles nothing, so it should not download and unpack
Babel into pip's isolated build environment. This is setuptools' documented way to add
build requirements per hook ("Dynamic build dependencies" in its build_meta docs).
"""

from setuptools import build_meta
from setuptools.build_meta import *  # noqa: F403  (every other hook as setuptools has it)


def get_requires_for_build_wheel(config_settings=None):
    return [*build_meta.get_requires_for_build_wheel(config_settings), "Babel>=2.12"]
