"""PNG pictures written again in fewer bytes: the same pixels (checked with a plain decoder written
here, byte by byte), no alpha channel where every pixel is opaque, anything unusual left alone."""

import struct
import zlib

import numpy as np

from dashboard.embed.png_size import SIGNATURE, chunk, smaller


def png(image: np.ndarray, filter_type: int = 2, colour: int | None = None, extra: bytes = b"",
        interlace: int = 0, level: int = 1) -> bytes:
    """A PNG as Chromium writes a chart's: every row with one filter (Up by default), light zlib."""
    height, width, channels = image.shape
    colour = colour if colour is not None else {3: 2, 4: 6}[channels]
    rows = []
    previous = np.zeros(width * channels, np.int16)
    for line in image.reshape(height, width * channels).astype(np.int16):
        if filter_type == 2:
            rows.append(bytes([2]) + ((line - previous) & 0xFF).astype(np.uint8).tobytes())
        else:
            rows.append(bytes([filter_type]) + line.astype(np.uint8).tobytes())
        previous = line
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, interlace)
    return (SIGNATURE + chunk(b"IHDR", header) + extra + chunk(b"IDAT", zlib.compress(b"".join(rows), level))
            + chunk(b"IEND", b""))


def decoded(data: bytes) -> tuple[int, list[list[int]]]:
    """(colour type, rows of bytes) by the PNG specification's filters, one byte at a time."""
    at, idat, header = 8, b"", b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        assert struct.unpack(">I", data[at + 8 + length:at + 12 + length])[0] == zlib.crc32(kind + body)
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        at += 12 + length
    width, height, _depth, colour = struct.unpack(">IIBB", header[:10])
    size = {2: 3, 6: 4}[colour]
    raw, stride, out, prior = zlib.decompress(idat), width * size, [], [0] * width * size
    for y in range(height):
        kind, line = raw[y * (stride + 1)], list(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - size] if i >= size else 0
            b, c = prior[i], prior[i - size] if i >= size else 0
            p = a + b - c
            predictor = [0, a, b, (a + b) // 2,
                         a if abs(p - a) <= abs(p - b) and abs(p - a) <= abs(p - c)
                         else b if abs(p - b) <= abs(p - c) else c][kind]
            line[i] = (line[i] + predictor) & 0xFF
        out.append(line)
        prior = line
    return colour, out


def chart_like(height: int = 24, width: int = 40, alpha: bool = True) -> np.ndarray:
    """Flat areas, a gradient and a few lines: what a chart's picture holds."""
    image = np.full((height, width, 4 if alpha else 3), 255, np.uint8)
    image[:, :, 0] = np.linspace(230, 30, width, dtype=np.uint8)[None, :]
    image[5:8, :, :3] = (31, 78, 121)
    image[:, 10, :3] = 0
    return image


def test_an_opaque_picture_loses_its_alpha_channel_and_keeps_every_pixel():
    image = chart_like()
    original = png(image)
    out = smaller(original)
    assert len(out) < len(original)
    colour, rows = decoded(out)
    assert colour == 2
    assert np.array_equal(np.array(rows, np.uint8).reshape(24, 40, 3), image[:, :, :3])


def test_transparency_is_kept():
    image = chart_like()
    image[0:3, 0:4, 3] = 0
    original = png(image, level=0)
    out = smaller(original)
    colour, rows = decoded(out)
    assert colour == 6 and len(out) < len(original)
    assert np.array_equal(np.array(rows, np.uint8).reshape(24, 40, 4), image)


def test_other_chunks_are_kept_in_place():
    text = chunk(b"tEXt", b"Software\x00a chart")
    out = smaller(png(chart_like(), extra=text, level=0))
    assert text in out and out.index(text) < out.index(b"IDAT")


def test_what_it_does_not_read_is_left_as_it_was():
    image = chart_like()
    for unread in (png(image, interlace=1), png(image, filter_type=4), png(image[:, :, :1], colour=0),
                   b"not a picture", SIGNATURE + b"\x00\x00"):
        assert smaller(unread) == unread
    already = png(image, level=9)
    assert len(smaller(already)) <= len(already)
