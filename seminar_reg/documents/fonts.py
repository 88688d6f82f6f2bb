"""Font handling for generated documents: the one place that knows about typefaces.

Japanese-side text is set in Noto Sans JP and Chinese-side text in Noto Sans SC. Both
faces encode the same Han code points but draw them differently (e.g. 骨, 直, 今), so a
Japanese reader must see Japanese glyph forms for their own name and a Chinese reader
Chinese forms. Each side's face is backed by the other side's face as a fallback: the JP
face lacks simplified-only characters (买, 辽, 㛃), the SC face lacks e.g. 𠮷 (U+20BB7).

Coverage and widths come from each face's cmap and hmtx, read with fontTools. Documents
drawn inside `subset_job` (badges) register only the faces they draw, cut down by
fontTools to the job's characters; others use the whole faces, registered once per
process (`register_fonts`).

Characters no font can draw (the policy every document follows): nothing is ever drawn
as a box or dropped silently. A text that heads a document or every item of it (titles,
labels, headings) must be drawable, or the document is refused with MissingGlyphError.
A person's own field that cannot be drawn is an `UndrawableField`: a badge run skips
that person's badge and reports it (the others print); a roll prints the row without
that field and reports it (a name falls back to the Latin name, else the id); the
logistics lists, which drivers and the kitchen need whole, are refused with
MissingGlyphError naming the character; so are the formal invitation letters, with
`letters.content.UndrawableLetterError` naming every person (or organisation) and
character, since an official letter with a name left out is no letter. Staff see it as
`describe_character` words it.
So that these stay rare, the forms (registration, /my, the console's edit, the import's
rows) refuse such a character when it is typed, with `unprintable_characters`, the same
coverage check over both faces (`fields.printable`).

reportlab 5.1 writes a broken ToUnicode CMap entry for characters outside the Basic
Multilingual Plane; registering a face installs the corrected writer from `tounicode`.
"""

from __future__ import annotations

import itertools
import os
import threading
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib.util import find_spec
from typing import TYPE_CHECKING

from ..vocabulary import SIDES
from . import font_files
from .tounicode import install_tounicode_fix
from .tounicode import make_tounicode_cmap as make_tounicode_cmap  # known from here

if TYPE_CHECKING:  # reportlab loads with the first document: forms check coverage without it
    from reportlab.pdfbase import ttfonts
    from reportlab.pdfgen.canvas import Canvas

_FONT_DIR = os.path.join(
    os.path.dirname(find_spec("pretix_fontpackfree").origin), "static", "pretix_fontpackfree"
)

# registered name -> file name inside pretix_fontpackfree
_FONT_FILES = {
    "NotoSansJP": "Noto-Sans-JP_v56_regular.ttf",
    "NotoSansJP-Bold": "Noto-Sans-JP_v56_bold.ttf",
    "NotoSansSC": "Noto-Sans-SC_v40_regular.ttf",
    "NotoSansSC-Bold": "Noto-Sans-SC_v40_bold.ttf",
}
_SIDE_FONTS = {
    ("japan", False): "NotoSansJP",
    ("japan", True): "NotoSansJP-Bold",
    ("china", False): "NotoSansSC",
    ("china", True): "NotoSansSC-Bold",
}

Run = tuple[str, str]  # (font name, text)


class MissingGlyphError(ValueError):
    """A string contains a character that no font in the chain can draw."""

    def __init__(self, text: str, character: str) -> None:
        self.text = text
        self.character = character
        super().__init__(f"no font has {describe_character(character)} (in {text!r})")


@dataclass(frozen=True)
class UndrawableField:
    """A person's field holding a character no font has (see the policy above)."""

    delegate_id: int | str
    name: str
    field: str
    character: str


def describe_character(character: str) -> str:
    """'U+E000 '\\ue000' (PRIVATE USE)' style label for messages shown to staff."""
    name = unicodedata.name(character, unicodedata.category(character))
    return f"U+{ord(character):04X} {character!r} ({name})"


# --- registration and cmaps ---------------------------------------------------------------

_register_lock = threading.Lock()


