#!/usr/bin/env bash
# Re-fetch the vendored browser libraries from the npm registry and check them against
# the pinned SHA-256 sums, so what is committed is exactly what was published.
#
#   bash scripts/vendor_js.sh          # fetch, verify, copy into seminar_reg/static/vendor/
#   bash scripts/vendor_js.sh --check  # only verify the committed files
#
# jsQR: pure JavaScript QR decoder (no eval, no workers, no WebAssembly), loaded with a
# plain <script> tag by the check-in desk (it defines window.jsQR). Apache-2.0.
# axe-core: the accessibility rules engine the browser tests load into every page
# (tests/browser/test_accessibility.py; no page of the app loads it). MPL-2.0: the
# licence and the third-party licences travel with the file.
# Upgrading: change the version, run this script, review the diff, then update the sums
# here and in tests/checkin/test_vendor.py.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/seminar_reg/static/vendor"

JSQR_PACKAGE="jsqr"
JSQR_VERSION="1.4.0"
JSQR_TARBALL_SHA256="b5299b37917a1fe7a8cab9dd5cc6b8accf82663add80abe5bf7761a921cc6602"
JSQR_JS_SHA256="bc40c8a15196236b2314db0856f72ca0b49980cd5413b8c852a7349f5fee0859"
JSQR_LICENSE_SHA256="c6596eb7be8581c18be736c846fb9173b69eccf6ef94c5135893ec56bd92ba08"

AXE_PACKAGE="axe-core"
AXE_VERSION="4.14.1"
AXE_TARBALL_SHA256="e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745"
AXE_JS_SHA256="29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
AXE_LICENSE_SHA256="af175b9d96ee93c21a036152e1b905b0b95304d4ae8c2c921c7609100ba8df7e"
AXE_THIRD_PARTY_SHA256="4f8563870d0fca38bbc3e00b6f670cb7fa9f380ba9f26a7f7d1184a6b18b1653"

# Each vendored file: destination (under static/vendor/), path inside the npm package, sha256.
JSQR_FILES=(
    "jsqr/jsQR.js dist/jsQR.js $JSQR_JS_SHA256"
    "jsqr/LICENSE LICENSE $JSQR_LICENSE_SHA256"
)
AXE_FILES=(
    "axe-core/axe.min.js axe.min.js $AXE_JS_SHA256"
    "axe-core/LICENSE LICENSE $AXE_LICENSE_SHA256"
    "axe-core/LICENSE-3RD-PARTY.txt LICENSE-3RD-PARTY.txt $AXE_THIRD_PARTY_SHA256"
)

verify() {  # verify FILE SHA256
    echo "$2  $1" | sha256sum --check --quiet - || {
        echo "vendor_js.sh: $1 does not match the pinned sha256 $2" >&2
        exit 1
    }
}

check_files() {  # check_files ENTRY... (each "destination source sha256")
    for entry in "$@"; do
        read -r destination _source sha <<<"$entry"
        verify "$VENDOR/$destination" "$sha"
    done
}

fetch() {  # fetch PACKAGE VERSION TARBALL_SHA256 ENTRY...
    local package="$1" version="$2" tarball_sha="$3"
    shift 3
    local work
    work="$(mktemp -d)"
    (cd "$work" && npm pack --silent "$package@$version" >/dev/null)
    verify "$work/$package-$version.tgz" "$tarball_sha"
    tar -xzf "$work/$package-$version.tgz" -C "$work"
    for entry in "$@"; do
        read -r destination source sha <<<"$entry"
        verify "$work/package/$source" "$sha"
        mkdir -p "$(dirname "$VENDOR/$destination")"
        cp "$work/package/$source" "$VENDOR/$destination"
    done
    rm -rf "$work"
    echo "vendor_js.sh: $package $version copied to ${VENDOR#"$ROOT"/}"
}

if [ "${1:-}" = "--check" ]; then
    check_files "${JSQR_FILES[@]}"
    echo "vendor_js.sh: $JSQR_PACKAGE $JSQR_VERSION verified"
    check_files "${AXE_FILES[@]}"
    echo "vendor_js.sh: $AXE_PACKAGE $AXE_VERSION verified"
    exit 0
fi

command -v npm >/dev/null || { echo "vendor_js.sh: npm is needed to fetch packages" >&2; exit 1; }
fetch "$JSQR_PACKAGE" "$JSQR_VERSION" "$JSQR_TARBALL_SHA256" "${JSQR_FILES[@]}"
fetch "$AXE_PACKAGE" "$AXE_VERSION" "$AXE_TARBALL_SHA256" "${AXE_FILES[@]}"
