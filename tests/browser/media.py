"""Fake camera input for Chromium: a still picture as a YUV4MPEG2 (.y4m) video file."""

from __future__ import annotations

from pathlib import Path


def write_y4m(image, path: Path, frames: int = 3, fps: int = 25) -> Path:
    """Write ``image`` (PIL) as ``frames`` identical 4:2:0 frames for
    ``--use-file-for-fake-video-capture``; Chromium loops the file."""
    image = image.convert("RGB")
    width, height = image.size
    if width % 2 or height % 2:
        raise ValueError("4:2:0 video needs an even width and height")
    y, cb, cr = image.convert("YCbCr").split()
    half = (width // 2, height // 2)
    planes = y.tobytes() + cb.resize(half).tobytes() + cr.resize(half).tobytes()
    header = f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode("ascii")
    with path.open("wb") as file:
        file.write(header)
        for _ in range(frames):
            file.write(b"FRAME\n")
            file.write(planes)
    return path


def on_table(picture, size: tuple[int, int] = (1280, 720), scale: float = 1.6):
    """The picture enlarged and centred on a light grey frame, like a badge held up."""
    from PIL import Image

    frame = Image.new("RGB", size, (200, 200, 200))
    enlarged = picture.resize((int(picture.width * scale), int(picture.height * scale)))
    frame.paste(enlarged, ((size[0] - enlarged.width) // 2, (size[1] - enlarged.height) // 2))
    return frame
