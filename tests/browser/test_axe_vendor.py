"""The vendored axe-core is exactly the published file that scripts/vendor_js.sh pins,
with its licences, and no page of the app loads it (only the accessibility test does)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "seminar_reg" / "static" / "vendor" / "axe-core"
SCRIPT = ROOT / "scripts" / "vendor_js.sh"
TEMPLATES = ROOT / "seminar_reg" / "templates"

AXE_VERSION = "4.14.1"
AXE_JS_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_LICENSE_SHA256 = "af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_axe_matches_the_pinned_hash_and_version():
    assert _sha256(VENDOR / "axe.min.js") == AXE_JS_SHA256
    assert _sha256(VENDOR / "LICENSE") == AXE_LICENSE_SHA256
    assert "Mozilla Public License" in (VENDOR / "LICENSE").read_text()
    assert (VENDOR / "LICENSE-3RD-PARTY.txt").exists()
    assert (VENDOR / "axe.min.js").read_text()[:40].startswith(f"/*! axe v{AXE_VERSION}")


def test_vendor_script_pins_the_same_version_and_hashes():
    script = SCRIPT.read_text()
    assert re.search(rf'AXE_VERSION="{re.escape(AXE_VERSION)}"', script)
    assert AXE_JS_SHA256 in script and AXE_LICENSE_SHA256 in script


def test_no_template_loads_axe():
    for template in TEMPLATES.rglob("*.html"):
        assert "axe" not in template.read_text(), template
