"""Draw the application icon: `resources/icon.png` (256 px) and `resources/icon.ico` (Windows).

Run from the repository root:

    python resources/make_icon.py

The icon is a blue rounded square with three rising bars and a gold trend
arrow: projects chosen so that the group's return rises. It is drawn with
Qt's QPainter (no display needed), once per size, so the small sizes stay
sharp instead of being shrunk from the large one. The `.ico` holds every
size Windows asks for (16 to 256 px), each stored as PNG, which Windows has
read since Vista; it is written here byte by byte because Qt's own ICO
writer keeps only one size.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QLinearGradient, QPainter, QPainterPath, QPen  # noqa: E402

RESOURCES = Path(__file__).resolve().parent
PNG_SIZE = 256
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

TOP_BLUE, BOTTOM_BLUE = QColor("#4e79a7"), QColor("#1f3f66")
BAR_WHITE = QColor(255, 255, 255, 235)
ARROW_GOLD = QColor("#f2b134")


def draw_icon(size: int) -> QImage:
    """The icon at `size` x `size` pixels, transparent around the rounded square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(size / 256, size / 256)  # drawn on a 256-unit grid

    gradient = QLinearGradient(0, 0, 0, 256)
    gradient.setColorAt(0, TOP_BLUE)
    gradient.setColorAt(1, BOTTOM_BLUE)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(gradient)
    painter.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)

    painter.setBrush(BAR_WHITE)
    for left, top in ((52, 150), (106, 112), (160, 74)):
        painter.drawRoundedRect(QRectF(left, top, 44, 202 - top), 6, 6)

    pen = QPen(ARROW_GOLD, 16, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    trend = QPainterPath(QPointF(44, 132))
    trend.lineTo(98, 96)
    trend.lineTo(140, 108)
    trend.lineTo(190, 60)
    painter.drawPath(trend)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ARROW_GOLD)
    head = QPainterPath(QPointF(214, 36))
    head.lineTo(207, 84)
    head.lineTo(166, 43)
    head.closeSubpath()
    painter.drawPath(head)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico_bytes(images: dict[int, bytes]) -> bytes:
    """An ICO file holding one PNG per size (ICONDIR, then one ICONDIRENTRY per image, then the images)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    return header + entries + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    (RESOURCES / "icon.png").write_bytes(png_bytes(draw_icon(PNG_SIZE)))
    (RESOURCES / "icon.ico").write_bytes(ico_bytes({size: png_bytes(draw_icon(size)) for size in ICO_SIZES}))
    print(f"wrote {RESOURCES / 'icon.png'} and {RESOURCES / 'icon.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
