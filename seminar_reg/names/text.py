"""Input hygiene for name and organisation fields.

Why this exists: people's names are identity data.  A registrant whose passport
says 髙橋 (U+9AD9) or 山﨑 (U+FA11) must get exactly that glyph on the badge,
so cleaning may only remove what is certainly noise.

Policy
------
* ``clean_text`` applies Unicode NFC and strips surrounding whitespace (ASCII
  and ideographic U+3000 alike).  Never NFKC, case folding or width folding.
* NFC has one trap for CJK: the *CJK Compatibility Ideographs* (U+F900–U+FAFF,
  U+2F800–U+2FA1F) have singleton canonical decompositions, so NFC silently
  replaces e.g. 塚 U+FA10 by 塚 U+585A or 神 U+FA19 by 神 U+795E.  Those code
  points exist precisely because registries (JIS X 0213, Korean KS X 1001)
  distinguish the glyphs, so we keep them as typed and normalise only the text
  between them.  This is safe: ideographs have combining class 0 and never
  compose with neighbours.  The 12 unified ideographs living in that block
  (﨎 﨏 﨑 﨓 﨔 﨟 﨡 﨣 﨤 﨧 﨨 﨩) are unaffected by NFC anyway.
* ``find_control_character`` rejects characters that are invisible or that
  change how surrounding text is displayed, because they let two visually
  identical names differ (breaking search and de-duplication) or reorder text
  on a printed badge:

  - C0/C1 controls and DEL (category Cc).  Tab/CR/LF are allowed only when the
    caller says the field is multi-line.
  - Lone surrogates (Cs): cannot be encoded as UTF-8 and crash the database
    driver later.
  - Format characters (Cf): bidi embeddings/overrides/isolates U+202A–U+202E,
    U+2066–U+2069, LRM/RLM/ALM, zero-width space U+200B, word joiner, BOM
    U+FEFF, soft hyphen, tag characters ... -- except ZWJ U+200D and ZWNJ
    U+200C, which are spelling-relevant in some scripts.
  - Line/paragraph separators U+2028/U+2029 (single-line fields only).
  - Non-characters (U+FDD0–U+FDEF, U+xxFFFE/U+xxFFFF).

  Variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF; category Mn) are
  deliberately *allowed*: Japanese names use Ideographic Variation Sequences
  to pick e.g. the 辻 with one or two dots.  Private-use characters are allowed
  too (legacy gaiji); they are not controls, though they may not render.
"""

from __future__ import annotations

import unicodedata

__all__ = [
    "ControlCharacterError",
    "clean_text",
    "find_control_character",
    "is_compatibility_ideograph",
    "require_clean_text",
]

_ALLOWED_FORMAT = frozenset({"\u200c", "\u200d"})  # ZWNJ, ZWJ
_MULTILINE_ALLOWED = frozenset({"\t", "\n", "\r"})


class ControlCharacterError(ValueError):
    """Raised when a field contains a forbidden control/format character."""

    def __init__(self, char: str) -> None:
        self.char = char
        name = unicodedata.name(char, "unnamed")
        super().__init__(f"forbidden character U+{ord(char):04X} ({name})")


def is_compatibility_ideograph(char: str) -> bool:
    """True for code points in the CJK Compatibility Ideographs blocks that NFC would change."""
    cp = ord(char)
    in_block = 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F
    return in_block and unicodedata.normalize("NFC", char) != char


def clean_text(value: str) -> str:
    """Return *value* NFC-normalised and stripped, preserving compatibility ideographs.

    See the module docstring for why compatibility ideographs are kept.
    """
    if value.isascii() or unicodedata.is_normalized("NFC", value):
        # Nothing for NFC to change, so no compatibility ideograph either (each has its
        # singleton decomposition): the usual case, answered without the walk below.
        return value.strip()
    parts: list[str] = []
    start = 0
    for i, char in enumerate(value):
        if is_compatibility_ideograph(char):
            parts.append(unicodedata.normalize("NFC", value[start:i]))
            parts.append(char)
            start = i + 1
    parts.append(unicodedata.normalize("NFC", value[start:]))
    return "".join(parts).strip()


def _is_noncharacter(cp: int) -> bool:
    return 0xFDD0 <= cp <= 0xFDEF or (cp & 0xFFFE) == 0xFFFE


def find_control_character(value: str, *, multiline: bool = False) -> str | None:
    """Return the first forbidden character in *value*, or None if it is acceptable.

    ``multiline=True`` additionally allows TAB, CR and LF (for free-text notes),
    and U+2028/U+2029.
    """
    if value.isprintable():
        # No character of Cc, Cf, Cs, Zl, Zp or unassigned (the non-characters are): none
        # refused, known in one pass in C, the usual case.
        return None
    for char in value:
        if multiline and char in _MULTILINE_ALLOWED:
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs"):
            return char
        if category == "Cf" and char not in _ALLOWED_FORMAT:
            return char
        if category in ("Zl", "Zp") and not multiline:
            return char
        if _is_noncharacter(ord(char)):
            return char
    return None


def require_clean_text(value: str, *, multiline: bool = False) -> str:
    """Clean *value* and raise ControlCharacterError if a forbidden character remains."""
    cleaned = clean_text(value)
    bad = find_control_character(cleaned, multiline=multiline)
    if bad is not None:
        raise ControlCharacterError(bad)
    return cleaned


def without_control_characters(value: str | None) -> str:
    """*value* less every character find_control_character refuses: for search text,
    which must never fail (PostgreSQL refuses NUL in a query outright) and can lose
    nothing, since no stored name holds such a character."""
    return "".join(char for char in value or "" if find_control_character(char) is None)
