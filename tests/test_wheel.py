"""The package as a user installs it: sdist -> wheel -> a fresh virtual environment in a
temporary folder, far from this checkout, driven only through `seminar-reg`.

The source is copied without its compiled catalogs, so the build hook must compile
them; the wheel is built from the sdist, so the sdist must carry everything; the new
environment borrows the shared environment's dependencies (a .pth line, so nothing is
downloaded but the build tools) and the test proves `seminar_reg` is imported from the
wheel, not from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .pdf_tools import page_texts
from .ports import listening_socket

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("ja", "zh", "en")
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "instance", "build", "dist", "*.egg-info", "test-artifacts",
    "__pycache__", "*.mo", ".ruff_cache", ".pytest_cache", ".hypothesis",
)  # fmt: skip
DELEGATES_CSV = (
    "side,family_name,given_name,family_reading,given_reading,family_latin,"
    "given_latin,organization,title,email,phone,role,dietary,items\n"
    "japan,山田,花子,やまだ,はなこ,,,北海道庁,主査,hanako@example.org,,delegate,none,plenary\n"
    "china,王,芳,,,,,辽宁省人民政府外事办公室,科长,wang@example.org,,delegate,none,plenary\n"
)


def _run(*args, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)
    assert completed.returncode == 0, (args, completed.stdout, completed.stderr)
    return completed


def _build(work: Path) -> Path:
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    build_sdist = (
        "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])"
    )
    _run(sys.executable, "-c", build_sdist, str(work / "sdist"), cwd=source)
    (sdist,) = (work / "sdist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(name.endswith("migrations/env.py") for name in names)
    for language in LANGUAGES:
        assert any(
            name.endswith(f"translations/{language}/LC_MESSAGES/messages.po") for name in names
        )
    # An ordinary isolated build, as `pip install seminar_reg-*.tar.gz` does it.
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "-q",
        "-w",
        str(work / "wheels"),
        str(sdist),
    )
    (wheel,) = (work / "wheels").glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    work = tmp_path_factory.mktemp("wheel")
    wheel = _build(work)
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for language in LANGUAGES:
        assert f"seminar_reg/translations/{language}/LC_MESSAGES/messages.mo" in names
    assert "seminar_reg/migrations/env.py" in names

    venv = work / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", str(venv))
    python = venv / "bin" / "python"
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run(*pip, "install", "--no-deps", "--force-reinstall", "-q", str(wheel))
    site = _run(str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    # Only then (pip would see the shared editable install) the dependencies: the shared
    # environment's packages, after the venv's own site-packages.
    Path(site.stdout.strip(), "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    home = work / "elsewhere"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "FLASK_", "BABEL_"))}
    env.update(
        SEMINAR_REG_INSTANCE=str(home / "instance"),
        DATABASE_URL=f"sqlite:///{home / 'seminar.sqlite'}",
        SECRET_KEY="s" * 64,
    )
    return {"venv": venv, "home": home, "env": env}


def _seminar_reg(installed: dict, *args: str) -> subprocess.CompletedProcess:
    script = str(installed["venv"] / "bin" / "seminar-reg")
    return _run(script, *args, cwd=installed["home"], env=installed["env"])


def _get(url: str, deadline: float) -> str:
    request = urllib.request.Request(url, headers={"Accept-Language": "ja"})
    while True:
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.read().decode()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_installed_wheel_migrates_seeds_serves_japanese_and_prints_badges(installed):
    python = str(installed["venv"] / "bin" / "python")
    where = _run(
        python, "-c", "import seminar_reg; print(seminar_reg.__file__)",
        cwd=installed["home"], env=installed["env"],
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(installed["venv"])), where.stdout
    assert not where.stdout.strip().startswith(str(ROOT))

    _seminar_reg(installed, "db", "upgrade")
    _seminar_reg(installed, "seed-program")
    csv_path = installed["home"] / "delegates.csv"
    csv_path.write_text(DELEGATES_CSV, encoding="utf-8")
    _seminar_reg(installed, "import-delegates", str(csv_path))

    # One gunicorn worker: each worker loads the app, and one answers the page as well.
    # It serves on a socket already listening (tests/ports.py), handed over to it.
    with listening_socket() as listener:
        port = listener.getsockname()[1]
        serve = ["serve", "--bind", f"fd://{listener.fileno()}", "--workers", "1"]
        server = subprocess.Popen(
            [str(installed["venv"] / "bin" / "seminar-reg"), *serve],
            cwd=installed["home"], env=installed["env"], pass_fds=[listener.fileno()],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
    try:
        page = _get(f"http://127.0.0.1:{port}/", time.monotonic() + 90)
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert '<html lang="ja"' in page, output
    for japanese in ("プログラム", "参加登録"):  # the navigation: Program, Register
        assert japanese in page

    badges = installed["home"] / "badges.pdf"
    _seminar_reg(installed, "badges", "--out", str(badges), "--layout", "single")
    pages = [text.replace(" ", "") for text in page_texts(badges.read_bytes())]
    assert len(pages) == 2  # one badge a page
    japanese = next(page for page in pages if "山田" in page)
    assert "日本側/日方" in japanese  # not "Japanese side / Japanese side"
    assert "Japaneseside" not in japanese
