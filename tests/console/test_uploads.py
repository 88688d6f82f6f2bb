"""Import files kept between preview and commit: abandoned previews do not stay."""

from __future__ import annotations

import os
import time

from seminar_reg.console import uploads


def test_previews_nobody_commits_are_deleted_after_a_while(app):
    with app.test_request_context():
        old = uploads.keep(b"side,family_name\n", "old.csv")
        fresh = uploads.keep(b"side,family_name\n", "fresh.csv")
        directory = uploads._directory()
        hours_ago = time.time() - uploads.MAX_AGE_SECONDS - 60
        os.utime(directory / old, (hours_ago, hours_ago))
        newest = uploads.keep(b"side,family_name\n", "new.xlsx")  # keeping one sweeps
        assert uploads.read(old) is None
        assert uploads.read(fresh) is not None and uploads.read(newest) is not None
        assert uploads.discard_abandoned(now=time.time() + uploads.MAX_AGE_SECONDS + 60) == 2
        assert list(directory.iterdir()) == []
