"""The container recipe: build the image from Containerfile, run it on SQLite, fetch `/`.

Runs only where a container engine answers (docker or podman); elsewhere it is skipped
with the reason, also under CI=true: a docker client without a daemon is not an engine.
"""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent


def _engine() -> str:
    reasons = []
    for name in ("podman", "docker"):
        if shutil.which(name) is None:
            reasons.append(f"no {name}")
            continue
        probe = subprocess.run([name, "info"], capture_output=True, text=True, timeout=60)
        if probe.returncode == 0:
            return name
        reasons.append(f"{name} client present, but no engine answers it")
    pytest.skip("no container engine runs here: " + "; ".join(reasons))


def _published_port(engine: str, name: str) -> int:
    """The host port the engine chose for the container's 8000 (``-p 127.0.0.1::8000``):
    chosen and bound by the engine itself, so no other process can take it in between."""
    found = subprocess.run(
        [engine, "port", name, "8000/tcp"], capture_output=True, text=True, check=True
    )
    return int(found.stdout.split()[0].rsplit(":", 1)[1])  # "127.0.0.1:40123"


def test_image_builds_migrates_and_serves_japanese():
    engine = _engine()
    tag = f"seminar_reg-test-{uuid.uuid4().hex[:8]}"
    subprocess.run([engine, "build", "-f", "Containerfile", "-t", tag, "."], cwd=ROOT, check=True)
    name = f"{tag}-run"
    run = [engine, "run", "-d", "--rm", "--name", name, "-p", "127.0.0.1::8000"]
    env = [
        "-e",
        "SECRET_KEY=" + "c" * 64,
        "-e",
        "DATABASE_URL=sqlite:////var/lib/seminar_reg/x.sqlite",
    ]
    subprocess.run([*run, *env, tag], check=True)
    try:
        port = _published_port(engine, name)
        deadline = time.monotonic() + 120
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Accept-Language": "ja"}
        )
        while True:
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    page = response.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        assert "参加登録" in page  # the navigation's "Register", translated
    finally:
        subprocess.run([engine, "rm", "-f", name], capture_output=True)
        subprocess.run([engine, "rmi", "-f", tag], capture_output=True)
