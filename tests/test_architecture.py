"""The code's shape, as DEVELOPING.md promises it: files readable in one sitting and
features that depend on each other one way only."""

import ast
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from seminar_reg.vocabulary import AttendanceStatus, DelegateStatus, InvitationStatus

PACKAGE = Path(__file__).resolve().parent.parent / "seminar_reg"
MAX_LINES = 350


def _modules():
    return sorted(PACKAGE.rglob("*.py"))


def _pages(pattern: str = "*.html") -> list[Path]:
    return sorted((PACKAGE / "templates").rglob(pattern))


def _scripts() -> list[Path]:
    return sorted((PACKAGE / "static").rglob("*.js"))


def _found(paths: Iterable[Path], find: Callable[[str], Any]) -> dict[str, Any]:
    """{file under the package: what `find` found in its text}, for each file where it
    found something: the shape of every one-owner check below."""
    return {
        str(path.relative_to(PACKAGE)): found
        for path in paths
        if (found := find(path.read_text(encoding="utf-8")))
    }


def _unit(path: Path) -> str:
    """The top-level package or module of seminar_reg a file belongs to."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0].removesuffix(".py")


def _imported_units(path: Path) -> set[str]:
    """Top-level units a file imports, at module level or inside functions."""
    own = list(path.relative_to(PACKAGE).with_suffix("").parts)
    units = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = own[: len(own) - node.level]
            target = base + (node.module.split(".") if node.module else [])
            units.update([target[0]] if target else [alias.name for alias in node.names])
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("seminar_reg."):
            units.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            units.update(
                alias.name.split(".")[1]
                for alias in node.names
                if alias.name.startswith("seminar_reg.")
            )
    return units


def _graph() -> dict[str, set[str]]:
    """Feature package -> the feature packages it imports (modules such as clock.py or
    config.py are shared ground, not features)."""
    packages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    graph: dict[str, set[str]] = {}
    for path in _modules():
        unit = _unit(path)
        if unit not in packages:
            continue
        graph.setdefault(unit, set()).update((_imported_units(path) & packages) - {unit})
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle between units, or None (depth-first search)."""
    state: dict[str, str] = {}

    def visit(unit: str, trail: list[str]) -> list[str] | None:
        state[unit] = "open"
        for other in sorted(graph.get(unit, ())):
            if state.get(other) == "open":
                return [*trail[trail.index(other) :], other] if other in trail else [unit, other]
            if other not in state:
                found = visit(other, [*trail, other])
                if found:
                    return found
        state[unit] = "done"
        return None

    for unit in sorted(graph):
        if unit not in state:
            found = visit(unit, [unit])
            if found:
                return found
    return None


def test_no_module_is_longer_than_a_sitting():
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_import_cycle_between_features():
    graph = _graph()
    assert {"registration", "program", "documents", "auth", "audit"} <= set(graph)
    assert _cycle(graph) is None


def test_the_cycle_finder_finds_one():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _private_uses(source: str) -> list[str]:
    """Private names (``_name``) a module takes from another seminar_reg module: imported
    by name, or read as an attribute of a module or name imported from the package."""
    tree = ast.parse(source)
    ours, found = set(), []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").startswith("seminar_reg")
        ):
            for alias in node.names:
                if _private(alias.name):
                    found.append(alias.name)
                ours.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in ours
            and _private(node.attr)
        ):
            found.append(f"{node.value.id}.{node.attr}")
    return found


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_module_uses_another_modules_private_names():
    """A rule two modules share is a public name of its owner (DEVELOPING.md)."""
    assert _found(_modules(), _private_uses) == {}


def test_the_private_name_finder_finds_them():
    source = (
        "from .operations import _record, may_change\nfrom . import joining\njoining._compose()\n"
    )
    assert _private_uses(source) == ["_record", "joining._compose"]
    assert _private_uses("from flask import g\ng._catalog = 1\n") == []