@cache
def _registered() -> dict[str, ttfonts.TTFont]:
    from reportlab.pdfbase import pdfmetrics, ttfonts

    fonts = {}
    for name, filename in _FONT_FILES.items():
        font = ttfonts.TTFont(name, os.path.join(_FONT_DIR, filename))
        pdfmetrics.registerFont(font)
        fonts[name] = font
    install_tounicode_fix()
    return fonts


def register_fonts() -> dict[str, ttfonts.TTFont]:
    """Parse and register the four faces once per process; later calls are free."""
    with _register_lock:  # parsing takes ~0.4 s; two threads must not both do it
        return _registered()


def font_chain(side: str, bold: bool = False) -> list[str]:
    """Font names for text of `side`: its own face first, the other as fallback. Outside a
    `subset_job` the whole faces are registered, so the names can be drawn right away."""
    if side not in SIDES:
        raise ValueError(f"unknown side {side!r}; expected one of {SIDES}")
    if _job.get() is None:
        register_fonts()
    other = "china" if side == "japan" else "japan"
    return [_SIDE_FONTS[(side, bold)], _SIDE_FONTS[(other, bold)]]


@cache
def _metrics(font_name: str) -> tuple[dict[int, float], float]:
    """(advance per code point in 1/1000 em, .notdef's advance) from cmap and hmtx only.

    Mirrors reportlab's reading (best Unicode cmap, glyph 0 left out, NBSP and space
    sharing a glyph when only one is mapped), so widths match what it draws.
    """
    with font_files.open_face(_path(font_name)) as face:
        advances = font_files.raw_advances(face)
        scale = 1000 / face["head"].unitsPerEm
        widths = {
            code: advances[min(int(glyph[1:]), len(advances) - 1)] * scale
            for code, glyph in face.getBestCmap().items()
            if glyph != ".notdef"  # the others are named g<id> by _open_face
        }
        default = advances[0] * scale
    for code, twin in ((0xA0, 0x20), (0x20, 0xA0)):
        if code not in widths and twin in widths:
            widths[code] = widths[twin]
    return widths, default


def _cmap(font_name: str) -> dict[int, float]:
    return _metrics(font_name)[0]


_advances = _metrics


# --- per-job subsets ----------------------------------------------------------------------


class _SubsetJob:
    """The characters one document may draw, and the faces registered for it so far."""

    def __init__(self, characters: set[str]) -> None:
        self.characters = characters
        self.registered: dict[str, ttfonts.TTFont] = {}

    def font(self, name: str, run: str) -> str:
        if not self.characters.issuperset(run):
            # the caller forgot a string; drawing it would print boxes
            raise ValueError(f"{run!r} is not among this job's characters")
        if name not in self.registered:
            self.registered[name] = _register_subset(name, self.characters)
        return self.registered[name].fontName


_job: ContextVar[_SubsetJob | None] = ContextVar("font_subset_job", default=None)
_job_numbers = itertools.count(1)


def _path(font_name: str) -> str:
    return os.path.join(_FONT_DIR, _FONT_FILES[font_name])


def _register_subset(name: str, characters: set[str]) -> ttfonts.TTFont:
    return font_files.register_subset(_path(name), name, characters, next(_job_numbers))


@contextmanager
def subset_job(texts: Iterable[str]) -> Iterator[_SubsetJob]:
    """Draw a document using faces cut down to the characters of `texts` (every string it
    may draw). Faces are parsed when first drawn, so unused faces are never loaded; the
    subsets are dropped from reportlab's registry when the job ends."""
    job = _SubsetJob({character for text in texts for character in text} | {" "})
    token = _job.set(job)
    try:
        yield job
    finally:
        _job.reset(token)
        for font in job.registered.values():
            font_files.unregister(font)


def pdf_font(name: str, run: str = "") -> str:
    """The registered name to draw `run` in face `name` with (a job's subset, if any)."""
    job = _job.get()
    if job is None:
        register_fonts()
        return name
    return job.font(name, run)


# --- runs, coverage, widths ---------------------------------------------------------------


def _is_neutral(character: str) -> bool:
    """Spaces, punctuation and symbols: they may stay in the surrounding run's font."""
    return unicodedata.category(character)[0] in "ZPS"


