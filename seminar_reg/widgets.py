"""WTForms' attribute writer without its cost per attribute.

``wtforms.widgets.core.html_params`` formats every attribute through
``Markup.format`` (string.Formatter with escaping), about a quarter of rendering the
registration form (24 fields, ~50 widget calls a page). ``html_params`` below writes the
same bytes (``tests/test_widgets.py`` compares it with WTForms' on generated input) with
plain string joins; ``install()`` puts it where WTForms' widgets look it up (the module and
the widget classes), once per process (``create_app``).
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.widgets import core

ORIGINAL = core.html_params


def html_params(**kwargs) -> Markup:
    parts = []
    for key, value in sorted(kwargs.items()):
        key = escape(core.clean_key(key))
        if value is True:
            parts.append(str(key))
        elif value is not False:
            parts.append(f'{key}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(parts))


def install() -> None:
    core.html_params = html_params
    for widget in vars(core).values():  # Input and its kind hold it as a staticmethod
        if isinstance(widget, type) and "html_params" in vars(widget):
            widget.html_params = staticmethod(html_params)
