"""A contact adding a member: the answer's time and statements for an address registered
already beside a new one (``delegations.joining``: the contact must not tell them apart).

Runs the real app in this process against a fresh SQLite file or PostgreSQL database,
seeded with the 165 demo delegates (the registered addresses). One contact adds members
through POST /delegation/members, alternating a registered and a new address, each with
the same typed name and items; the time is the request's as the test client runs it,
to its answer (the mail after it, written to a temporary outbox, is not timed).
Baseline: the new address, same run.

    .venv/bin/python benchmarks/delegation_answer.py [--rounds 60] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_rows import database  # noqa: E402  (the same fresh database, either kind)

TYPED = {
    "family_name": "八木", "given_name": "心", "family_reading": "やぎ",
    "given_reading": "こころ", "title": "係長", "role": "delegate", "dietary": "none",
    "item_codes": ["plenary"], "consent": "y",
}  # fmt: skip


def run(kind: str, rounds: int) -> None:
    from flask_migrate import upgrade

    from seminar_reg import create_app
    from seminar_reg.delegations import operations
    from seminar_reg.extensions import db
    from seminar_reg.program.models import Seminar
    from seminar_reg.program.seeding import seed_program
    from seminar_reg.registration.demo import demo_delegates
    from seminar_reg.registration.operations import register_many

    with database(kind) as url, tempfile.TemporaryDirectory() as outbox:
        app = create_app({
            "SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secrets.token_hex(32),
            "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False,
            "OUTBOX_DIRECTORY": outbox, "PUBLIC_URL": "http://bench.example",
        })  # fmt: skip
        with app.app_context():
            upgrade()
            seed_program()
            seminar = db.session.query(Seminar).filter_by(is_current=True).one()
            people = demo_delegates()
            register_many(seminar, people, source="import")
            registered = [person.email for person in people if person.side == "japan"]
            organization = operations.organization_for("japan", "東京都羽村市", "local_government")
            _invitation, link = operations.invite(
                seminar, organization, "tanto@hamura.example.jp", language="ja", actor="bench",
            )  # fmt: skip
            statements: list[int] = []
            event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
        client = app.test_client()
        client.get(link.split("bench.example", 1)[1])
        samples: dict[str, list[tuple[float, int]]] = {"registered": [], "new": []}
        for n in range(min(rounds, len(registered))):
            for name, email in (("registered", registered[n]), ("new", f"new{n}@bench.example")):
                statements.clear()
                start = time.perf_counter()
                response = client.post("/delegation/members", data=dict(TYPED, email=email),
                                       buffered=False)  # the answer; its mail on close
                elapsed, count = time.perf_counter() - start, len(statements)
                assert response.status_code == 302, (name, response.status_code)
                response.close()  # its mail goes now, untimed
                samples[name].append((elapsed, count))
        with app.app_context():
            db.engine.dispose()
    print(f"== {kind}: {len(samples['new'])} adds of each, alternating ==")
    base = statistics.median(t for t, _ in samples["new"])
    for name, rows in samples.items():
        median = statistics.median(t for t, _ in rows)
        count = statistics.median(c for _, c in rows)
        print(f"{name:<11} median {median * 1000:6.1f} ms  x{median / base:4.2f}  "
              f"{count:3.0f} SQL statements")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=60)
    parser.add_argument("--database", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args()
    for kind in ("sqlite", "postgresql") if args.database == "both" else (args.database,):
        run(kind, args.rounds)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
