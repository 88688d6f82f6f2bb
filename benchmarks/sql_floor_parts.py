"""What each of the product's rules adds to the registration's SQL floor, in one process.

    .venv/bin/python benchmarks/sql_floor_parts.py [--database sqlite|postgresql] [--count 300]

Two databases prepared as benchmarks/requests.py prepares its first one; on the second the
delegate's and attendance's triggers (headcounts, migration 0017; search tokens, 0019) are
removed (SQLite: dropped; PostgreSQL: disabled). Called directly on an engine, no HTTP and
no Flask, alternating: a bare INSERT of one row, the SQL floor (benchmarks/floor.py's
RegistrationStatements: the seminar and items read, the items' lock, the delegate, the
place, the mail row, one COMMIT), the same without the lock, without the mail row, without
the triggers, and without all three. Printed: median CPU and wall time of each and the
ratio to the bare INSERT; the differences are what each rule costs at the database layer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "benchmarks"]
sys.path.insert(0, str(ROOT))

from benchmarks import requests as bench  # noqa: E402
from benchmarks.floor import RegistrationStatements  # noqa: E402
from benchmarks.load_registrations import fresh_postgresql, fresh_sqlite  # noqa: E402


def _without_triggers(engine) -> None:
    from sqlalchemy import text

    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            names = connection.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
            for (name,) in names.all():
                connection.execute(text(f'DROP TRIGGER "{name}"'))
        else:
            for table in ("delegate", "attendance"):
                connection.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER USER"))


def measure(urls: tuple[str, str], count: int) -> None:
    from sqlalchemy import create_engine

    from seminar_reg.registration.demo import demo_delegates

    people = demo_delegates(500, 500)
    for url in urls:
        bench.prepare_database(url, people)
    with bench._app(urls[0]).app_context():  # the app's tables (schema) for the statements
        rules, bare_rules = (create_engine(url) for url in urls)
        _without_triggers(bare_rules)
        table = bench._bare_table()

        def insert():
            with rules.begin() as connection:
                connection.execute(table.insert().values(v="0" * 32))

        asks = {
            "bare INSERT": insert,
            "SQL floor": RegistrationStatements(rules),
            "  without the lock": RegistrationStatements(rules, lock=False),
            "  without the mail row": RegistrationStatements(rules, mail=False),
            "  without the triggers": RegistrationStatements(bare_rules),
            "  without all three": RegistrationStatements(bare_rules, lock=False, mail=False),
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in asks}
        for round_ in range(count + 10):  # the first 10: warm-up
            for name, ask in asks.items():
                cpu, wall = time.process_time(), time.perf_counter()
                ask()
                if round_ >= 10:
                    times[name].append((time.process_time() - cpu, time.perf_counter() - wall))
    base_cpu = statistics.median(cpu for cpu, _wall in times["bare INSERT"])
    base_wall = statistics.median(wall for _cpu, wall in times["bare INSERT"])
    for name, values in times.items():
        cpu = statistics.median(c for c, _w in values)
        wall = statistics.median(w for _c, w in values)
        print(
            f"{name:<24} CPU {cpu * 1000:6.3f} ms ({cpu / base_cpu:4.2f}x)   "
            f"wall {wall * 1000:6.3f} ms ({wall / base_wall:4.2f}x)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    fresh = fresh_postgresql if args.database == "postgresql" else fresh_sqlite
    with fresh() as first, fresh() as second:
        print(f"== {args.database}: {args.count} of each, alternating, in one process ==")
        measure((first, second), args.count)
    return 0


if __name__ == "__main__":
    sys.exit(main())