def split_runs(text: str, chain: Sequence[str]) -> list[Run]:
    """Split `text` into (font, text) runs, each character in the first font of `chain` that
    has it. Neutral characters (spaces, punctuation) stay in the current run's font when
    that font has them, so "买买提·吐尔逊" is one run rather than three.

    Iterates over code points (Python str), so characters outside the BMP are whole.
    Characters no font has go to the first font (they would draw as .notdef boxes; call
    `missing_characters` first).
    """
    cmaps = [(name, _cmap(name)) for name in chain]
    runs: list[Run] = []
    current_font: str | None = None
    current: list[str] = []
    for character in text:
        code = ord(character)
        font = _font_for(code, character, cmaps, current_font)
        if font != current_font and current:
            runs.append((current_font, "".join(current)))  # type: ignore[arg-type]
            current = []
        current_font = font
        current.append(character)
    if current:
        runs.append((current_font, "".join(current)))  # type: ignore[arg-type]
    return runs


def _font_for(
    code: int, character: str, cmaps: list[tuple[str, dict[int, int]]], current: str | None
) -> str:
    if current is not None and _is_neutral(character):
        for name, cmap in cmaps:
            if name == current and code in cmap:
                return current
    for name, cmap in cmaps:
        if code in cmap:
            return name
    return cmaps[0][0]


def missing_characters(text: str, chain: Sequence[str]) -> list[str]:
    """Distinct characters of `text` that no font in `chain` can draw, in order of appearance."""
    cmaps = [_cmap(name) for name in chain]
    missing: list[str] = []
    for character in dict.fromkeys(text):  # each once (a form checks every field's text)
        code = ord(character)
        for cmap in cmaps:
            if code in cmap:
                break
        else:
            missing.append(character)
    return missing


# Both faces: every document draws a person's text in one side's face with the other as
# fallback, so what neither has is what no document can print.
_ALL_FACES = ("NotoSansJP", "NotoSansSC")


def unprintable_characters(text: str) -> list[str]:
    """Characters of `text` no document can draw, for forms to refuse as they are typed.

    The same coverage the badges and rolls check (`missing_characters` over both faces),
    so a name the form accepts prints. Only the cmaps are read (about 0.2 s, once per
    process, no reportlab font registered); then it is a set look-up per character.
    Printable ASCII is in both faces and is and answered without reading any font.
    """
    if text.isascii() and text.isprintable():
        return []
    return missing_characters(text, _ALL_FACES)


def check_characters(text: str, chain: Sequence[str]) -> None:
    """Raise MissingGlyphError for the first character of `text` no font can draw."""
    missing = missing_characters(text, chain)
    if missing:
        raise MissingGlyphError(text, missing[0])


def run_width(font_name: str, text: str, size: float) -> float:
    """Advance width of `text` in one font, in points (no kerning, as reportlab draws it)."""
    widths, default = _advances(font_name)
    # reportlab maps NBSP to space when drawing; measure it the same way
    return sum(widths.get(32 if c == "\xa0" else ord(c), default) for c in text) * size / 1000


def string_width(text: str, chain: Sequence[str], size: float) -> float:
    """Width of `text` drawn with `draw_text` in `chain` at `size` points."""
    return sum(run_width(font, run, size) for font, run in split_runs(text, chain))


def draw_text(
    canvas: Canvas, x: float, y: float, text: str, chain: Sequence[str], size: float
) -> float:
    """Draw `text` with its baseline starting at (x, y), switching fonts per run.

    One BT/ET text object for all runs keeps the content stream small. Returns the width
    drawn, so callers can continue on the same line.
    """
    runs = split_runs(text, chain)
    text_object = canvas.beginText(x, y)
    for font, run in runs:
        text_object.setFont(pdf_font(font, run), size)
        text_object.textOut(run)
    canvas.drawText(text_object)
    return sum(run_width(font, run, size) for font, run in runs)


def run_advances(font_name: str, text: str) -> list[float]:
    """Per-character advance widths of `text` in one font, in 1/1000 em."""
    widths, default = _advances(font_name)
    return [widths.get(32 if c == "\xa0" else ord(c), default) for c in text]
