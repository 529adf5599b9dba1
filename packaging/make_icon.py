"""Draw the program's icon: ``esms-desktop.ico`` (Windows) and ``esms-desktop.png``.

    python packaging/make_icon.py

A blue tile, a white dossier with three lines and a green tick: readable at 16 px, no text (no font
dependency). Each size of the .ico is drawn at that size, not scaled down: small sizes stay crisp.
The .ico is written by hand (no Pillow needed): classic 32-bit BMP entries up to 64 px and a PNG
entry at 256 px, the layout Windows, PyInstaller and Inno Setup all read. Both files are committed;
run this again only to change the design.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

HERE = Path(__file__).resolve().parent
ICO_SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
PNG_SIZE = 512


def draw(size: int) -> QImage:
    s = float(size)
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)

    # Tile
    margin = s * 0.03
    tile = QRectF(margin, margin, s - 2 * margin, s - 2 * margin)
    gradient = QLinearGradient(tile.topLeft(), tile.bottomRight())
    gradient.setColorAt(0.0, QColor("#2f74c0"))
    gradient.setColorAt(1.0, QColor("#153a66"))
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(gradient))
    p.drawRoundedRect(tile, s * 0.2, s * 0.2)

    # Dossier with a folded corner
    left, top, right, bottom, fold = s * 0.24, s * 0.15, s * 0.68, s * 0.82, s * 0.13
    page = QPainterPath(QPointF(left, top))
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    p.setBrush(QColor("#ffffff"))
    p.drawPath(page)
    corner = QPainterPath(QPointF(right - fold, top))
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor("#b9cde6"))
    p.drawPath(corner)

    # Text lines
    line_pen = QPen(QColor("#5b87bd"), max(1.0, s * 0.045))
    line_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(line_pen)
    for i, y in enumerate((0.36, 0.47, 0.58)):
        end = right - s * (0.08 if i else 0.17)
        p.drawLine(QPointF(left + s * 0.07, s * y), QPointF(end, s * y))

    # Green tick badge
    centre, radius = QPointF(s * 0.69, s * 0.71), s * 0.2
    p.setPen(QPen(QColor("#ffffff"), max(1.0, s * 0.035)))
    p.setBrush(QColor("#2e9e5b"))
    p.drawEllipse(centre, radius, radius)
    tick = QPen(QColor("#ffffff"), max(1.5, s * 0.06))
    tick.setCapStyle(Qt.PenCapStyle.RoundCap)
    tick.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(tick)
    p.setBrush(Qt.BrushStyle.NoBrush)
    mark = QPainterPath(centre + QPointF(-radius * 0.5, 0.0))
    mark.lineTo(centre + QPointF(-radius * 0.12, radius * 0.38))
    mark.lineTo(centre + QPointF(radius * 0.52, -radius * 0.36))
    p.drawPath(mark)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """An ICO image entry in BMP form: BITMAPINFOHEADER, bottom-up BGRA rows, 1-bit AND mask."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # little-endian memory: B, G, R, A
    stride = argb.bytesPerLine()
    raw = bytes(argb.constBits())[: stride * size]
    rows = [raw[y * stride : y * stride + size * 4] for y in range(size)]
    mask_stride = ((size + 31) // 32) * 4
    mask = b"\x00" * mask_stride * size  # transparency comes from the alpha channel
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    return header + b"".join(reversed(rows)) + mask


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = [
        (size, png_bytes(img) if size >= 256 else bmp_entry(img)) for size, img in images.items()
    ]
    out = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    for size, data in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset)
        offset += len(data)
    return out + b"".join(data for _size, data in entries)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    assert app is not None
    ico = HERE / "esms-desktop.ico"
    ico.write_bytes(ico_bytes({size: draw(size) for size in ICO_SIZES}))
    png = HERE / "esms-desktop.png"
    png.write_bytes(png_bytes(draw(PNG_SIZE)))
    print(ico)
    print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