def test_files_are_handed_out_by_one_download_helper():
    """Issue 17: one download helper with one MIME table (`web.download`): no route sets
    its own attachment header or MIME type for a file."""
    own = {
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if path.name != "web.py"
        and any(
            marker in path.read_text(encoding="utf-8")
            for marker in ("Content-Disposition", "as_attachment=", 'mimetype="text/csv')
        )
    }
    assert own == set()


def _language_lists(source: str) -> int:
    """Tuples or lists written out as exactly ja, zh, en."""
    return sum(
        1
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Tuple | ast.List)
        and [getattr(e, "value", None) for e in node.elts] == ["ja", "zh", "en"]
    )


def test_the_three_languages_are_listed_once():
    """Issue 17: one vocabulary; every feature imports `vocabulary.LANGUAGES`."""
    assert _found(_modules(), _language_lists) == {"vocabulary/__init__.py": 1}


STATUSES = {
    status.value
    for codes in (DelegateStatus, AttendanceStatus, InvitationStatus)
    for status in codes
}
# A template comparing or listing codes it spells out.
SPELLED_CODES = re.compile(
    r"(?:status|place)\s*[!=]=\s*['\"](" + "|".join(sorted(STATUSES)) + r")['\"]"
    r"|\[\s*'confirmed',\s*'waitlisted'"
    r"|\[\s*'delegate',\s*'vip'"
    r"|\[\s*'japan',\s*'china'\s*(?:,\s*'all'\s*)?\]"
    r"|\(\s*'(?:confirmed|waitlisted|cancelled)',"
)


def _status_literals(source: str) -> list[str]:
    """Status codes written as strings in a comparison or a column's `in_`/`not_in`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("in_", "not_in"):
            operands = node.args
        else:
            continue
        for operand in operands:
            items = (
                operand.elts if isinstance(operand, ast.Tuple | ast.List | ast.Set) else [operand]
            )
            found += [i.value for i in items if isinstance(i, ast.Constant) and i.value in STATUSES]
    return found


def test_pages_list_and_compare_delegate_codes_from_the_vocabulary():
    """Issue 17: sides, roles and statuses are the vocabulary's (`Side`, `Role`,
    `DelegateStatus`, `AttendanceStatus`, `InvitationStatus` are template globals); a page
    that spelled them out would miss a new one or compare against a misspelt one."""
    assert _found(_pages("*.*"), SPELLED_CODES.findall) == {}


def test_modules_compare_statuses_with_the_vocabulary():
    """Issue 17: a module compares a delegate's, a place's or an invitation's status with
    the vocabulary's enum (`AttendanceStatus.CONFIRMED`), not with a string of its own."""
    modules = [path for path in _modules() if path.parent.name != "vocabulary"]
    assert _found(modules, _status_literals) == {}


def test_the_status_finders_find_them():
    assert SPELLED_CODES.findall("{% elif place == 'waitlisted' %}") == ["waitlisted"]
    assert SPELLED_CODES.findall('{% if invitation.status != "revoked" %}') == ["revoked"]
    assert SPELLED_CODES.findall("{% if status == InvitationStatus.REVOKED %}") == []
    assert SPELLED_CODES.findall("{% for side in ['japan', 'china', 'all'] %}")
    assert SPELLED_CODES.findall("{% for m, label in [('confirmed', _('Confirmed'))] %}")
    assert not SPELLED_CODES.findall("{% for side in SIDE_COUNT_KEYS %}")
    source = (
        'if row.place == "confirmed" or s in ("declined", "x"):\n    q.where(c.in_(["opened"]))\n'
    )
    assert _status_literals(source) == ["confirmed", "declined", "opened"]
    assert _status_literals('if side == "japan":\n    pass\n') == []


def test_only_the_clock_says_what_time_it_is_in_utc():
    """Issue 17: `utcnow` lives in clock.py; a second spelling of "now, naive UTC" would
    drift from it (and from a test that sets the clock)."""
    spelled = re.compile(r"datetime\.now\((dt\.)?(UTC|timezone\.utc)\)\.replace\(tzinfo=None\)")
    found = {
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if path.name != "clock.py" and spelled.search(path.read_text(encoding="utf-8"))
    }
    assert found == set()


