"""Files for upload tests, good and bad, made in code (nothing binary in the repository)."""

import io
import struct
import zlib
from dataclasses import dataclass

from PIL import Image
from pypdf import PdfWriter


def pdf(pages: int = 1, user_password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if user_password is not None:
        writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def png(width: int = 16, height: int = 16) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width: int, height: int) -> bytes:
    """A PNG of a hundred bytes whose header declares width × height pixels: a decompression bomb."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8 bit RGB
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b""))
        + _chunk(b"IEND", b"")
    )


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
# The start of a Windows program: the MZ header and the PE signature.
EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + b"PE\x00\x00"
    + b"\x00" * 200
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
# Starts like a PDF, is a web page.
PDF_POLYGLOT = b"%PDF-1.7\n" + HTML


def larger_than(content: bytes, megabytes: int) -> bytes:
    """The file with padding after its end, one byte over the limit."""
    return content + b"\0" * (megabytes * 1024 * 1024 + 1 - len(content))


@dataclass(frozen=True)
class BadFile:
    """A file an upload field must reject, and the code of the error it must give."""

    case: str
    name: str
    content: bytes
    code: str


# The size limit the oversized cases are built for (the tests set the limits to it).
TEST_LIMIT_MB = 1


def bad_pdfs() -> list[BadFile]:
    good = pdf()
    return [
        BadFile("web page named .pdf", "protokoll.pdf", HTML, "not_pdf"),
        BadFile("program named .pdf", "protokoll.pdf", EXE, "not_pdf"),
        BadFile("empty file", "protokoll.pdf", b"", "not_pdf"),
        BadFile("web page behind a PDF header", "protokoll.pdf", PDF_POLYGLOT, "broken_pdf"),
        BadFile("truncated PDF", "protokoll.pdf", good[: len(good) // 2], "broken_pdf"),
        BadFile("PDF cut before its end", "protokoll.pdf", good[:-20], "broken_pdf"),
        BadFile("PDF without pages", "protokoll.pdf", pdf(pages=0), "empty_pdf"),
        BadFile("password-protected PDF", "protokoll.pdf", pdf(user_password="geheim"), "encrypted_pdf"),
        BadFile("PDF named .html", "protokoll.html", good, "invalid_extension"),
        BadFile("PDF named .exe", "protokoll.exe", good, "invalid_extension"),
        BadFile("oversized PDF", "protokoll.pdf", larger_than(good, TEST_LIMIT_MB), "file_too_large"),
    ]


def bad_images() -> list[BadFile]:
    good = png()
    return [
        BadFile("web page named .png", "logo.png", HTML, "invalid_image"),
        BadFile("program named .png", "logo.png", EXE, "invalid_image"),
        BadFile("SVG with a script named .png", "logo.png", SVG, "invalid_image"),
        BadFile("PostScript named .png", "logo.png", EPS, "invalid_image"),
        BadFile("PDF named .png", "logo.png", pdf(), "invalid_image"),
        BadFile("empty file", "logo.png", b"", "invalid_image"),
        BadFile("truncated PNG", "logo.png", good[: len(good) // 2], "invalid_image"),
        BadFile(
            "decompression bomb 50000 × 50000", "logo.png", png_declaring(50_000, 50_000), "too_many_pixels"
        ),
        BadFile("pixel flood 5000 × 5000", "logo.png", png_declaring(5_000, 5_000), "too_many_pixels"),
        BadFile("PNG named .svg", "logo.svg", good, "invalid_extension"),
        BadFile("PNG named .html", "logo.html", good, "invalid_extension"),
        BadFile("oversized PNG", "logo.png", larger_than(good, TEST_LIMIT_MB), "file_too_large"),
    ]


GOOD = {"pdf": ("protokoll.pdf", pdf), "image": ("logo.png", png)}
BAD = {"pdf": bad_pdfs, "image": bad_images}
