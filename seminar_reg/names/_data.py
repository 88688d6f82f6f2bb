"""Loading of the reviewed override tables shipped in ``seminar_reg/names/data``.

Why TSV: the tables are reviewed by humans (interpreters, protocol staff), so
each line is ``source<TAB>target<TAB>comment`` and diffs stay readable.  Lines
starting with ``#`` and blank lines are ignored.  Every data line must carry a
comment so that a reviewer can tell why the override exists.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


class DataFileError(ValueError):
    """A data table is malformed (wrong column count, duplicate key, missing comment)."""


class Table(dict[str, str]):
    """A ``{source: target}`` mapping that remembers its longest key for fast scanning."""

    max_key_len: int = 0


@cache
def load_table(filename: str) -> Table:
    """Return ``{source: target}`` from a three-column TSV file in the data directory.

    Cached: the files are read once per process.
    """
    table = Table()
    path = DATA_DIR / filename
    with path.open(encoding="utf-8") as handle:
        for lineno, raw in enumerate(handle, start=1):
            line = raw.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            columns = line.split("\t")
            if len(columns) != 3 or not all(c.strip() for c in columns):
                raise DataFileError(f"{filename}:{lineno}: expected source, target, comment")
            source, target, _comment = (c.strip() for c in columns)
            if source in table:
                raise DataFileError(f"{filename}:{lineno}: duplicate entry {source!r}")
            table[source] = target
    table.max_key_len = max((len(key) for key in table), default=0)
    return table


def longest_match_segments(text: str, table: Table) -> list[tuple[str, bool]]:
    """Split *text* into ``(segment, overridden)`` pairs using longest-match on *table*.

    Overridden segments are already replaced by their target; the others are
    returned verbatim for the caller to convert.
    """
    if not text:
        return []
    max_len = table.max_key_len
    if max_len == 0:
        return [(text, False)]
    segments: list[tuple[str, bool]] = []
    pending: list[str] = []
    i = 0
    while i < len(text):
        for length in range(min(max_len, len(text) - i), 0, -1):
            target = table.get(text[i : i + length])
            if target is not None:
                if pending:
                    segments.append(("".join(pending), False))
                    pending = []
                segments.append((target, True))
                i += length
                break
        else:
            pending.append(text[i])
            i += 1
    if pending:
        segments.append(("".join(pending), False))
    return segments
