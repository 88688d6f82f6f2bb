"""Font files: read with fontTools, cut down and registered with reportlab.

Helpers of `fonts`, which owns the policy (which face, which characters); kept apart so
each module reads in one sitting.
"""

from __future__ import annotations

import sys
from array import array
from io import BytesIO
from typing import TYPE_CHECKING

from .tounicode import install_tounicode_fix

if TYPE_CHECKING:  # reportlab loads when a document registers a face, not for coverage
    from reportlab.pdfbase import ttfonts


def open_face(path: str):
    """The face as a lazy fontTools TTFont, tables read only when asked for.

    The faces have no glyph names (post 3); fontTools would invent them from the cmap
    (~0.5 s a face), numbered ones do as well. Unread layout tables: reportlab uses none.
    """
    from fontTools.ttLib import TTFont  # only documents need it

    face = TTFont(path, lazy=True)
    count = face["maxp"].numGlyphs
    face.setGlyphOrder([".notdef", *(f"g{index}" for index in range(1, count))])
    for tag in ("GSUB", "GPOS", "GDEF", "BASE", "STAT", "vhea", "vmtx"):
        if tag in face:
            del face[tag]
    return face


def raw_advances(face) -> array:
    """hmtx's advance widths, read raw: fontTools' table object costs ~10 MB a face."""
    count = face["hhea"].numberOfHMetrics
    words = array("H", face.reader["hmtx"][: 4 * count])
    if sys.byteorder == "little":
        words.byteswap()  # TrueType is big-endian
    return words[0::2]  # (advance, left side bearing) pairs; later glyphs reuse the last


def register_subset(path: str, name: str, characters: set[str], number: int) -> ttfonts.TTFont:
    from fontTools import subset  # only documents need it

    options = subset.Options()
    options.layout_features = []  # reportlab neither reads nor embeds GSUB/GPOS
    options.hinting = False
    options.notdef_outline = True
    with open_face(path) as face:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[ord(c) for c in characters])
        subsetter.subset(face)
        # reportlab keys faces by PostScript name: a unique one keeps this subset from
        # being confused with the whole face or another job's subset
        for record in face["name"].names:
            if record.nameID == 6:
                record.string = f"{record.toUnicode()}-J{number}"
        data = BytesIO()
        face.save(data)
    data.seek(0)
    from reportlab.pdfbase import pdfmetrics, ttfonts

    font = ttfonts.TTFont(f"{name}~{number}", data)
    pdfmetrics.registerFont(font)
    install_tounicode_fix()
    return font


def unregister(font: ttfonts.TTFont) -> None:
    """reportlab cannot forget a font publicly; a web worker must not keep every job's."""
    from reportlab.pdfbase import pdfmetrics

    pdfmetrics._fonts.pop(font.fontName, None)
    pdfmetrics._dynFaceNames.pop(font.face.name, None)
