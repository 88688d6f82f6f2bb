"""Language choice and locale-aware formatting for ja, zh and en."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from babel.lists import format_list
from babel.support import NullTranslations, Translations
from flask import Blueprint, Request, current_app, g, has_request_context, redirect, request
from flask_babel import format_date, get_locale, get_translations
from wtforms.i18n import messages_path

from .names.display import organization_for_reader
from .vocabulary import (
    LANGUAGE_NAMES,
    SIDE_COUNT_KEYS,
    AttendanceStatus,
    DelegateStatus,
    InvitationStatus,
    Role,
    Side,
    language_tag,
    name_lang,
    reading_lang,
)
from .vocabulary.labels import label_helpers
from .web import safe_next

LANGUAGE_COOKIE = "lang"
DEFAULT_LANGUAGE = "ja"

# Babel's own "full" patterns differ from how each audience writes a date on a
# programme: 2017年7月26日(水) / 2017年7月26日 星期三 / Wednesday, July 26, 2017.
DATE_PATTERNS = {
    "ja": "y年M月d日(E)",
    "zh": "y年M月d日 EEEE",
    "en": "EEEE, MMMM d, y",
}
SHORT_DATE_PATTERNS = {"ja": "M月d日(E)", "zh": "M月d日 EEEE", "en": "EEE, MMM d"}

bp = Blueprint("i18n", __name__)


def supported_language(code: str | None) -> str | None:
    """Map a language tag (zh-Hans-CN, zh_CN, ja-JP, EN) to one we serve, or None."""
    if not code:
        return None
    primary = code.replace("_", "-").split("-")[0].strip().lower()
    return primary if primary in current_app.config["LANGUAGES"] else None


def select_locale() -> str:
    """Explicit choice (query or cookie) first, then Accept-Language, then Japanese."""
    if not has_request_context():
        return DEFAULT_LANGUAGE  # commands translate with force_locale where they need to
    language = explicit_language()
    if language:
        return language
    for tag, _quality in request.accept_languages:
        language = supported_language(tag)
        if language:
            return language
    return DEFAULT_LANGUAGE


def explicit_language() -> str | None:
    """The language the visitor chose with the switcher (or ?lang=), if any."""
    for explicit in (request.args.get("lang"), request.cookies.get(LANGUAGE_COOKIE)):
        language = supported_language(explicit)
        if language:
            return language
    return None


def current_language() -> str:
    # The locale's language (ja of ja_JP), not its identifier split: Babel builds that
    # string anew at each call, and pages call this for every localized text.
    locale = get_locale()
    return locale.language if locale is not None else DEFAULT_LANGUAGE


def localized(obj: Any, field: str) -> str:
    """Read ``field_ja``/``field_zh``/``field_en`` for the current language.

    Falls back to Japanese, then English, so a text missing in one language still shows.
    """
    language = current_language()
    for candidate in (language, "ja", "en", "zh"):
        value = getattr(obj, f"{field}_{candidate}", None)
        if value:
            return value
    return ""


def organization_as_read(side: str, organization: str, cross_organization: str) -> tuple[str, str]:
    """(text, lang) of an organisation as this page's reader reads it: the rule is
    `names.display.organization_for_reader`; pages show it with the macro in
    `templates/_organization.html`."""
    text, script = organization_for_reader(
        side, organization, cross_organization, current_language()
    )
    return text, name_lang(script)


def word_list(words) -> str:
    """Words joined as the reader's language lists them: 本会議、行政視察 / A, B, and C."""
    words = [str(word) for word in words]
    return format_list(words, locale=current_language()) if words else ""


def long_date(value: dt.date) -> str:
    return format_date(value, DATE_PATTERNS.get(current_language(), DATE_PATTERNS["en"]))


def short_date(value: dt.date) -> str:
    return format_date(value, SHORT_DATE_PATTERNS.get(current_language(), "EEE, MMM d"))


@bp.route("/language/<code>")
def switch_language(code: str):
    language = supported_language(code) or DEFAULT_LANGUAGE
    return remember_language(
        redirect(safe_next(request.args.get("next"), "program.home")), language
    )


def remember_language(response, language: str):
    """Make ``language`` the visitor's explicit choice from this response on."""
    response.set_cookie(
        LANGUAGE_COOKIE, language, max_age=365 * 24 * 3600, samesite="Lax", httponly=True
    )
    return response


def _translations():
    """Flask-Babel's catalog for the current locale, looked up once per locale and context.

    Flask-Babel's own template callables look it up for every ``_()`` (domain, locale and
    the locale's name each time: about a fifth of rendering the programme page);
    ``force_locale`` (a mail in the delegate's language) sets another locale object, which
    is looked up afresh."""
    locale = get_locale()
    if locale is None:  # outside a request or app context
        return get_translations()
    cached = g.get("_catalog")
    if cached is None or cached[0] is not locale:
        cached = g._catalog = (locale, get_translations())
    return cached[1]


def _install_template_gettext(app) -> None:
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )


@cache
def _wtforms_catalog(locale: str) -> NullTranslations:
    return Translations.load(messages_path(), [locale], domain="wtforms")


class WTFormsMessages:
    """WTForms' own messages (an empty date field's "Not a valid date value", which
    Optional() then drops) in the current locale, from a catalog read once per language
    and process. Flask-WTF reads ``request.wtforms_translations`` and, when a request has
    none, reads the catalog's file again (a registration did, every time); outside a
    request it translates nothing, so a form checked there (the import command, in
    ``force_locale``) takes this object as its Meta's translations."""

    def ugettext(self, string: str) -> str:
        return _wtforms_catalog(str(get_locale())).ugettext(string)

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        return _wtforms_catalog(str(get_locale())).ungettext(singular, plural, n)

    # The names a form's Meta translations go by (Flask-WTF's request ones are the above).
    gettext, ngettext = ugettext, ungettext


WTFORMS_MESSAGES = WTFormsMessages()


class LocalizedRequest(Request):
    wtforms_translations = WTFORMS_MESSAGES


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.request_class = LocalizedRequest
    _install_template_gettext(app)
    app.jinja_env.globals.update(
        localized=localized,
        current_language=current_language,
        language_names=LANGUAGE_NAMES,
        organization_as_read=organization_as_read,
    )
    # The vocabulary's codes, so that pages list and compare them rather than spell them.
    app.jinja_env.globals.update(
        Side=Side,
        SIDE_COUNT_KEYS=SIDE_COUNT_KEYS,
        Role=Role,
        DelegateStatus=DelegateStatus,
        AttendanceStatus=AttendanceStatus,
        InvitationStatus=InvitationStatus,
        language_tag=language_tag,
        name_lang=name_lang,
        reading_lang=reading_lang,
    )
    app.context_processor(label_helpers)
    app.jinja_env.filters.update(word_list=word_list, long_date=long_date, short_date=short_date)
