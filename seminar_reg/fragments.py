"""Render-once HTML fragments for the public pages, keyed by what they show.

The registration form's fields and the programme's days are most of their pages' work
(thousands of macro calls, 24 WTForms fields) and the same for every visitor until the
programme, a capacity or a count of places changes. A template wraps such a part in

    {% call cached_fragment('program-days', rows) %} ... {% endcall %}

and the block runs only when no rendering for this key is kept. The key is the
fragment's name, the locale and the *content itself*: every column of every row given
(and of the rows they have loaded through a many-to-one link, such as an item's day), so
an edit in the console or a place taken shows on the next request, in every worker
process, without anything to invalidate. Give every row the fragment reads, and only
render per-visitor things (CSRF tokens, values, errors) outside it: the caller passes
None as the key to render without the cache (a form already filled in).

Off while templates reload (development), so an edited template shows at once.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from functools import cache

from flask import current_app, has_request_context, request
from flask_babel import get_locale
from markupsafe import Markup

SIZE = 64  # renderings kept per app: the languages × sides × recent counts of places


class FragmentCache:
    """A small least-recently-used map of key -> rendered Markup."""

    def __init__(self, size: int = SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[tuple, Markup] = OrderedDict()
        self._lock = threading.Lock()
        self.renders = 0  # how often a block ran: tests check that a repeat does not

    def get_or_render(self, key: tuple, render) -> Markup:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        html = Markup(render())
        with self._lock:
            self.renders += 1
            self._entries[key] = html
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
        return html

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def content_key(value) -> object:
    """A hashable stand-in for *value* that differs whenever anything shown of it does:
    rows by all their columns (and their loaded many-to-one rows), sequences item by item,
    other (hashable) values as they are."""
    if isinstance(value, (list, tuple)):
        return tuple(content_key(part) for part in value)
    state = getattr(value, "_sa_instance_state", None)
    if state is None:
        return value
    columns, links = _shown(state.mapper)
    return (
        state.class_.__name__,
        tuple(getattr(value, key) for key in columns),
        tuple(content_key(state.dict[key]) for key in links if state.dict.get(key) is not None),
    )


@cache
def _shown(mapper) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A mapped class's column attributes and its many-to-one links."""
    columns = tuple(attribute.key for attribute in mapper.column_attrs)
    links = tuple(link.key for link in mapper.relationships if not link.uselist)
    return columns, links


def cached_fragment(name: str, *content, caller) -> Markup:
    """The block's HTML for this name, locale and content, rendered once; with None as
    the content (a form someone filled in), rendered every time."""
    cache: FragmentCache = current_app.extensions["fragments"]
    if content == (None,) or current_app.jinja_env.auto_reload:
        return Markup(caller())
    # The script root too: the links in a fragment start with it.
    root = request.script_root if has_request_context() else ""
    key = (name, str(get_locale()), root, content_key(content))
    return cache.get_or_render(key, caller)


def init_app(app) -> None:
    app.extensions["fragments"] = FragmentCache()
    app.jinja_env.globals["cached_fragment"] = cached_fragment