# A name's lang tag chosen from its side, spelled out: `'ja' if … else 'zh-Hans'`.
SPELLED_NAME_LANG = re.compile(r"""['"]ja['"]\s+if\b[^%}\n]*?\belse\s+['"]zh-(Hans|Latn)""")


def _name_lang_tags(source: str) -> list[str]:
    """String constants that are a name's or reading's Chinese lang tag."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in ("zh-Hans", "zh-Latn-pinyin")
    ]


def test_names_get_their_lang_tag_from_the_vocabulary():
    """Issue 17: which `lang` a name (its glyph forms) or its reading gets is decided by
    `vocabulary.name_lang` and `reading_lang` (template globals); a copy would drift."""
    modules = [path for path in _modules() if path.parent.name != "vocabulary"]
    found = (_found(modules, _name_lang_tags), _found(_pages(), SPELLED_NAME_LANG.findall))
    assert found == ({}, {})


def test_the_name_lang_finders_find_them():
    page = """<td lang="{{ 'ja' if delegate.side == 'japan' else 'zh-Latn-pinyin' }}">"""
    assert SPELLED_NAME_LANG.findall(page) == ["Latn"]
    assert SPELLED_NAME_LANG.findall("{% set own = 'ja' if side == 'japan' else 'zh-Hans' %}")
    assert not SPELLED_NAME_LANG.findall("{{ field_row(form.city_zh, lang='zh-Hans') }}")
    source = 'def lang(side):\n    return "ja" if side == "japan" else "zh-Hans"\n'
    assert _name_lang_tags(source) == ["zh-Hans"]


def test_the_desk_builds_a_queued_scan_in_one_place():
    """Issue 17: a scan the desk keeps to send (its id, the time it was taken) is made by
    `newEntry` in desk.js; a second spelling sent scans that differed from the first."""
    made = re.compile(r"client_scan_id:\s*newScanId\(\)")
    built = _found(_scripts(), lambda text: len(made.findall(text)))
    assert built == {"static/checkin/desk.js": 1}


def test_no_code_makes_up_a_request():
    """Issue 17: the app's code runs where it is (a request, a command in an app context);
    a made-up request (`test_request_context`) hides what the code needs from it, as the
    importer's once did (WTForms' messages in the language: `i18n.WTFORMS_MESSAGES`)."""
    found = {
        str(path.relative_to(PACKAGE))
        for path in _modules()
        if "test_request_context" in path.read_text(encoding="utf-8")
    }
    assert found == set()


def _side_languages(source: str) -> list[str]:
    """`"ja" if … else "zh"` (either way round): a side's language picked by hand."""
    return [
        ast.unparse(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.IfExp)
        and {getattr(node.body, "value", None), getattr(node.orelse, "value", None)} == {"ja", "zh"}
    ]


def test_a_sides_language_comes_from_the_vocabulary():
    """Issue 17: a side's own language is `vocabulary.OWN_LANGUAGE` (the inverse of
    `OWN_SIDE`), not a conditional written in each feature."""
    assert _found(_modules(), _side_languages) == {}


def test_the_side_language_finder_finds_them():
    source = 'language = lang or ("ja" if side == "japan" else "zh")\nx = "a" if y else "zh"\n'
    assert _side_languages(source) == ["'ja' if side == 'japan' else 'zh'"]


# A page deciding by a side whether a space goes between the parts of a name.
SPELLED_NAME_SPACE = re.compile(r"\{%-?\s*if\b[^%]*\bside\b[^%]*%\}\s+\{%-?\s*endif")


def test_pages_write_names_out_with_the_names_package():
    """Issue 17: whether a space separates family and given name is
    `names.display.display_name`'s (a delegate's `display_name`, an import row's `name`)."""
    assert _found(_pages(), SPELLED_NAME_SPACE.findall) == {}


