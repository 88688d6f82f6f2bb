#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry and check them against
# the pinned SHA-256 sums, so what is committed is exactly what was published.
#
#   bash scripts/vendor_js.sh          # fetch, verify, copy into seminar_reg/static/vendor/
#   bash scripts/vendor_js.sh --check  # only verify the committed files
#
# jsQR: pure JavaScript QR decoder (no eval, no workers, no WebAssembly), loaded with a
# plain <script> tag by the check-in desk (it defines window.jsQR). Apache-2.0.
# Upgrading: change the version, run this script, review the diff, then update the sums
# here and in tests/checkin/test_vendor.py.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/seminar_reg/static/vendor/jsqr"

JSQR_PACKAGE="jsqr"
JSQR_VERSION="1.4.0"
JSQR_TARBALL_SHA256="b5299b37917a1fe7a8cab9dd5cc6b8accf82663add80abe5bf7761a921cc6602"
JSQR_JS_SHA256="bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859"
JSQR_LICENSE_SHA256="c6596eb7be8581c18be736c846fb9173b69eccf6ef94c5135893ec56bd92ba08"

verify() {  # verify FILE SHA256
    echo "$2  $1" | sha256sum --check --quiet - || {
        echo "vendor_js.sh: $1 does not match the pinned sha256 $2" >&2
        exit 1
    }
}

if [ "${1:-}" = "--check" ]; then
    verify "$DEST/jsQR.js" "$JSQR_JS_SHA256"
    verify "$DEST/LICENSE" "$JSQR_LICENSE_SHA256"
    echo "vendor_js.sh: $JSQR_PACKAGE $JSQR_VERSION verified"
    exit 0
fi

command -v npm >/dev/null || { echo "vendor_js.sh: npm is needed to fetch packages" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack --silent "$JSQR_PACKAGE@$JSQR_VERSION" >/dev/null)
TARBALL="$WORK/$JSQR_PACKAGE-$JSQR_VERSION.tgz"
verify "$TARBALL" "$JSQR_TARBALL_SHA256"
tar -xzf "$TARBALL" -C "$WORK"
verify "$WORK/package/dist/jsQR.js" "$JSQR_JS_SHA256"
verify "$WORK/package/LICENSE" "$JSQR_LICENSE_SHA256"
mkdir -p "$DEST"
cp "$WORK/package/dist/jsQR.js" "$WORK/package/LICENSE" "$DEST/"
echo "vendor_js.sh: $JSQR_PACKAGE $JSQR_VERSION copied to ${DEST#"$ROOT"/}"
