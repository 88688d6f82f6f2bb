"""Layout checks on rasterised pages; also leaves PNGs in test-artifacts/ to look at."""

import io

import pytest
from pypdf import PdfReader

from seminar_reg.badges.layout import (
    BADGE_HEIGHT,
    BADGE_WIDTH,
    MARK_LENGTH,
    MARK_OFFSET,
    SHEET_COLUMNS,
    SHEET_ROWS,
    SIDE_COLOURS,
    build_badges,
    sheet_origin,
)
from tests.pdf_tools import DPI, rasterise, save_artifact

from .samples import ALL, TEXTS

SCALE = DPI / 72
A4_HEIGHT = 841.89


def px(x, y):
    """PDF points (origin bottom-left) to pixel (column, row) on an A4 render."""
    return round(x * SCALE), round((A4_HEIGHT - y) * SCALE)


@pytest.fixture(scope="module")
def sheet_image(tmp_path_factory):
    pdf = build_badges(ALL + ALL[:1], texts=TEXTS).pdf  # a full sheet of ten
    (image,) = rasterise(pdf, tmp_path_factory.mktemp("sheet"), last=1)
    save_artifact(image, "badges-sheet.png")
    return image


def test_grid_fits_on_a4_with_margins():
    left, bottom = sheet_origin()
    assert left > MARK_OFFSET + MARK_LENGTH and bottom > MARK_OFFSET + MARK_LENGTH
    assert left + SHEET_COLUMNS * BADGE_WIDTH == pytest.approx(595.2756 - left)
    assert bottom + SHEET_ROWS * BADGE_HEIGHT == pytest.approx(A4_HEIGHT - bottom)


def _mark_boxes():
    """Pixel boxes (x0, y0, x1, y1) around every crop mark of a full sheet."""
    left, bottom = sheet_origin()
    right, top = left + SHEET_COLUMNS * BADGE_WIDTH, bottom + SHEET_ROWS * BADGE_HEIGHT
    near, far = MARK_OFFSET, MARK_OFFSET + MARK_LENGTH
    boxes = []
    for column in range(SHEET_COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        boxes += [(x, top + near, x, top + far), (x, bottom - far, x, bottom - near)]
    for row in range(SHEET_ROWS + 1):
        y = bottom + row * BADGE_HEIGHT
        boxes += [(left - far, y, left - near, y), (right + near, y, right + far, y)]
    result = []
    for x0, y0, x1, y1 in boxes:
        (a, b), (c, d) = px(x0, y1), px(x1, y0)
        result.append((a - 2, b - 2, c + 2, d + 2))
    return result


def test_crop_marks_are_where_the_cuts_are(sheet_image):
    grey = sheet_image.convert("L")
    for box in _mark_boxes():
        darkest, _ = grey.crop(box).getextrema()
        assert darkest < 128, box


def test_nothing_but_crop_marks_outside_the_grid(sheet_image):
    grey = sheet_image.convert("L")
    left, bottom = sheet_origin()
    (gx0, gy0), (gx1, gy1) = (
        px(left, bottom + SHEET_ROWS * BADGE_HEIGHT),
        px(left + SHEET_COLUMNS * BADGE_WIDTH, bottom),
    )
    boxes = _mark_boxes()
    pixels = grey.load()
    width, height = grey.size
    stray = []
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            inside_grid = gx0 - 1 <= x <= gx1 + 1 and gy0 - 1 <= y <= gy1 + 1
            if inside_grid or pixels[x, y] > 200:
                continue
            if not any(a <= x <= c and b <= y <= d for a, b, c, d in boxes):
                stray.append((x, y))
    assert stray == []


def test_side_bands_have_the_side_colours(sheet_image):
    left, bottom = sheet_origin()
    for index, delegate in enumerate(ALL[: SHEET_COLUMNS * SHEET_ROWS]):
        row, column = divmod(index, SHEET_COLUMNS)
        x = left + column * BADGE_WIDTH + BADGE_WIDTH / 2
        y = bottom + (SHEET_ROWS - row) * BADGE_HEIGHT - 1.5  # just inside the top edge
        expected = [round(c * 255) for c in SIDE_COLOURS[delegate.side]]
        actual = sheet_image.getpixel(px(x, y))
        assert all(abs(a - e) <= 6 for a, e in zip(actual, expected, strict=True)), index


def test_single_layout_is_one_badge_sized_page_per_badge(tmp_path):
    result = build_badges(ALL, layout="single", texts=TEXTS)
    pages = PdfReader(io.BytesIO(result.pdf)).pages
    assert len(pages) == len(ALL) == result.pages
    box = pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((BADGE_WIDTH, BADGE_HEIGHT))
    images = rasterise(result.pdf, tmp_path, first=1, last=len(ALL))
    save_artifact(images[-1], "badges-single.png")
    for image in images:  # the badge fills the page: the header band reaches the edges
        assert image.getpixel((0, 2)) != (255, 255, 255)
        assert image.getpixel((image.width - 2, 2)) != (255, 255, 255)
