"""reportlab 5.1 writes a broken ToUnicode CMap entry for characters outside the Basic
Multilingual Plane (``<20BB7>`` instead of the UTF-16BE surrogate pair ``<D842DFB7>``), so
text extraction/copy-paste of 𠮷 yields garbage although it draws correctly. `fonts`
installs the corrected CMap writer below whenever it registers a face.
"""

from __future__ import annotations

from collections.abc import Sequence

# --- ToUnicode fix --------------------------------------------------------------------------


def _utf16be_hex(code_point: int) -> str:
    """Hex of the UTF-16BE encoding: one unit in the BMP, a surrogate pair above it."""
    return chr(code_point).encode("utf-16-be").hex().upper()


def make_tounicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's `ttfonts.makeToUnicodeCMap`, with correct entries outside the BMP.

    The PDF spec (9.10.3) requires bfchar destinations as UTF-16BE; reportlab formats the
    code point with ``%04X``, which is only right up to U+FFFF.
    """
    entries = [f"<{code:02X}> <{_utf16be_hex(cp)}>" for code, cp in enumerate(subset)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


def install_tounicode_fix() -> None:
    """Replace reportlab's CMap writer, but only while it still has the non-BMP bug.

    `TTFont.addObjects` looks the writer up as a module global at call time, so replacing
    the global is enough; no reportlab code is copied. The probe keeps us from overriding
    a future reportlab that has fixed the bug itself. The patch changes nothing for BMP
    characters, so it is safe for any other reportlab user in the process.
    """
    from reportlab.pdfbase import ttfonts  # documents only: forms check fonts without it

    current = ttfonts.makeToUnicodeCMap
    if current is make_tounicode_cmap:
        return
    if "<20BB7>" in current("probe", [0, 0x20BB7]):
        ttfonts.makeToUnicodeCMap = make_tounicode_cmap
