"""PDF writing settings shared by every document."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config


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
