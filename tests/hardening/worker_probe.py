"""gunicorn settings for tests/hardening/test_warm_start.py: each worker reports, in
$WORKER_PROBE_DIRECTORY, the modules it holds when it starts taking requests
(``<pid>-ready.json``) and after each request (``<pid>.json``, with the count)."""

import json
import os
import sys
from pathlib import Path

_answered = 0


def _report(name: str, worker, **extra) -> None:
    target = Path(os.environ["WORKER_PROBE_DIRECTORY"]) / name
    report = {"modules": sorted(sys.modules), "preloaded": worker.cfg.preload_app, **extra}
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps(report))
    partial.replace(target)  # the test never reads half a report


def post_worker_init(worker) -> None:
    _report(f"{worker.pid}-ready.json", worker)


def post_request(worker, req, environ, resp) -> None:
    global _answered
    _answered += 1
    _report(f"{worker.pid}.json", worker, answered=_answered)