def test_the_name_space_finder_finds_it():
    page = "{{ f }}{% if row.cells.side != 'china' %} {% endif %}{{ g }}"
    assert SPELLED_NAME_SPACE.findall(page)
    assert not SPELLED_NAME_SPACE.findall("{% if side == 'japan' %}<b>x</b>{% endif %}")


# The two parts of a name in the other side's script put together by hand (a template's
# `{{ d.cross_family_name }}{{ d.cross_given_name }}`, an f-string, a `+`).
JOINED_CROSS_NAME = re.compile(
    r"cross_family\w*\s*(?:\}\}\s*\{\{|\}\s*\{|\+)\s*[\w.]*cross_given"
)


def test_names_in_the_other_script_are_written_out_by_the_names_package():
    """Whether a name in the other side's script is spaced is
    `names.display.cross_display_name`'s (a delegate's or an import row's `cross_name`),
    by the person's side; names/ itself joins the parts only to search them."""
    files = [
        path
        for path in sorted(PACKAGE.rglob("*"))
        if path.suffix in {".py", ".html"} and path.relative_to(PACKAGE).parts[0] != "names"
    ]
    assert _found(files, JOINED_CROSS_NAME.findall) == {}


def test_the_joined_cross_name_finder_finds_them():
    for joined in (
        "{{ delegate.cross_family_name }}{{ delegate.cross_given_name }}",
        'f"{delegate.cross_family_name}{delegate.cross_given_name}"',
        "delegate.cross_family_name + delegate.cross_given_name",
    ):
        assert JOINED_CROSS_NAME.findall(joined), joined
    assert not JOINED_CROSS_NAME.findall('"cross_family_name", "cross_given_name",')


# An organisation printed as stored, whoever reads the page (`{{ d.organization }}`,
# `{{ row.organization.name }}`).
PRINTED_ORGANIZATION = re.compile(
    r"\{\{\s*(?!filters\.)[\w.]*\borganization(?:\.name)?\s*\}\}"
)
# Shown as typed on purpose: the import preview (beside its derived rendering), and a
# person's or a contact's own organisation on their own pages.
TYPED_AS_IS = {
    "templates/console/import.html",
    "templates/delegations/page.html",
    "templates/registration/_summary.html",
}


def test_pages_show_organisations_as_their_reader_reads_them():
    """Which script a reader sees another side's organisation in is
    `names.display.organization_for_reader`'s; pages show one with the macro in
    `templates/_organization.html`."""
    found = _found(_pages(), PRINTED_ORGANIZATION.findall)
    assert {page: hits for page, hits in found.items() if page not in TYPED_AS_IS} == {}


def test_the_printed_organisation_finder_finds_them():
    for printed in ("{{ delegate.organization }}", "{{ row.organization.name }}",
                    "{{card.organization}}"):
        assert PRINTED_ORGANIZATION.findall(printed), printed
    assert not PRINTED_ORGANIZATION.findall(
        "{{ organization(d.side, d.organization, d.cross_organization) }}"
    )
    assert not PRINTED_ORGANIZATION.findall("{{ d.cross_organization }}")
    assert not PRINTED_ORGANIZATION.findall('value="{{ filters.organization }}"')


# A Chinese lang tag written into a page, or a language -> tag table of its own.
SPELLED_LANGUAGE_TAG = re.compile(r"""zh-(?:Hans|Hant|Latn)|['"]zh['"]\s*:\s*['"]zh""")


def test_pages_get_a_languages_lang_tag_from_the_vocabulary():
    """Issue 17: the `lang` of a page or of a field in one language is
    `vocabulary.language_tag` (a template global), a name's `name_lang`/`reading_lang`."""
    assert _found(_pages(), SPELLED_LANGUAGE_TAG.findall) == {}


def test_the_language_tag_finder_finds_them():
    page = """<html lang="{{ {'ja': 'ja', 'zh': 'zh-Hans', 'en': 'en'}[lang] }}">"""
    assert SPELLED_LANGUAGE_TAG.findall(page) == ["'zh': 'zh"]
    assert SPELLED_LANGUAGE_TAG.findall("{{ field_row(form.city_zh, lang='zh-Hans') }}")
    assert not SPELLED_LANGUAGE_TAG.findall("{{ field_row(form.name, lang=language_tag('zh')) }}")


