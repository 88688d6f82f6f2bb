import pytest
from flask import g, request_finished
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.conftest import make_test_app
from tests.forms import form_of, open_form

from .helpers import JAPANESE, fill, payload

pytestmark = pytest.mark.same_on_every_database


@pytest.fixture
def csrf_app(database_url, tmp_path):
    app = make_test_app(database_url, tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        from seminar_reg.program.seeding import seed_program

        seed_program()
        yield app
        db.session.remove()
        from tests.conftest import _empty_all_tables

        _empty_all_tables()
        db.engine.dispose()


def test_registration_without_csrf_token_is_refused(csrf_app):
    response = csrf_app.test_client().post("/register/japan?lang=en", data=payload(JAPANESE))
    assert response.status_code == 400
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == 0


def test_registration_with_csrf_token_is_accepted(csrf_app):
    import re

    client = csrf_app.test_client()
    form = client.get("/register/japan").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', form).group(1)
    response = client.post("/register/japan", data=payload(JAPANESE, csrf_token=token))
    assert response.status_code == 302


def _filled_form(client):
    form = open_form(client, "/register/japan?lang=ja", field="consent")
    fill(form, {key: value for key, value in JAPANESE.items() if key != "consent"})
    form.check("consent")
    return form


def test_a_registration_that_goes_through_signs_no_token_for_a_page(csrf_app):
    # The page's token is signed when a page shows it: the redirect shows none.
    client = csrf_app.test_client()
    form = _filled_form(client)
    signed = []

    def finished(_app, response):
        signed.append((response.status_code, "csrf_token" in g))

    with request_finished.connected_to(finished, csrf_app):
        form.submit(client)
    assert signed == [(302, False)]


def test_the_form_that_comes_back_carries_a_token_that_is_accepted(csrf_app):
    client = csrf_app.test_client()
    form = _filled_form(client)
    form["family_reading"] = "Namiki"  # not kana
    response = form.submit(client)
    assert response.status_code == 400
    returned = form_of(response, field="consent")
    assert returned["csrf_token"]
    returned["family_reading"] = JAPANESE["family_reading"]
    assert returned.submit(client).status_code == 302
    assert db.session.execute(select(func.count(Delegate.id))).scalar_one() == 1
