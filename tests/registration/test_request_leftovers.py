"""What a registration leaves for Python's garbage collector: nothing of its form, nothing
of its items' states. WTForms gives each bound field its form, a reference cycle only the
collector's passes freed (some 190 objects a registration, issue 18), which
fields.free_with_request breaks when the request has its answer; the items' lock asked
for the capacity's history through ``inspect(item).attrs``, which keeps an AttributeState
of every attribute referring back to the item's state (some 50 objects for two items).
benchmarks/profile_registration.py times the registration."""

from __future__ import annotations

import gc
from contextlib import contextmanager

from sqlalchemy.orm.state import AttributeState

from seminar_reg.registration.forms import DelegateForm
from tests.forms import open_form
from tests.registration.helpers import JAPANESE, fill


@contextmanager
def collector_paused():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _forms_alive() -> list:
    return [o for o in gc.get_objects() if isinstance(o, DelegateForm)]


def _attribute_states_alive() -> list:
    return [o for o in gc.get_objects() if isinstance(o, AttributeState)]


def test_a_registration_leaves_no_form_for_the_collector(client, seminar):
    with collector_paused():
        form = open_form(client, "/register/japan?lang=ja", field="consent")
        fill(form, {**JAPANESE, "consent": True})
        response = form.submit(client)
        assert response.status_code == 302
        assert _forms_alive() == []  # the page's form and the answer's, freed at once
        assert _attribute_states_alive() == []  # the two items locked (places.lock_items)


def test_an_answer_that_comes_back_leaves_no_form_and_shows_what_was_typed(client, seminar):
    form = open_form(client, "/register/japan?lang=ja", field="consent")
    fill(form, {**JAPANESE, "consent": True})
    form["family_reading"] = "Namiki"  # not kana: the answer comes back
    with collector_paused():
        response = form.submit(client)
        assert response.status_code == 400
        assert _forms_alive() == []
    page = response.get_data(as_text=True)
    assert 'value="Namiki"' in page and "並木" in page  # rendered before the form was freed
