"""gunicorn settings for benchmarks/first_request.py: each worker, once it has loaded
the app and is about to take requests, leaves a file named after its pid in
$WORKER_READY_DIRECTORY, so the benchmark asks a fresh worker only when it is ready."""

import os
from pathlib import Path


def post_worker_init(worker) -> None:
    (Path(os.environ["WORKER_READY_DIRECTORY"]) / str(worker.pid)).touch()