LETTER_NAMES = ("招へい状", "邀请函")
QUOTED_LETTER_NAME = re.compile(r"""['"](招へい状|邀请函)['"]""")


def test_the_letters_names_are_the_wording_modules():
    """Issue 17: what a letter is called in its language (its title, the console's links and
    choices) is `letters.wording.DOCUMENT_NAMES`; a copy would title a letter one way and
    offer it another."""
    modules = [path for path in _modules() if path.name != "wording.py"]
    found = (_found(modules, _letter_names), _found(_pages(), QUOTED_LETTER_NAME.findall))
    assert found == ({}, {})


def _letter_names(source: str) -> list[str]:
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in LETTER_NAMES
    ]


def test_the_letter_name_finder_finds_them():
    page = "<a>{{ {'ja': '招へい状', 'zh': '邀请函'}[code] }}</a>"
    assert QUOTED_LETTER_NAME.findall(page) == ["招へい状", "邀请函"]
    assert not QUOTED_LETTER_NAME.findall("{{ _('Letters (招へい状 in Japanese)') }}")


# A script comparing a person's place with a code it spells out, or a scan's outcome
# (compared, or made on the device).
SCRIPT_PLACE_CODE = re.compile(r"""(?:\.place|\boutcome)\s*(?:[!=]==?|:)\s*["']""")


def test_the_desks_scripts_take_place_codes_from_the_page():
    """Issue 17: the desk's scripts compare a person's place with the codes the server puts
    in the page (`checkin.roster.PLACE_CODES`, the "desk-places" block), so a renamed
    status cannot leave them answering from a code that no longer comes; the outcomes they
    answer offline are the server's too (`checkin.answers.DESK_OUTCOMES`, "desk-outcomes")."""
    assert _found(_scripts(), lambda text: len(SCRIPT_PLACE_CODE.findall(text))) == {}


def test_the_script_place_finder_finds_them():
    assert SCRIPT_PLACE_CODE.findall('if (person.place === "cancelled") return;')
    assert SCRIPT_PLACE_CODE.findall("person.place !== 'none' ? 1 : 0")
    assert not SCRIPT_PLACE_CODE.findall("person.place === PLACES.CONFIRMED")
    assert SCRIPT_PLACE_CODE.findall('return { outcome: "unknown", person: null };')
    assert SCRIPT_PLACE_CODE.findall('if (local.outcome === "checked_in") {')
    assert not SCRIPT_PLACE_CODE.findall("if (local.outcome === OUTCOMES.CHECKED_IN) {")


# A script deciding by a side it spells out (`person.side === "china"`), or reading a
# person's organisation in the other script beside the one place that shows it.
SCRIPT_SIDE_CODE = re.compile(r"""\.side\s*[!=]==?\s*["']""")
SCRIPT_CROSS_ORGANIZATION = re.compile(r"\.cross_organization\b")


def test_the_desk_shows_organisations_by_the_pages_reader():
    """Whose organisations a reader sees in the reader's script is
    `names.display.crossed_side`'s (`organization_for_reader` asks it); the desk's page
    hands it over ("desk-reader"), and desk.js shows an organisation in one function
    (`showOrganization`, the one reading of the cross form) without naming a side itself."""
    crossed = _found(_scripts(), lambda text: len(SCRIPT_CROSS_ORGANIZATION.findall(text)))
    assert (crossed, _found(_scripts(), SCRIPT_SIDE_CODE.findall)) == (
        {"static/checkin/desk.js": 1},
        {},
    )


def test_the_script_side_finders_find_them():
    assert SCRIPT_SIDE_CODE.findall('if (person.side === "japan") {')
    assert SCRIPT_SIDE_CODE.findall("person.side !== 'china'")
    assert not SCRIPT_SIDE_CODE.findall("person.side === READER.crossed_side")
    assert SCRIPT_CROSS_ORGANIZATION.findall("text = person.cross_organization;")
