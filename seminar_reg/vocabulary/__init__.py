"""The project's vocabulary: the codes every feature stores and compares, and the few
facts about them that documents, queries and pages share (no Flask, no database).

Translated words for these codes live in `vocabulary.labels`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping


class Side(enum.StrEnum):
    JAPAN = "japan"
    CHINA = "china"


class Role(enum.StrEnum):
    DELEGATE = "delegate"
    VIP = "vip"
    SPEAKER = "speaker"
    PRESS = "press"
    INTERPRETER = "interpreter"
    STAFF = "staff"


class Dietary(enum.StrEnum):
    NONE = "none"
    VEGETARIAN = "vegetarian"
    VEGAN = "vegan"
    HALAL = "halal"
    OTHER = "other"


class OrganizationType(enum.StrEnum):
    """Decides who may join the PR exchange (local governments meet travel agencies)."""

    LOCAL_GOVERNMENT = "local_government"
    NATIONAL_GOVERNMENT = "national_government"
    TRAVEL_AGENCY = "travel_agency"
    COMPANY = "company"
    ACADEMIC = "academic"
    MEDIA = "media"
    OTHER = "other"


class DelegateStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


class AttendanceStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"


class InvitationStatus(enum.StrEnum):
    """Where an organisation's invitation stands (delegations/)."""

    INVITED = "invited"
    OPENED = "opened"
    REGISTERED = "registered"
    DECLINED = "declined"
    REVOKED = "revoked"


# Plain strings (not enum members) so documents can format and compare them freely.
SIDES: tuple[str, ...] = tuple(side.value for side in Side)
DIETARY_CODES: tuple[str, ...] = tuple(code.value for code in Dietary)
# Needs nothing beyond the kitchen's standard menus (no note to read).
STANDARD_DIETARY: tuple[str, ...] = DIETARY_CODES[:4]

LANGUAGES: tuple[str, ...] = ("ja", "zh", "en")
# Each language's name in itself, for language pickers.
LANGUAGE_NAMES: Mapping[str, str] = {"ja": "日本語", "zh": "中文", "en": "English"}
# Each language's HTML `lang` tag: Chinese is the Simplified script (the seminar's Chinese
# side writes it), so that browsers pick Chinese glyph forms rather than guess.
LANGUAGE_TAGS: Mapping[str, str] = {"ja": "ja", "zh": "zh-Hans", "en": "en"}
# The side whose own language it is; English readers belong to neither.
OWN_SIDE: Mapping[str, str] = {"ja": Side.JAPAN.value, "zh": Side.CHINA.value}
# A side's own language: its delegates' and delegations' language unless they chose one.
OWN_LANGUAGE: Mapping[str, str] = {side: language for language, side in OWN_SIDE.items()}
# Japanese readers see their side first, Chinese readers theirs; English follows Japanese.
SIDE_ORDER: Mapping[str, tuple[str, str]] = {
    "ja": ("japan", "china"),
    "zh": ("china", "japan"),
    "en": ("japan", "china"),
}

# A headcount's keys: each side, then both together (`side_counts`; pages' columns).
ALL_SIDES = "all"
SIDE_COUNT_KEYS: tuple[str, ...] = (*SIDES, ALL_SIDES)

# Indigo and vermilion: distinct at a glance, also for red-green colour-blind readers.
SIDE_COLOURS: Mapping[str, str] = {"japan": "#1F3F7A", "china": "#B3261E"}


def reader_side(language: str) -> str:
    """The face for a reader's labels: Chinese readers get Chinese glyph forms, the
    others Japanese (Latin text looks the same in either)."""
    return Side.CHINA.value if language == "zh" else Side.JAPAN.value


def name_lang(side: str, cross: bool = False) -> str:
    """The HTML `lang` of a name, which picks its glyph forms: Japanese forms for a
    Japanese-side name, Simplified Chinese for a Chinese-side one; `cross` for the name
    written in the other side's script. Plain "zh" leaves the forms to the browser."""
    japanese = (side == Side.JAPAN) != cross
    return language_tag(OWN_LANGUAGE[Side.JAPAN if japanese else Side.CHINA])


def language_tag(language: str) -> str:
    """The HTML `lang` of text in one of the seminar's languages (a page, a field)."""
    return LANGUAGE_TAGS[language]


def reading_lang(side: str) -> str:
    """The HTML `lang` of a name's reading: kana for a Japanese-side name, pinyin (Latin
    script) for a Chinese-side one."""
    return "ja" if side == Side.JAPAN else "zh-Latn-pinyin"


def side_rank(side: str) -> int:
    """Japanese side first in lists that are not tied to a reader's language."""
    return SIDES.index(side) if side in SIDES else len(SIDES)


def side_counts(by_side: Mapping[str, int] | None = None) -> dict[str, int]:
    """`{"japan": n, "china": m, "all": n + m}`, the shape every headcount uses."""
    by_side = by_side or {}
    counts = {side: by_side.get(side, 0) for side in SIDES}
    counts[ALL_SIDES] = sum(counts.values())
    return counts
