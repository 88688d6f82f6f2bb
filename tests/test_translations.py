"""Every message must be translated in ja, zh and en; a fuzzy or empty entry fails."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "translations"


def _catalog(language: str):
    with open(TRANSLATIONS / language / "LC_MESSAGES" / "messages.po", "rb") as handle:
        return read_po(handle, locale=language)


def _template_ids() -> set:
    with open(TRANSLATIONS / "messages.pot", "rb") as handle:
        return {message.id for message in read_po(handle) if message.id}


@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_catalog_has_every_message_of_the_template(language):
    catalog_ids = {message.id for message in _catalog(language) if message.id}
    assert _template_ids() - catalog_ids == set()


# English too: its entries are written out (usually as the source text) so that a
# reviewer sees every English string in one place, as the other two languages do.
@pytest.mark.parametrize("language", ["ja", "zh", "en"])
def test_no_message_is_untranslated_or_fuzzy(language):
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(message.id)
    assert problems == []


@pytest.mark.slow
def test_template_is_up_to_date_with_the_source(tmp_path):
    """Strings added in code but not extracted would silently show in English."""
    from babel.messages.frontend import CommandLineInterface

    root = TRANSLATIONS.parent
    output = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        [
            "pybabel",
            "-q",
            "extract",
            "-F",
            str(root / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "-o",
            str(output),
            str(root),
        ]
    )
    with open(output, "rb") as handle:
        fresh = {message.id for message in read_po(handle) if message.id}
    assert fresh - _template_ids() == set()
