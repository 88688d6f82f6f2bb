"""openpyxl against python-calamine for the delegate import: speed and peak memory.

Each measurement runs in a process of its own (peak RSS is that process's, interpreter
included; the baseline row is the same process reading nothing). Workbooks:

* ``genuine``: 5,000 delegates in the import's 14 columns, as Excel or openpyxl writes it;
* ``styles-bomb``: a two-row workbook whose ``xl/styles.xml`` is padded with empty
  ``<xf/>`` cell formats (the review's finding 2), unpacked to ``--bomb-mb`` megabytes;
* ``strings-bomb``: the same with ``xl/sharedStrings.xml`` padded with empty strings.

Readers: ``openpyxl`` (read_only, values only, as the import read before), ``calamine``
(python-calamine, the whole first sheet) and ``app`` (the import's ``read_table`` as it is
now: member limits checked first, then its reader).

    .venv/bin/python benchmarks/xlsx_readers.py [--bomb-mb 4] [--timeout 120]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = [
    "side", "family_name", "given_name", "family_reading", "given_reading",
    "family_latin", "given_latin", "organization", "title", "email", "phone",
    "role", "dietary", "items",
]  # fmt: skip

CHILD = r"""
import io, json, sys, time
def hwm():  # this process's peak RSS in MB (ru_maxrss would include the parent's)
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmHWM")) / 1024
path, reader = sys.argv[1], sys.argv[2]
content = open(path, "rb").read() if reader != "none" else b""
start = time.perf_counter()
error = ""
rows = 0
try:
    if reader == "openpyxl":
        from openpyxl import load_workbook
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        rows = sum(1 for _ in workbook.worksheets[0].iter_rows(values_only=True))
        workbook.close()
    elif reader == "calamine":
        from python_calamine import CalamineWorkbook
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = len(workbook.get_sheet_by_index(0).to_python())
    elif reader == "app":
        from seminar_reg import create_app
        from seminar_reg.registration.importer import ImportFileError, read_table
        with create_app({"TESTING": True}).test_request_context():
            start = time.perf_counter()
            try:
                rows = len(read_table(content, "delegates.xlsx"))
            except ImportFileError as refused:
                error = str(refused)
except Exception as failure:  # a reader's own refusal is a result too
    error = type(failure).__name__
seconds = time.perf_counter() - start
peak = hwm()
print(json.dumps({"seconds": seconds, "peak_mb": peak, "rows": rows, "error": error}))
"""


def genuine(rows: int = 5000) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for n in range(rows):
        sheet.append(
            ["japan", "並木", f"心{n}", "なみき", "こころ", "Namiki", "Kokoro",
             "東京都羽村市", "市長", f"d{n}@example.jp", "+81 42 555 0000", "delegate",
             "none", "plenary;clair-reception"]
        )  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def padded(member: str, megabytes: int) -> bytes:
    """A two-row workbook whose ``member`` is padded to about ``megabytes`` unpacked."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(["japan", "並木", "心"] + [""] * 11)
    written = io.BytesIO()
    workbook.save(written)
    if member == "xl/styles.xml":
        unit, anchor = b"<xf/>", b"</cellXfs>"
    else:
        unit, anchor = b"<si><t/></si>", b"</sst>"
    filler = unit * (megabytes * 1024 * 1024 // len(unit))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(written) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        names = source.namelist()
        for name in names:
            data = source.read(name)
            if name == member:
                data = data.replace(anchor, filler + anchor, 1)
            target.writestr(name, data)
        if member not in names:  # openpyxl writes inline strings only when it has none
            target.writestr(member, b'<sst xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main">' + filler + anchor)  # fmt: skip
    return out.getvalue()


def measure(path: Path, reader: str, timeout: float) -> dict:
    try:
        result = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), reader],
            capture_output=True, text=True, timeout=timeout, cwd=ROOT,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        return {"seconds": timeout, "peak_mb": float("nan"), "rows": 0, "error": "timeout"}
    if result.returncode != 0:
        return {"seconds": 0, "peak_mb": float("nan"), "rows": 0, "error": "crashed"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bomb-mb", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    workdir = ROOT / "test-artifacts" / "xlsx-bench"
    workdir.mkdir(parents=True, exist_ok=True)
    files = {
        "genuine": genuine(),
        "styles-bomb": padded("xl/styles.xml", args.bomb_mb),
        "strings-bomb": padded("xl/sharedStrings.xml", args.bomb_mb),
    }
    baseline = measure(workdir / "none", "none", args.timeout)
    print(f"baseline process (reads nothing): peak RSS {baseline['peak_mb']:.0f} MB")
    print("| workbook | upload KB | reader | s | peak RSS MB | rows | refused |")
    print("|---|---:|---|---:|---:|---:|---|")
    for name, content in files.items():
        path = workdir / f"{name}.xlsx"
        path.write_bytes(content)
        for reader in ("openpyxl", "calamine", "app"):
            m = measure(path, reader, args.timeout)
            print(
                f"| {name} | {len(content) / 1024:,.0f} | {reader} | {m['seconds']:.2f} | "
                f"{m['peak_mb']:.0f} | {m['rows']:,} | {m['error'] or '-'} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
