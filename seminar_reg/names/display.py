"""How a name is written out in its own script, and the reading printed with it."""

from __future__ import annotations


def display_name(side: str, family: str, given: str) -> str:
    """'並木 心' for the Japanese side, '单伟' for the Chinese side, the given name alone
    when there is no family name (买买提·吐尔逊)."""
    if not family:
        return given
    separator = " " if side == "japan" else ""
    return f"{family}{separator}{given}"


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
