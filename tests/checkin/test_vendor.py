"""The vendored QR library is exactly the published file that scripts/vendor_js.sh pins."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "seminar_reg" / "static" / "vendor" / "jsqr"
SCRIPT = ROOT / "scripts" / "vendor_js.sh"

JSQR_VERSION = "1.4.0"
JSQR_SHA256 = "bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859"
LICENSE_SHA256 = "c6596eb7be8581c18be736c846fb9173b69eccf6ef94c5135893ec56bd92ba08"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_committed_jsqr_matches_the_pinned_hash():
    assert _sha256(VENDOR / "jsQR.js") == JSQR_SHA256
    assert _sha256(VENDOR / "LICENSE") == LICENSE_SHA256
    assert "Apache License" in (VENDOR / "LICENSE").read_text()


def test_vendor_script_pins_the_same_version_and_hashes():
    script = SCRIPT.read_text()
    assert re.search(rf'JSQR_VERSION="{re.escape(JSQR_VERSION)}"', script)
    assert JSQR_SHA256 in script and LICENSE_SHA256 in script


def test_jsqr_needs_no_eval():
    # A Content-Security-Policy without 'unsafe-eval' must be able to run it.
    source = (VENDOR / "jsQR.js").read_text()
    assert "new Function(" not in source and not re.search(r"\beval\(", source)
