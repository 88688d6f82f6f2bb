"""Letters for the console and the command line: gather the data, render, name the file.

The renderer (letters.pdf, reportlab) is imported when a letter is made. The letter's
words are its own language's (letters.wording); the messages about a refused job are in
the user's language (`problem_reason`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..clock import venue_today
from ..program.models import Seminar
from .content import LETTER_LANGUAGES
from .queries import delegations, letter_data, seminar_facts

if TYPE_CHECKING:
    from .content import LetterProblem, LetterResult

FIELD_LABELS = {
    "name": _l("Name"),
    "title": _l("Title or position"),
    "latin_name": _l("Name in Latin letters"),
    "organization": _l("Organization"),
    "head_title": _l("Title of the organisation's head"),
    "head_name": _l("Name of the organisation's head"),
}


@dataclass(frozen=True)
class LetterFile:
    data: bytes
    filename: str
    result: LetterResult


class NoMembersError(LookupError):
    """No delegation (of the organisation asked for) has a registered member."""


def make_letters(
    seminar: Seminar,
    language: str,
    organization: str | None = None,
    issued: dt.date | None = None,
) -> LetterFile:
    """One letter per standing delegation with members (or the one organisation's), in
    `language`, dated `issued` (default: today at the venue). Raises
    UnknownOrganizationError, NoMembersError, UndrawableLetterError (every person and
    character no font can draw) and MissingGlyphError."""
    if language not in LETTER_LANGUAGES:
        raise ValueError(f"unknown letter language {language!r}; use one of {LETTER_LANGUAGES}")
    from .content import LetterJob
    from .pdf import build_letters

    found = [delegation for delegation in delegations(seminar, organization) if delegation.members]
    if not found:
        raise NoMembersError(organization or "")
    job = LetterJob(
        language=language,
        issued=issued or venue_today(),
        seminar=seminar_facts(seminar, language),
        letters=tuple(letter_data(seminar, delegation, language) for delegation in found),
    )
    result = build_letters(job)
    scope = f"-{found[0].invitation.id}" if organization is not None else ""
    return LetterFile(result.pdf, f"letters-{seminar.edition}{scope}-{language}.pdf", result)


def problem_reason(problem: LetterProblem) -> str:
    """Why a letter cannot be written, in the user's language."""
    from ..documents.fonts import describe_character

    field = str(FIELD_LABELS.get(problem.field, problem.field))
    if problem.delegate_id:
        return _(
            "Letter to %(organization)s: %(field)s of %(name)s (delegate %(id)s) contains "
            "%(character)s, which no font can draw.",
            organization=problem.organization,
            field=field,
            name=problem.name,
            id=problem.delegate_id,
            character=describe_character(problem.character),
        )
    return _(
        "Letter to %(organization)s: %(field)s contains %(character)s, which no font can draw.",
        organization=problem.organization,
        field=field,
        character=describe_character(problem.character),
    )
