"""How long the command line takes to answer ``--help``, against a bare ``import flask``.

    .venv/bin/python benchmarks/cli_start.py [--runs 9] [--before REV]

Every measurement is a fresh interpreter (what a user waits for when they type a
command), run one after another in rotation so that load on the machine falls on all
of them alike; we report medians. The baseline is ``python -c "import flask"``: the
least any Flask command line can cost on this machine, measured in the same run.

``seminar-reg`` is the console script beside this interpreter when the package is
installed (``.venv/bin/seminar-reg``); otherwise ``python -m seminar_reg``, the same
entry point. ``--before REV`` also measures ``flask --app seminar_reg --help`` in a copy
of that git revision (``git archive``), to compare with an older version in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FLASK_HELP = ["--app", "seminar_reg", "--help"]


def seminar_reg_command() -> list[str]:
    script = BIN / "seminar-reg"
    return [str(script)] if script.exists() else [sys.executable, "-m", "seminar_reg"]


def flask_command() -> list[str]:
    script = BIN / "flask"
    return [str(script)] if script.exists() else [sys.executable, "-m", "flask"]


def run_once(argv: list[str], checkout: Path) -> float:
    # A production-like environment: start-up refuses to run without a real key.
    env = dict(os.environ, PYTHONPATH=str(checkout), SECRET_KEY="b" * 64)
    env.pop("DATABASE_URL", None)
    started = time.perf_counter()
    subprocess.run(argv, env=env, cwd=checkout, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def export_revision(revision: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", revision], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def cases(before: Path | None) -> list[tuple[str, list[str], Path]]:
    listed = [
        ('python -c "import flask" (baseline)', [sys.executable, "-c", "import flask"], ROOT),
        ("seminar-reg --help", [*seminar_reg_command(), "--help"], ROOT),
        ("seminar-reg badges --help", [*seminar_reg_command(), "badges", "--help"], ROOT),
        ("flask --app seminar_reg --help", [*flask_command(), *FLASK_HELP], ROOT),
    ]
    if before is not None:
        listed.append(
            (
                "flask --app seminar_reg --help, before",
                [*flask_command(), *FLASK_HELP],
                before,
            )
        )
    return listed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", help="git revision to compare with (e.g. 03f1a6c)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        before = export_revision(args.before, Path(scratch)) if args.before else None
        measured = cases(before)
        for _label, argv, checkout in measured:  # warm the page cache and .pyc files
            run_once(argv, checkout)
        times: dict[str, list[float]] = {label: [] for label, _, _ in measured}
        for _ in range(args.runs):
            for label, argv, checkout in measured:
                times[label].append(run_once(argv, checkout))
    baseline = statistics.median(times[measured[0][0]])
    print(f"{'command':<42} {'runs':>4} {'median s':>9} {'min s':>7} {'x baseline':>10}")
    for label, values in times.items():
        median = statistics.median(values)
        print(
            f"{label:<42} {len(values):>4} {median:>9.2f} {min(values):>7.2f} "
            f"{median / baseline:>10.2f}"
        )
    if args.before:
        label = "flask --app seminar_reg --help, before"
        share = statistics.median(times["seminar-reg --help"]) / statistics.median(times[label])
        verdict = "met" if share < 1 / 3 else "NOT met"
        print(f"seminar-reg --help / before ({args.before}) = {share:.2f} (< 0.33: {verdict})")


if __name__ == "__main__":
    main()
