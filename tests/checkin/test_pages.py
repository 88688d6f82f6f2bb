"""The item list and the desk page: everything the script needs, nothing inline."""

from __future__ import annotations

import json
import re

from .helpers import make_delegate


def _html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_index_lists_items_with_counts(desk, seminar):
    person = make_delegate(seminar)
    desk({"code": person.checkin_code})
    html = _html(desk.client, "/console/checkin/")
    assert 'href="/console/checkin/plenary"' in html
    assert 'href="/console/checkin/plenary?mode=camera"' in html


def test_desk_page_passes_urls_and_texts_as_data(desk, seminar):
    html = _html(desk.client, "/console/checkin/plenary")
    assert 'data-scan-url="/console/checkin/plenary/scans"' in html
    assert 'data-lookup-url="/console/checkin/plenary/lookup"' in html
    assert re.search(r'<meta name="csrf-token" content="[^"]+">', html)
    texts = re.search(r'<script type="application/json" id="desk-texts">(.*?)</script>', html, re.S)
    assert {"offline", "queued", "waiting", "camera_unavailable"} <= set(json.loads(texts[1]))
    assert 'id="scan-code"' in html and 'for="scan-code"' in html
    assert "jsQR.js" not in html  # the camera library loads only in camera mode


def test_no_inline_scripts_or_handlers(desk, seminar):
    for url in (
        "/console/checkin/",
        "/console/checkin/plenary",
        "/console/checkin/plenary?mode=camera",
    ):
        html = _html(desk.client, url)
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert not re.search(r"\son[a-z]+=", html), url
        assert "//cdn" not in html and "https://" not in html.split("<body", 1)[0]


def test_camera_mode_loads_the_vendored_scanner(desk, seminar):
    html = _html(desk.client, "/console/checkin/plenary?mode=camera")
    assert 'src="/static/vendor/jsqr/jsQR.js"' in html
    assert 'data-mode="camera"' in html
    assert desk.client.get("/static/vendor/jsqr/jsQR.js").status_code == 200


def test_unknown_mode_falls_back_to_the_scanner(desk, seminar):
    assert 'data-mode="scanner"' in _html(desk.client, "/console/checkin/plenary?mode=x")


def test_desk_for_unknown_item_is_404(desk, seminar):
    assert desk.client.get("/console/checkin/nothing-here").status_code == 404
