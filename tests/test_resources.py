"""Catalogs and migrations found in a checkout; a missing or stale catalog stops start-up
in one line instead of showing English (the installed wheel: tests/test_wheel.py)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from seminar_reg import ConfigurationError, create_app
from seminar_reg.resources import CHECKOUT, data_directory

from .conftest import compile_stale_catalogs


def _copy_catalogs(tmp_path: Path) -> Path:
    copy = tmp_path / "translations"
    shutil.copytree(data_directory("translations"), copy)
    compile_stale_catalogs(copy)
    return copy


def _start(tmp_path: Path, translations: Path):
    return create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite'}",
            "BABEL_TRANSLATION_DIRECTORIES": str(translations),
        }
    )


def test_a_checkout_uses_its_top_level_folders():
    assert data_directory("translations") == CHECKOUT / "translations"
    assert (data_directory("migrations") / "env.py").is_file()


def test_missing_catalog_stops_start_up_in_one_line(tmp_path):
    translations = _copy_catalogs(tmp_path)
    (translations / "zh" / "LC_MESSAGES" / "messages.mo").unlink()
    with pytest.raises(ConfigurationError) as refused:
        _start(tmp_path, translations)
    message = str(refused.value.code)
    assert "\n" not in message
    assert "zh (no messages.mo)" in message
    assert message.endswith(f"run: pybabel compile -d {translations}")


def test_catalog_older_than_its_source_stops_start_up(tmp_path):
    translations = _copy_catalogs(tmp_path)
    source = translations / "ja" / "LC_MESSAGES" / "messages.po"
    compiled = source.with_suffix(".mo")
    os.utime(compiled, (compiled.stat().st_atime, source.stat().st_mtime - 60))
    with pytest.raises(ConfigurationError, match=r"ja \(messages.mo older than messages.po\)"):
        _start(tmp_path, translations)


def test_compiled_catalogs_start(tmp_path):
    assert _start(tmp_path, _copy_catalogs(tmp_path)).config["LANGUAGES"]


def test_instance_config_file_fills_what_the_environment_leaves_unset(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        f"DATABASE_URL = 'sqlite:///{tmp_path / 'from-file.sqlite'}'\n"
        "CHECKIN_TIMEZONE = 'Asia/Tokyo'\n"
    )
    monkeypatch.setenv("SEMINAR_REG_INSTANCE", str(instance))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("CHECKIN_TIMEZONE", "Asia/Shanghai")
    app = create_app({"TESTING": True})
    assert app.instance_path == str(instance)
    assert app.config["SQLALCHEMY_DATABASE_URI"].endswith("from-file.sqlite")
    assert app.config["CHECKIN_TIMEZONE"] == "Asia/Shanghai"  # the environment wins


def test_a_mistake_in_the_instance_config_file_is_one_line(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text("SECRET_KEY = \n")
    monkeypatch.setenv("SEMINAR_REG_INSTANCE", str(instance))
    with pytest.raises(ConfigurationError, match="config.py: SyntaxError"):
        create_app({"TESTING": True})
