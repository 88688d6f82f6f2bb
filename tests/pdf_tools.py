"""PDF checks shared by document tests: rasterising (pdftoppm), text and font runs (pypdf)."""

import io
import os
import shutil
import subprocess
from pathlib import Path

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[1]

ARTIFACTS = ROOT / "test-artifacts"
DPI = 150
# Pictures for people are drawn in the SQLite pass. The PostgreSQL pass checks the same
# documents again, text and fonts, but drawing them again (pdftoppm, seconds of CPU)
# only replaced the pictures with their twins.
DRAWS_ARTIFACTS = os.environ.get("SEMINAR_TEST_DATABASE", "sqlite") != "postgresql"


def rasterise(pdf: bytes, tmp_path: Path, first: int = 1, last: int | None = None) -> list:
    """Pages as PIL images, rendered by poppler's pdftoppm at DPI."""
    from PIL import Image

    require(shutil.which("pdftoppm"), "pdftoppm (scripts/test.sh installs poppler-utils)")
    source = tmp_path / "render.pdf"
    source.write_bytes(pdf)
    command = ["pdftoppm", "-r", str(DPI), "-png", "-f", str(first)]
    if last is not None:
        command += ["-l", str(last)]
    subprocess.run([*command, str(source), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
    return [Image.open(page).convert("RGB") for page in pages]


def text_runs(pdf: bytes) -> list[tuple[int, str, str, float]]:
    """(page index, text, BaseFont, font size) for every text-showing operator."""
    from pypdf import PdfReader

    runs = []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, font, size, index=index):
            if text and font is not None:
                runs.append((index, text, str(font.get("/BaseFont", "")), size))

        page.extract_text(visitor_text=visit)
    return runs


def positioned_runs(pdf: bytes) -> list[tuple[int, str, str, float, float, float]]:
    """(page index, text, BaseFont, font size, x, y) for every text-showing operator;
    (x, y) is where its first character's baseline starts, in points on the page.
    Exact for a run that starts a text object or follows a move (reportlab's textOut
    after setTextOrigin); pypdf does not advance the position within a line."""
    from pypdf import PdfReader

    runs = []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):

        def visit(text, cm, tm, font, size, index=index):
            if text and font is not None:
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((index, text, str(font.get("/BaseFont", "")), size, x, y))

        page.extract_text(visitor_text=visit)
    return runs


def page_texts(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def squeeze(text: str) -> str:
    return "".join(text.split())


def save_artifact(image, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    image.save(path)
    return path


def embedded_fonts(pdf: bytes) -> dict:
    """BaseFont -> font dictionary of every font any page uses."""
    from pypdf import PdfReader

    fonts = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[str(font["/BaseFont"])] = font
    return fonts


def assert_fonts_embedded(pdf: bytes) -> set[str]:
    """Every font is an embedded TrueType subset of the Noto faces; returns their names."""
    fonts = embedded_fonts(pdf)
    assert fonts
    for name, font in fonts.items():
        assert font["/Subtype"] == "/TrueType", name
        assert "/FontFile2" in font["/FontDescriptor"], name
        assert "+Noto" in name, name
    return set(fonts)
