"""The badge console page: who may print, counting, the PDF download, and problems shown."""

import pytest

from tests.pdf_tools import page_texts, squeeze

from .helpers import add_cast, add_chinese, add_japanese, expected_order, reload, set_columns

PRINT = {"side": "", "role": "", "item": "", "layout": "sheet", "make_pdf": "y"}
EMPTY_MESSAGES = {
    "ja": "この条件に当てはまる名札はありません。何も印刷されていません。",
    "zh": "没有符合此条件的胸卡，因此未打印任何内容。",
    "en": "No badges match this selection, so nothing was printed.",
}


@pytest.fixture
def cast(seminar, built_once):
    return built_once(add_cast, seminar)


@pytest.mark.parametrize("role", ["secretariat", "admin"])
def test_secretariat_and_admin_get_the_pdf(login_as, cast, role):
    response = login_as(role).post("/console/badges/", data=PRINT)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Badges-Printed"] == "15"
    text = squeeze("".join(page_texts(response.data)))
    assert all(squeeze(name) in text for name in expected_order())
    assert all(reload(d.id).badge_printed_at is not None for d in cast)


@pytest.mark.parametrize("role", ["checkin", "viewer"])
def test_checkin_and_viewer_are_refused(login_as, cast, role):
    client = login_as(role)
    assert client.get("/console/badges/").status_code == 403
    response = client.post("/console/badges/", data=PRINT)
    assert response.status_code == 403
    assert all(reload(d.id).badge_printed_at is None for d in cast)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_anonymous_visitors_go_to_the_login_page(client, seminar, method):
    response = client.open("/console/badges/", method=method, data=PRINT)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_page_counts_the_selection_by_side(login_as, cast):
    client = login_as("secretariat")
    page = client.get("/console/badges/").get_data(as_text=True)
    assert 'data-count="15"' in page
    assert 'data-count="japan">7<' in page and 'data-count="china">8<' in page
    count_china = {**PRINT, "make_pdf": "", "count": "y", "side": "china"}
    counted = client.post("/console/badges/", data=count_china)
    assert counted.status_code == 200 and counted.mimetype == "text/html"
    assert 'data-count="8"' in counted.get_data(as_text=True)


def test_query_arguments_preset_the_form(login_as, cast):
    one = cast[0]
    page = login_as("secretariat").get(f"/console/badges/?delegate={one.id}&layout=single")
    body = page.get_data(as_text=True)
    assert 'data-count="1"' in body
    assert f'value="{one.id}"' in body


def test_bad_query_arguments_are_a_400_not_a_crash(login_as, cast):
    response = login_as("secretariat").get("/console/badges/?side=mars")
    assert response.status_code == 400


def test_item_and_layout_choices_reach_the_pdf(login_as, seminar):
    add_japanese(seminar, "加藤", "かとう", items=("site-visit",))
    add_chinese(seminar, "王", items=("plenary",))
    response = login_as("secretariat").post(
        "/console/badges/", data={**PRINT, "item": "site-visit", "layout": "single"}
    )
    assert response.mimetype == "application/pdf"
    pages = page_texts(response.data)
    assert len(pages) == 1 and "加藤" in pages[0]


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_empty_selection_says_so_in_the_users_language(login_as, cast, language):
    client = login_as("secretariat")
    response = client.post(
        "/console/badges/", data={**PRINT, "role": "press"}, headers={"Accept-Language": language}
    )
    assert response.status_code == 400
    assert response.mimetype == "text/html"
    assert EMPTY_MESSAGES[language] in response.get_data(as_text=True)


def test_unprintable_badge_is_listed_then_the_others_print(login_as, cast):
    broken = next(d for d in cast if d.family_name == "王")
    set_columns(broken.id, given_name="伟\ue000")
    client = login_as("secretariat")
    first = client.post("/console/badges/", data=PRINT, headers={"Accept-Language": "en"})
    assert first.status_code == 200 and first.mimetype == "text/html"
    page = first.get_data(as_text=True)
    assert "U+E000" in page and f"delegate {broken.id}" in page
    assert 'name="make_pdf_anyway"' in page
    assert reload(broken.id).badge_printed_at is None
    assert all(reload(d.id).badge_printed_at is None for d in cast)  # nothing printed yet

    anyway = client.post("/console/badges/", data={**PRINT, "make_pdf": "", "make_pdf_anyway": "y"})
    assert anyway.mimetype == "application/pdf"
    assert anyway.headers["X-Badges-Skipped"] == "1"
    assert anyway.headers["X-Badges-Printed"] == "14"
    text = squeeze("".join(page_texts(anyway.data)))
    assert "王伟" not in text and "曾伟" in text
    assert reload(broken.id).badge_printed_at is None
    assert all(reload(d.id).badge_printed_at for d in cast if d.id != broken.id)


def test_nothing_printable_is_a_400_with_the_reasons(login_as, seminar):
    broken = add_chinese(seminar, "王")
    set_columns(broken.id, given_name="伟\ue000")
    response = login_as("secretariat").post("/console/badges/", data=PRINT)
    assert response.status_code == 400
    assert "U+E000" in response.get_data(as_text=True)


def test_the_form_needs_a_csrf_token(app, database_url, tmp_path, seminar):
    from seminar_reg.auth.operations import create_user
    from tests.conftest import STAFF_PASSWORD, make_test_app

    add_japanese(seminar, "加藤", "かとう")
    create_user("csrf@seminar.example", STAFF_PASSWORD, "secretariat")
    guarded = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    client = guarded.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    login = {"email": "csrf@seminar.example", "password": STAFF_PASSWORD, "csrf_token": token}
    assert client.post("/login", data=login).status_code == 302
    assert client.post("/console/badges/", data=PRINT).status_code == 400
    form = client.get("/console/badges/").get_data(as_text=True)
    token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post("/console/badges/", data={**PRINT, "csrf_token": token})
    assert response.mimetype == "application/pdf"
