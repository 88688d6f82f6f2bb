"""Render-once fragments (seminar_reg/fragments.py): the key is the content itself."""

from __future__ import annotations

import contextvars
import itertools

import pytest
from flask import render_template_string

from seminar_reg.fragments import FragmentCache, content_key
from seminar_reg.registration.availability import FULL, Availability, items_with_availability

pytestmark = pytest.mark.same_on_every_database

BLOCK = "{% call cached_fragment('test', content) %}{{ run() }}{% endcall %}"
RUNS = itertools.count()  # each run of the block shows another number


def _render(app, content, language="ja") -> str:
    def render():  # in a context of its own, as a request is (not the test's app context)
        with app.test_request_context(f"/?lang={language}"):
            return render_template_string(BLOCK, content=content, run=lambda: next(RUNS))

    return contextvars.Context().run(render)


def test_a_block_runs_once_per_content_and_language_and_every_time_without_content(app):
    app.extensions["fragments"].clear()
    first = _render(app, ("a", 1))
    assert _render(app, ("a", 1)) == first  # kept: the block did not run again
    assert _render(app, ("a", 2)) != first
    assert _render(app, ("a", 1), "zh") != first
    uncached = _render(app, None)
    assert _render(app, None) != uncached


def test_any_column_of_an_item_or_its_day_changes_the_key(seminar):
    item, places = items_with_availability(seminar)[0]
    before = content_key([(item, places)])
    for attribute, value in [
        ("title_zh", "新的标题"),
        ("capacity", 3),
        ("venue_en", "Hall B"),
        ("audience", "pr_exchange"),
    ]:
        saved = getattr(item, attribute)
        setattr(item, attribute, value)
        assert content_key([(item, places)]) != before, attribute
        setattr(item, attribute, saved)
    assert content_key([(item, places)]) == before
    item.day.date = item.day.date.replace(day=1)  # the day it is on, loaded with it
    assert content_key([(item, places)]) != before
    assert content_key([(item, Availability(FULL, 0))]) != content_key([(item, places)])


def test_the_cache_keeps_only_the_most_recent_renderings():
    cache = FragmentCache(size=2)
    for key in ("a", "b", "a", "c"):
        cache.get_or_render((key,), lambda key=key: key.upper())
    assert cache.renders == 3
    cache.get_or_render(("a",), lambda: "again")  # kept: used after "b"
    assert cache.get_or_render(("b",), lambda: "B2") == "B2"  # dropped, rendered anew
    assert cache.renders == 4
