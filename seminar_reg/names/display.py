"""How a name is written out in its own script."""

from __future__ import annotations


def display_name(side: str, family: str, given: str) -> str:
    """'並木 心' for the Japanese side, '单伟' for the Chinese side, the given name alone
    when there is no family name (买买提·吐尔逊)."""
    if not family:
        return given
    separator = " " if side == "japan" else ""
    return f"{family}{separator}{given}"
