"""Formal invitation letters (招へい状 / 邀请函): the data a letter is made of, plain values.

One letter per delegation, addressed to the head of the organisation that sends it,
written in one language, Japanese (`ja`) or Chinese (`zh`), whatever the delegation's
side: a Japanese city needs a Japanese letter to approve a business trip and a Chinese
one for the visa. Everything on the letter is in the reader's script: the seminar's and
organisations' names come in the letter's language, and each member's name and title
is their own when they belong to the reader's side and their other-script rendering
(`cross_*`, see names/) when they do not (単 偉 in Japanese, 并木心 in Chinese).

Characters no font can draw: the letter is refused (documents/fonts.py has the policy),
naming every person or organisation and the character, so the secretariat can correct
the record; a letter with a name left out or drawn as boxes would be no letter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..documents.fonts import MissingGlyphError, UndrawableField, describe_character
from ..names.display import cross_display_name, display_name
from ..vocabulary import OWN_SIDE, SIDES

LETTER_LANGUAGES = ("ja", "zh")


@dataclass(frozen=True)
class LetterMember:
    """One member of a delegation, as the registration stores them."""

    member_id: int | str
    side: str  # japan | china
    family: str  # may be empty (买买提·吐尔逊)
    given: str
    cross_family: str = ""  # the other side's rendering of the name
    cross_given: str = ""
    title: str = ""
    cross_title: str = ""  # the title in the other side's script
    latin_name: str = ""

    @property
    def own_name(self) -> str:
        return display_name(self.side, self.family, self.given)

    def name_for(self, language: str) -> str:
        """The name as a reader of `language` writes it: in its own script, else in the
        other side's (names.display.cross_display_name)."""
        reader = OWN_SIDE[language]
        if self.side == reader or not (self.cross_family or self.cross_given):
            return self.own_name
        return cross_display_name(self.cross_family, self.cross_given)

    def title_for(self, language: str) -> str:
        if self.side == OWN_SIDE[language] or not self.cross_title:
            return self.title
        return self.cross_title


@dataclass(frozen=True)
class ProgrammeEntry:
    """A programme item, its title and venue already in the letter's language."""

    title: str
    start: dt.time | None = None  # None: time to be announced
    end: dt.time | None = None
    venue: str = ""


@dataclass(frozen=True)
class ProgrammeDay:
    date: dt.date
    entries: tuple[ProgrammeEntry, ...]


@dataclass(frozen=True)
class SeminarFacts:
    """What every letter of a job says about the seminar, in the letter's language."""

    title: str
    theme: str
    start_date: dt.date
    end_date: dt.date
    city: str
    province: str = ""
    organizers: tuple[str, ...] = ()
    co_organizers: tuple[str, ...] = ()
    supporters: tuple[str, ...] = ()
    signatory: str = ""  # who signs under the organisers' name (title and name)


@dataclass(frozen=True)
class LetterData:
    """One delegation's letter. `organization` is the sender of the delegation, named in
    the letter's language; `head_title` / `head_name` address its head when known."""

    reference: str  # the letter's number, e.g. JC16-0003
    side: str  # the organisation's side
    organization: str
    members: tuple[LetterMember, ...]
    programme: tuple[ProgrammeDay, ...]
    head_title: str = ""
    head_name: str = ""


@dataclass(frozen=True)
class LetterJob:
    language: str  # ja | zh
    issued: dt.date
    seminar: SeminarFacts
    letters: tuple[LetterData, ...]


@dataclass(frozen=True)
class LetterResult:
    pdf: bytes = field(repr=False)
    letters: int
    pages: int
    members: int


# --- refusals --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LetterProblem(UndrawableField):
    """A person's (or the organisation's) text on a letter that no font can draw."""

    organization: str = ""

    @property
    def reason(self) -> str:
        who = f"member {self.delegate_id} ({self.name})" if self.delegate_id else self.name
        return (
            f"Letter to {self.organization}: {who}: {self.field} contains "
            f"{describe_character(self.character)}, which no font can draw"
        )


class UndrawableLetterError(MissingGlyphError):
    """Letters refused: `problems` names every person and character no font can draw."""

    def __init__(self, problems: Sequence[LetterProblem]) -> None:
        self.problems = tuple(problems)
        first = self.problems[0]
        super().__init__(first.name, first.character)

    def __str__(self) -> str:
        return "; ".join(problem.reason for problem in self.problems)


class NoLettersError(ValueError):
    """The job holds no letter (no delegation, or none with members)."""


def check_job(job: LetterJob, missing) -> None:
    """Raise ValueError for a malformed job and UndrawableLetterError naming every field a
    letter would draw that `missing(text)` finds characters in (fonts.missing_characters
    with the letter's chain)."""
    if job.language not in LETTER_LANGUAGES:
        raise ValueError(f"unknown letter language {job.language!r}; use one of {LETTER_LANGUAGES}")
    if not job.letters:
        raise NoLettersError("no letters to write")
    problems: list[LetterProblem] = []
    for letter in job.letters:
        if letter.side not in SIDES:
            raise ValueError(f"{letter.organization}: unknown side {letter.side!r}")
        organization_fields = {
            "organization": letter.organization,
            "head_title": letter.head_title,
            "head_name": letter.head_name,
        }
        for name, text in organization_fields.items():
            characters = missing(text)
            if characters:
                problems.append(
                    LetterProblem("", letter.organization, name, characters[0], letter.organization)
                )
        for member in letter.members:
            problems.extend(_member_problems(member, letter, job.language, missing))
    if problems:
        raise UndrawableLetterError(problems)


def _member_problems(member, letter, language, missing) -> list[LetterProblem]:
    if member.side not in SIDES:
        raise ValueError(f"member {member.member_id}: unknown side {member.side!r}")
    drawn = {
        "name": member.name_for(language),
        "title": member.title_for(language),
        "latin_name": member.latin_name,
    }
    problems = []
    for name, text in drawn.items():
        characters = missing(text)
        if characters:
            problems.append(
                LetterProblem(
                    member.member_id, member.own_name, name, characters[0], letter.organization
                )
            )
    return problems
