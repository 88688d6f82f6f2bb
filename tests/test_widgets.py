"""seminar_reg.widgets.html_params writes what WTForms' own writes, byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup

from seminar_reg.widgets import ORIGINAL, html_params

pytestmark = pytest.mark.same_on_every_database

KEYS = st.sampled_from(
    ["name", "id", "value", "class_", "for_", "data_x_y", "aria_invalid", "a<b", 'q"k', "é"]
)
VALUES = st.one_of(
    st.booleans(),
    st.integers(),
    st.none(),
    st.text(),
    st.text().map(Markup),  # already markup: kept, quotes still made &quot;
    st.sampled_from(['"quoted"', "<b>&amp;</b>", Markup('a"b'), "山﨑 𠮷", "&#34;"]),
)


@given(st.dictionaries(KEYS, VALUES, max_size=8))
def test_same_bytes_as_wtforms(attributes):
    ours, theirs = html_params(**attributes), ORIGINAL(**attributes)
    assert ours == theirs
    assert isinstance(ours, Markup)


def test_the_app_renders_its_widgets_with_it(app):
    from wtforms.widgets import core

    assert core.html_params is html_params
    assert core.Input.html_params is html_params  # what the widgets call
    assert html_params(name="a", checked=True, disabled=False, value='x"<') == (
        'checked name="a" value="x&#34;&lt;"'
    )
