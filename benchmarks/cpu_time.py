"""The CPU a command uses with every process it starts, Chromium's renderers included.

    python benchmarks/cpu_time.py CI=true bash .ci/run
    python benchmarks/cpu_time.py .venv/bin/python -m pytest tests/browser -n 2

`/usr/bin/time` adds a child's CPU to its parent only when the parent waits for it, so
it misses every process whose parent exits first. Chromium's renderers and GPU process
are children of its zygote, which does not wait for them: `time` counted 132 s for the
browser tests where they used 289 s. This script marks itself a child subreaper
(Linux's PR_SET_CHILD_SUBREAPER): such orphans become its children, it waits for each,
and the CPU it reports is the whole tree's (user + system, like `time`'s sum).
Leading NAME=value words are set in the command's environment.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(argv: list[str]) -> int:
    environment = dict(os.environ)
    while argv and "=" in argv[0] and not argv[0].startswith("-"):
        name, _, value = argv.pop(0).partition("=")
        environment[name] = value
    if not argv:
        sys.exit(__doc__)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        sys.exit("cpu_time.py: this system cannot adopt orphaned processes (Linux only)")
    started = time.monotonic()
    code = subprocess.run(argv, env=environment, check=False).returncode
    wall = time.monotonic() - started
    _reap_orphans()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"cpu_time.py: {used.ru_utime + used.ru_stime:.1f} s CPU "
        f"({used.ru_utime:.1f} user + {used.ru_stime:.1f} system), "
        f"{wall:.1f} s wall, exit status {code}",
        file=sys.stderr,
    )
    return code


def _reap_orphans(patience: float = 30.0) -> None:
    """Wait for every adopted process (each adds its CPU to ours when it is reaped); one
    still running after `patience` seconds (a server left behind) is named and left."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.1)
    left = [pid for pid in os.listdir("/proc") if pid.isdigit() and _parent(pid) == os.getpid()]
    print(f"cpu_time.py: not counted, still running: {', '.join(left)}", file=sys.stderr)


def _parent(pid: str) -> int:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
