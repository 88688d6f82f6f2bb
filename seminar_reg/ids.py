"""Row ids as they arrive from outside: in a path, a query string, a form or JSON.

Primary keys are PostgreSQL ``integer`` columns, which end at 2^31 - 1; a larger
number reaching a query is an error on PostgreSQL (a 500) instead of "not found".
Every id from a request is checked against this range before it is looked up.
"""

from __future__ import annotations

from typing import Any

from werkzeug.routing import IntegerConverter
from wtforms.validators import NumberRange

MIN_ID = 1
MAX_ID = 2**31 - 1


def is_id(value: Any) -> bool:
    """True for an int (not a bool) that can be a row's id."""
    return isinstance(value, int) and not isinstance(value, bool) and MIN_ID <= value <= MAX_ID


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: out of range does not match, so the page is a 404."""

    def __init__(self, map, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min", MIN_ID)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def id_range() -> NumberRange:
    """A form field's validator for an id (its message says which numbers are allowed)."""
    return NumberRange(MIN_ID, MAX_ID)


def init_app(app) -> None:
    # Before any blueprint adds its rules: rules bind their converters when added.
    app.url_map.converters["int"] = IdConverter
