"""Static addresses carry their file's hash: a new release's page loads its own scripts
and styles, and browsers may keep a versioned file for a year (seminar_reg/static_files.py)."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest

from seminar_reg import static_files

STATIC = Path(static_files.__file__).parent / "static"
STATIC_URL = re.compile(r'(?:src|href|data-decoder-url)="(/static/[^"]+)"')


def _static_urls(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    return STATIC_URL.findall(response.get_data(as_text=True))


def _content_hash(name: str, folder: Path = STATIC) -> str:
    return hashlib.sha256((folder / name).read_bytes()).hexdigest()[:12]


def test_every_page_names_its_files_by_their_content(login_as, seminar):
    client = login_as("admin")
    pages = ("/", "/program", "/register/japan", "/console/", "/console/checkin/",
             "/console/checkin/plenary?mode=camera")
    found = {url for page in pages for url in _static_urls(client, page)}
    names = {url.split("?")[0].removeprefix("/static/") for url in found}
    # the pages' styles and scripts, the desk's and the camera decoder among them
    assert {"css/app.css", "js/layout.js", "js/console_nav.js", "checkin/desk.css",
            "checkin/desk.js", "checkin/roster.js", "vendor/jsqr/jsQR.js"} <= names
    for url in found:
        name, _, query = url.removeprefix("/static/").partition("?")
        assert query == f"v={_content_hash(name)}", url


def test_a_versioned_file_is_kept_a_year_and_others_are_asked_again(client, seminar):
    (url,) = [url for url in _static_urls(client, "/register/japan") if "app.css" in url]
    kept = client.get(url)
    assert kept.status_code == 200
    assert kept.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert client.get(url, headers={"If-None-Match": kept.headers["ETag"]}).status_code == 304
    # no version, or another release's (a page from before an upgrade): the file as it
    # is now, which the browser must not keep under that address
    for other in ("/static/css/app.css", "/static/css/app.css?v=0123456789ab"):
        response = client.get(other)
        assert response.status_code == 200
        assert response.get_data() == kept.get_data()
        assert response.headers["Cache-Control"] == "no-cache", other
    assert client.get("/static/css/none.css?v=0123456789ab").status_code == 404


def test_the_hashes_are_made_once_per_process(app, client, seminar):
    _static_urls(client, "/register/japan")
    made = app.extensions["static_versions"]
    for _ in range(3):
        _static_urls(client, "/register/japan")
        _static_urls(client, "/program")
    assert app.extensions["static_versions"] is made  # not read again for each page


@pytest.fixture
def new_release(app, tmp_path, monkeypatch):
    """The app serving a copy of its static folder, to be changed like an upgrade."""
    folder = tmp_path / "static"
    shutil.copytree(STATIC, folder)
    monkeypatch.setattr(app, "static_folder", str(folder))
    monkeypatch.setitem(app.extensions, "static_versions", None)  # as a restart would
    return folder


def test_a_changed_file_gets_a_new_address_and_the_release_a_new_version(
    app, client, seminar, new_release
):
    before = set(_static_urls(client, "/register/japan"))
    release = static_files.release_version()
    with (new_release / "js" / "layout.js").open("a", encoding="utf-8") as script:
        script.write("\n// the next release\n")
    assert set(_static_urls(client, "/register/japan")) == before  # read once per process
    app.extensions["static_versions"] = None  # the app restarted on the new files
    after = set(_static_urls(client, "/register/japan"))
    changed = {url.split("?")[0] for url in before ^ after}
    assert changed == {"/static/js/layout.js"}  # the unchanged files keep their address
    assert static_files.release_version() != release
    (old_address,) = [url for url in before if "layout.js" in url]
    assert client.get(old_address).headers["Cache-Control"] == "no-cache"


def test_while_templates_reload_an_edited_file_gets_its_new_address_at_once(
    app, client, seminar, new_release, monkeypatch
):
    monkeypatch.setattr(app.jinja_env, "auto_reload", True)
    before = set(_static_urls(client, "/register/japan"))
    with (new_release / "css" / "app.css").open("a", encoding="utf-8") as style:
        style.write("\n/* edited */\n")
    after = set(_static_urls(client, "/register/japan"))
    assert {url.split("?")[0] for url in before ^ after} == {"/static/css/app.css"}
