import pytest
from sqlalchemy import func, select

from seminar_reg.extensions import db
from seminar_reg.registration.models import Delegate
from tests.conftest import make_test_app

from .helpers import JAPANESE, payload

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
