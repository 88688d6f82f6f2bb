"""The server's warm-up: what a worker's first request of each kind would load, loaded
before any request is taken.

The app imports its heavy libraries when first used (README, "Command-line start"), so
``seminar-reg --help``, the commands and the tests start fast. A server pays for that in
its first requests instead: each gunicorn worker's first registration took 0.2–0.6 s
(pypinyin, OpenCC and the name tables, the fonts' cmaps for the glyph check, the form
and page templates, the catalogs), and so did the first desk scan and the first badge
page. ``seminar-reg serve`` and ``wsgi.py`` serve ``warmed_app()`` instead of
``create_app()``, with gunicorn's ``--preload``: the master builds and warms the app
once, and the workers it forks share those pages copy-on-write (benchmarks/first_request.py).

Nothing here touches the database: a server started while it is down starts, answers
503 and recovers (tests/hardening/test_database_outage.py). Connections are each
worker's own: the pool is emptied before the master forks and again in each child
(SQLAlchemy's advice for os.fork), so no connection is ever shared across processes.
"""

from __future__ import annotations

import gc
import importlib
import os
import pkgutil
from collections.abc import Callable

from flask import Flask

from . import create_app

# Modules no request uses: the command line's own and the entry point that runs it.
NOT_SERVED = frozenset({"seminar_reg.__main__", "seminar_reg.cli", "seminar_reg.warmup"})
# Imported inside the functions that use them, which no module import reaches: the
# spreadsheets, PDF drawing and subsetting, WTForms' e-mail check, the codecs of CSV
# files and of host names (tests/hardening/test_warm_start.py finds any missing here).
LIBRARIES = (
    "openpyxl",
    "reportlab.pdfgen.canvas",
    "fontTools.subset",
    "email_validator",
    "encodings.utf_8_sig",
    "encodings.idna",
)
# Text that takes every name path: kanji with kana readings, Chinese characters to
# pinyin and back to Japanese forms, both faces' cmaps, the search's folding.
JAPANESE = ("japan", "並木", "心", "なみき", "こころ")
CHINESE = ("china", "欧阳", "子轩", "", "")


def warmed_app() -> Flask:
    """The app gunicorn serves: built, warmed, and safe to fork."""
    app = create_app()
    warm_up(app)
    # What the warm-up loaded lives as long as the process. Frozen, the collector never
    # walks it again, and so never writes to (and copies) the pages the workers share.
    gc.collect()
    gc.freeze()
    return app


def warm_up(app: Flask) -> None:
    """Load what requests would load on first use. A step that fails is logged and
    left to the first request, as before: the warm-up never stops a server starting."""
    steps: list[Callable[[Flask], None]] = [
        import_served_modules,
        load_names,
        load_fonts,
        load_catalogs,
        compile_templates,
        compile_queries,
    ]
    for step in steps:
        try:
            step(app)
        except Exception:  # noqa: BLE001  (a cold start is slower, never broken)
            app.logger.exception("warm-up: %s failed; requests will load it", step.__name__)
    forget_connections_at_fork(app)


def import_served_modules(_app: Flask) -> None:
    """Every module of the package (routes import their renderers, readers and
    libraries when first used: reportlab, openpyxl, segno, pypinyin, OpenCC...)."""
    import seminar_reg

    for module in pkgutil.walk_packages(seminar_reg.__path__, "seminar_reg."):
        if module.name not in NOT_SERVED:
            importlib.import_module(module.name)
    for library in LIBRARIES:
        importlib.import_module(library)


def load_names(_app: Flask) -> None:
    """The readings, the other side's script and the search: their dictionaries and
    override tables (names/_data.py, OpenCC's converters, pypinyin's phrases)."""
    from .names import cross_script_for_side, derive_name_fields, normalize_query

    for side, family, given, family_reading, given_reading in (JAPANESE, CHINESE):
        derive_name_fields(side, family, given, family_reading, given_reading)
        cross_script_for_side("china" if side == "japan" else "japan", family + given)
        normalize_query(family + given)


def load_fonts(_app: Flask) -> None:
    """The glyph check's cmaps (every form with non-ASCII text) and the whole faces a
    small PDF draws with (a desk's badge reprint, a roll, a letter)."""
    from .documents.fonts import font_chain, unprintable_characters

    for side, family, given, *_readings in (JAPANESE, CHINESE):
        unprintable_characters(family + given)
        font_chain(side)


def load_catalogs(app: Flask) -> None:
    """Each language's catalogs (the app's and WTForms' messages) and its CLDR data
    (Babel reads and merges a locale's pickles on its first date: 0.4 s for Japanese)."""
    import datetime as dt

    from flask_babel import force_locale, format_datetime, format_decimal, get_translations

    from .i18n import WTFORMS_MESSAGES, long_date, short_date, word_list

    now = dt.datetime.now(dt.UTC)
    # Any WTForms message loads its catalog; a variable, so that pybabel does not
    # extract WTForms' own string into the app's catalog.
    wtforms_message = "Not a valid date value."
    for language in app.config["LANGUAGES"]:
        with app.app_context(), force_locale(language):
            get_translations()
            WTFORMS_MESSAGES.ugettext(wtforms_message)
            long_date(now.date()), short_date(now.date()), word_list(["a", "b"])
            format_datetime(now), format_decimal(1234.5)


def compile_templates(app: Flask) -> None:
    """Every template compiled into the environment's cache (Jinja compiles each on
    its first render: the registration form's macros alone take tens of milliseconds)."""
    environment = app.jinja_env
    for name in environment.list_templates(extensions=("html", "txt", "xml", "js")):
        environment.get_template(name)


def compile_queries(app: Flask) -> None:
    """SQLAlchemy configures every mapper on the first query and builds each entity's
    compile-time structures on its first statement; compiling a select of every mapped
    class for the engine's dialect does both without a connection."""
    from sqlalchemy import select

    from .extensions import db

    with app.app_context():
        dialects = [engine.dialect for engine in db.engines.values()]
    for mapper in db.Model.registry.mappers:
        for dialect in dialects:
            select(mapper.class_).compile(dialect=dialect)


def forget_connections_at_fork(app: Flask) -> None:
    """No pooled connection crosses a fork: the master's pool is emptied now (the
    warm-up opened none, but an extension might have), and each child drops what it
    inherited without closing it (closing would end the parent's connection)."""
    from .extensions import db

    with app.app_context():
        engines = list(db.engines.values())
    for engine in engines:
        engine.dispose()
    os.register_at_fork(after_in_child=lambda: [engine.dispose(close=False) for engine in engines])
