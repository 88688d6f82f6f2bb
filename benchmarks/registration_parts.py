"""The parts of a registration POST, for benchmarks/profile_registration.py: each part is a
function, timed (CPU) where it is while registrations run, then put back.

A part names its function by module and attribute path, looked up when the profile runs:
code moves (other work reshapes the store, the form and the routes), and a part whose
function is no longer there is reported "not found", one that is there but no longer
called on a registration "not called", instead of failing or printing a silent zero.
Parts may nest (a flush inside the commit, the session's save inside the after-request
hooks): each part's figure is its own inclusive time, and "the rest" subtracts only the
outermost parts, whichever they are, so it stays the time no part covers.
"""

from __future__ import annotations

import importlib
import statistics
import time
from collections.abc import Callable

REG = "seminar_reg.registration."
SESSIONS = "flask.sessions:SecureCookieSessionInterface"
# label -> "module:attribute path", or several separated by "|": the first found is timed
# (a function renamed by work in progress, the old name kept for a checkout before it).
# Indented labels are usually inside the part above.
PARTS: dict[str, str] = {
    "request context, session cookie read": "flask.ctx:RequestContext.push",
    "  session opened (cookie verified)": f"{SESSIONS}.open_session",
    "request body parsed (urlencoded form)": "werkzeug.formparser:FormDataParser.parse",
    "CSRF check": "flask_wtf.csrf:CSRFProtect.protect",
    "language looked up (i18n's calls of Babel's get_locale)": "seminar_reg.i18n:get_locale",
    "seminar and items read (1 statement)": (
        f"{REG}routes:current_items_or_404|{REG}routes:current_programme_or_404"
    ),
    "form built (26 fields, choices)": f"{REG}routes:_form",
    "form validated": f"{REG}forms:DelegateForm.validate",
    "rules checked (items, audience)": f"{REG}operations:check",
    "items' lock (1 statement)": f"{REG}places:lock_items",
    "delegate made (names derived, token)": f"{REG}operations:_new_delegate",
    "delegate and places written as SQL": f"{REG}operations:insert_delegate",
    "committed (what the ORM holds, the mail row)": "sqlalchemy.orm:Session.commit",
    "  ORM flush": "sqlalchemy.orm:Session.flush",
    "  the database's COMMIT": "sqlalchemy.engine.default:DefaultDialect.do_commit",
    "redirect answered": f"{REG}routes:redirect",
    "after-request hooks (headers, session save)": "flask.app:Flask.process_response",
    "  session saved (Set-Cookie if changed)": f"{SESSIONS}.save_session",
}


def _resolve(where: str) -> tuple[object, str] | str:
    """(owner, attribute) of the part's first function found, or why none can be timed."""
    found: tuple[object, str] | str = ""
    for one in where.split("|"):
        found = _resolve_one(one)
        if not isinstance(found, str):
            return found
    return found


def _resolve_one(where: str) -> tuple[object, str] | str:
    module, path = where.split(":")
    try:
        owner: object = importlib.import_module(module)
    except ImportError:
        return f"not found: no module {module}"
    *outer, attribute = path.split(".")
    for name in outer:
        owner = getattr(owner, name, None)
        if owner is None:
            return f"not found: {module}.{path}"
    if not callable(getattr(owner, attribute, None)):
        return f"not found: {module}.{path}"
    return owner, attribute


class _Timer:
    def __init__(self) -> None:
        self.spent: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self.covered = 0.0  # CPU inside outermost parts
        self._depth = 0

    def wrap(self, label: str, function: Callable) -> Callable:
        def timed(*args, **kwargs):
            begun = time.process_time()
            self._depth += 1
            try:
                return function(*args, **kwargs)
            finally:
                self._depth -= 1
                used = time.process_time() - begun
                self.spent[label] = self.spent.get(label, 0.0) + used
                self.calls[label] = self.calls.get(label, 0) + 1
                if self._depth == 0:
                    self.covered += used

        return timed


def _install(timer: _Timer) -> tuple[list, dict[str, str]]:
    """Wrap every part found; return what to put back and why the others are missing."""
    installed, missing = [], {}
    for label, where in PARTS.items():
        found = _resolve(where)
        if isinstance(found, str):
            missing[label] = found
            continue
        owner, attribute = found
        # A class's own entry (not a bound method), or None when it is inherited.
        own = vars(owner).get(attribute) if isinstance(owner, type) else getattr(owner, attribute)
        if isinstance(own, staticmethod | classmethod):
            missing[label] = f"not timed: {where} is a {type(own).__name__}"
            continue
        setattr(owner, attribute, timer.wrap(label, getattr(owner, attribute)))
        installed.append((owner, attribute, own))
    return installed, missing


def _uninstall(installed: list) -> None:
    for owner, attribute, own in reversed(installed):
        if own is None:
            delattr(owner, attribute)  # it was inherited: the base's shows again
        else:
            setattr(owner, attribute, own)


def phase_times(register: Callable, count: int) -> None:
    """Median CPU of each part of a registration, and of what no part covers."""
    timer = _Timer()
    installed, missing = _install(timer)
    per_part: dict[str, list[float]] = {label: [] for label in PARTS}
    called: dict[str, int] = dict.fromkeys(per_part, 0)
    wholes, rests = [], []
    try:
        for _ in range(count):
            timer.spent.clear()
            timer.covered = 0.0
            begun = time.process_time()
            answered = register()
            whole = time.process_time() - begun
            spent, covered = dict(timer.spent), timer.covered
            answered.close()  # the mail after the answer (its commits are not the parts')
            for label in per_part:
                per_part[label].append(spent.get(label, 0.0))
                called[label] += 1 if label in spent else 0
            wholes.append(whole)
            rests.append(whole - covered)
    finally:
        _uninstall(installed)
    whole = statistics.median(wholes)
    print(f"registration's parts (median CPU ms of each; the whole's median {whole * 1000:.2f}):")
    for label, values in per_part.items():
        if label in missing:
            print(f"     n/a  {label} ({missing[label]})")
        elif not called[label]:
            print(f"     n/a  {label} (not called on a registration)")
        else:
            note = "" if called[label] == count else f" (called in {called[label]} of {count})"
            print(f"  {statistics.median(values) * 1000:6.2f}  {label}{note}")
    print(f"  {statistics.median(rests) * 1000:6.2f}  the rest (Flask, Werkzeug, hooks)")
