"""How a name is written out in its own script and in the other side's, the reading
printed with it, and which script a reader sees an organisation in."""

from __future__ import annotations

from seminar_reg.vocabulary import OWN_SIDE, SIDES

# Whether a space separates family and given name follows the PERSON's naming convention
# and the print convention of the script the name is written in, never the reader's side:
#   Japanese name, Japanese forms: 並木 心   (family␣given, as Japanese rolls print it)
#   Japanese name, Chinese forms:  并木心   (Chinese print never spaces a name)
#   Chinese name, Chinese forms:   单伟
#   Chinese name, Japanese forms:  単偉     (a Chinese name keeps its own unspaced form, as
#                                          Japanese newspapers print 習近平)
# The secretariat's own report of the 16th seminar (/work/shared/seed/) writes the Chinese
# side's names this way in Japanese: 「あいさつをする寥力強中国外交部外事管理司長」.
# So only a Japanese name in Japanese forms takes the space; a name in the other side's
# script (`cross_display_name`) is always written in one piece.


def _written(family: str, given: str, spaced: bool) -> str:
    """The given name alone when there is no family name (买买提·吐尔逊)."""
    if not family:
        return given
    return f"{family}{' ' if spaced else ''}{given}"


def display_name(side: str, family: str, given: str) -> str:
    """A name in its owner's own script: '並木 心' for the Japanese side, '单伟' for the
    Chinese side."""
    return _written(family, given, spaced=side == "japan")


def cross_display_name(family: str, given: str) -> str:
    """A name in the other side's script, whoever reads it: '并木心' for a Japanese
    delegate in Chinese forms, '単偉' for a Chinese delegate in Japanese forms (see the
    table above: neither side's name is spaced there, so the side is not asked)."""
    return _written(family, given, spaced=False)


def printed_readings(side: str, family_reading: str, given_reading: str) -> tuple[str, str]:
    """(family, given) kana readings that documents print with a name (badges, rolls).

    The Japanese side's only: a kanji name cannot be read without its kana, and its
    Hepburn Latin name drops the long vowels (さとう is SATO). A Chinese name's reading is
    pinyin, which the documents already print as its Latin name. Either part may be
    empty (a name imported without kana): nothing is printed for it.
    """
    if side != "japan":
        return "", ""
    return family_reading.strip(), given_reading.strip()


def display_reading(side: str, family_reading: str, given_reading: str) -> str:
    """'なみき こころ': the printed readings written out like the name, '' when none."""
    return " ".join(part for part in printed_readings(side, family_reading, given_reading) if part)


def crossed_side(language: str) -> str | None:
    """The side whose organisations a reader of `language` reads in the reader's own
    script: the other side's, as each side reads the other's names; none for English
    readers. The desk's scripts get it from the page (checkin, "desk-reader")."""
    reader = OWN_SIDE.get(language)
    return next((side for side in SIDES if side != reader), None) if reader else None


def organization_for_reader(
    side: str, organization: str, cross_organization: str, language: str
) -> tuple[str, str]:
    """(organisation, side whose script it is written in) as a reader of `language` reads
    it: a crossed side's organisation (`crossed_side`) in the reader's own script when it
    has a rendering (derived at registration or invitation, corrected in the console);
    else, and for English readers, as its people wrote it."""
    if side == crossed_side(language) and cross_organization:
        return cross_organization, OWN_SIDE[language]
    return organization, side
