"""The console's import of 5,000 delegates: preview and commit, time and SQL statements.

Runs the real app in this process against a fresh SQLite file or PostgreSQL database:
a secretariat account uploads a 5,000-row .xlsx on /console/import (the preview), then
commits it. Both must finish well within gunicorn's 30 s worker timeout; the statement
counts show that neither grows with the number of rows. Baseline: the same client's
GET of the import page, which reads nothing.

    .venv/bin/python benchmarks/import_rows.py [--rows 5000] [--database sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import io
import secrets
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, text

POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@contextmanager
def database(kind: str):
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            yield "sqlite:///" + str(Path(directory) / "bench.sqlite")
        return
    name = f"seminar_reg_import_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield POSTGRES.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    from seminar_reg.registration.demo import demo_delegates
    from seminar_reg.registration.importer import COLUMNS

    sheet_book = Workbook()
    sheet = sheet_book.active
    sheet.append([*COLUMNS, "organization_type"])
    for n, data in enumerate(demo_delegates(japan=rows // 2, china=rows - rows // 2)):
        values = {
            "side": data.side, "family_name": data.family_name, "given_name": data.given_name,
            "family_reading": data.family_reading,
            "given_reading": data.given_reading, "organization": data.organization,
            "title": data.title, "email": f"bench{n}@example.org", "role": data.role,
            "dietary": "none", "items": ";".join(data.item_codes),
            "organization_type": data.organization_type,
        }  # fmt: skip
        sheet.append([values.get(column, "") for column in [*COLUMNS, "organization_type"]])
    buffer = io.BytesIO()
    sheet_book.save(buffer)
    return buffer.getvalue()


def run(kind: str, rows: int) -> None:
    from flask_migrate import upgrade

    from seminar_reg import create_app
    from seminar_reg.auth.operations import create_user
    from seminar_reg.extensions import db
    from seminar_reg.program.seeding import seed_program

    content = workbook(rows)
    with database(kind) as url:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": secrets.token_hex(32),
                "WTF_CSRF_ENABLED": False,
                "RATELIMIT_ENABLED": False,
            }
        )
        with app.app_context():
            upgrade()
            seed_program()
            create_user("bench@example.org", "a long bench password 42", "secretariat")
            statements = []
            event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
        client = app.test_client()
        client.post("/login", data={"email": "bench@example.org",
                                    "password": "a long bench password 42"})  # fmt: skip
        timings = {}
        for step, call in (
            ("baseline GET /console/import", lambda: client.get("/console/import")),
            ("preview", lambda: client.post(
                "/console/import", content_type="multipart/form-data",
                data={"file": (io.BytesIO(content), "delegates.xlsx")})),
            ("commit", lambda: client.post("/console/import/commit")),
        ):  # fmt: skip
            statements.clear()
            start = time.perf_counter()
            response = call()
            timings[step] = (time.perf_counter() - start, len(statements), response.status_code)
        with app.app_context():
            db.engine.dispose()
    print(f"== {kind}: {rows} rows, .xlsx of {len(content) / 1024:,.0f} KB ==")
    for step, (seconds, count, status) in timings.items():
        print(f"{step:<30} {seconds:7.2f} s  {count:4d} SQL statements  HTTP {status}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--database", choices=("both", "sqlite", "postgresql"), default="both")
    args = parser.parse_args()
    for kind in ("sqlite", "postgresql") if args.database == "both" else (args.database,):
        run(kind, args.rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
