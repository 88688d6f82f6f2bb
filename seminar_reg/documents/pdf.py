"""PDF writing settings shared by every document."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config

Colour = tuple[float, float, float]


def rgb(code: str) -> Colour:
    """'#1F3F7A' as the 0..1 RGB triple reportlab's canvas takes."""
    return tuple(int(code[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


@contextmanager
def binary_streams() -> Iterator[None]:
    """Write content streams Flate-compressed only, without reportlab's default ASCII85
    layer: that layer makes every page 25% larger and its pure-Python encoder costs ~5 ms
    per page. reportlab reads the switch when the file is written, so it is set around
    the whole render and restored after.
    """
    previous = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = previous
