"""QR codes as vector paths: one filled path of merged rectangles per code.

segno computes the matrix; we draw it ourselves instead of using reportlab's QR widget
(segno is ~3.6x faster) or a raster image (vector prints crisp at any scale). Dark
modules are merged into horizontal runs, and identical runs in consecutive rows into
taller rectangles, which roughly halves the number of `re` operators compared with
one square per module.
"""

from __future__ import annotations

import re

import segno
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white the QR spec asks for around the symbol

# segno's automatic mask choice scores all eight masks in pure Python: ~3.2 of its ~3.9 ms
# per code, which alone would use up most of the 10,000-badge time budget. Any mask gives
# a standard-conforming symbol (readers take the mask from the format information); the
# scoring only avoids rare finder-like patterns. Every test badge is decoded with zxing.
DEFAULT_MASK = 2

_DARK_RUN = re.compile(rb"\x01+")


def qr_matrix(data: str, *, mask: int | None = DEFAULT_MASK) -> tuple[bytearray, ...]:
    """Module matrix (rows top to bottom, 1 = dark) for `data`, error correction M.

    `mask=None` lets segno evaluate all eight masks (~4 ms per code); see DEFAULT_MASK.
    """
    return segno.make_qr(data, error="m", boost_error=False, mask=mask).matrix


def _rectangles(matrix: tuple[bytearray, ...]) -> list[tuple[int, int, int, int]]:
    """(x, y_top, width, height) in modules, rows merged where runs repeat."""
    done: list[tuple[int, int, int, int]] = []
    open_runs: dict[tuple[int, int], int] = {}  # (x, width) -> first row
    for row_index, row in enumerate(matrix):
        runs = _row_runs(row)
        for key, first_row in list(open_runs.items()):
            if key not in runs:
                done.append((key[0], first_row, key[1], row_index - first_row))
                del open_runs[key]
        for key in runs:
            open_runs.setdefault(key, row_index)
    for (x, width), first_row in open_runs.items():
        done.append((x, first_row, width, len(matrix) - first_row))
    return done


def _row_runs(row: bytearray) -> set[tuple[int, int]]:
    """(x, width) of each run of dark modules; the regex scan runs in C."""
    return {(match.start(), match.end() - match.start()) for match in _DARK_RUN.finditer(row)}


def draw_qr(canvas: Canvas, matrix: tuple[bytearray, ...], x: float, y: float, size: float) -> None:
    """Draw the symbol (without quiet zone) in the square [x, x+size] x [y, y+size].

    Coordinates are written in module units under one `cm` transform, so every
    rectangle is a few small integers: compact content streams for thousands of badges.
    """
    modules = len(matrix)
    scale = size / modules
    ops = [f"q 0 g {scale:.4f} 0 0 {-scale:.4f} {x:.3f} {y + size:.3f} cm"]
    ops.extend(f"{rx} {ry} {w} {h} re" for rx, ry, w, h in _rectangles(matrix))
    ops.append("f Q")
    canvas.addLiteral("\n".join(ops))
