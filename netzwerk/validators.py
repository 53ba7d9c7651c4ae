"""Validators for uploaded files: they judge a file by its content, not by its name.

A model field that takes uploads uses one of the ready sets:

    document = models.FileField(..., validators=pdf_upload_validators())
    logo = models.ImageField(..., validators=image_upload_validators())

Each set checks the file name's extension, the size (limits from settings, read
when a file is checked, so changing them needs no migration) and the content.
A file that is already stored was checked when it was uploaded and is not
opened again: saving a form without a new file must not read every stored file
(which may be in object storage).

`tests/security/test_uploads.py` feeds every upload field of every model wrong
types, oversized files, broken PDFs and image bombs.
"""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import DependencyError, FileNotDecryptedError

MB = 1024 * 1024

# Pillow decodes many formats, some through outside programs (EPS through
# Ghostscript); only these common, well-tested ones are accepted. No SVG: it can
# carry scripts.
IMAGE_FORMATS = {"PNG": ["png"], "JPEG": ["jpg", "jpeg"], "GIF": ["gif"], "WEBP": ["webp"]}


def _already_stored(value: Any) -> bool:
    # A FieldFile read from the database is committed; a new upload is not.
    return getattr(value, "_committed", False) is True


@contextmanager
def _rewound(value: Any) -> Iterator[IO[bytes]]:
    """The file object behind an upload (or a FieldFile holding one), at its start, and rewound after."""
    file = getattr(value, "file", value)
    file.seek(0)
    try:
        yield file
    finally:
        file.seek(0)


@deconstructible
class MaxFileSizeValidator:
    """Rejects a file larger than the setting `setting` (in megabytes)."""

    message = _("The file is %(size)s large; at most %(limit)s are allowed.")
    code = "file_too_large"

    def __init__(self, setting: str) -> None:
        self.setting = setting

    def __call__(self, value: Any) -> None:
        if _already_stored(value):
            return
        limit = getattr(settings, self.setting) * MB
        if value.size > limit:
            raise ValidationError(
                self.message,
                code=self.code,
                params={"size": filesizeformat(value.size), "limit": filesizeformat(limit)},
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MaxFileSizeValidator) and other.setting == self.setting

    def __hash__(self) -> int:
        return hash(self.setting)


def validate_pdf(value: Any) -> None:
    """A PDF that opens without a password and has at least one page."""
    if _already_stored(value):
        return
    with _rewound(value) as file:
        if file.read(5) != b"%PDF-":
            raise ValidationError(_("This is not a PDF file."), code="not_pdf")
        file.seek(0)
        try:
            # An encrypted PDF with an empty user password (only "protected against editing") opens.
            pages = len(PdfReader(file).pages)
        except (FileNotDecryptedError, DependencyError) as error:
            raise ValidationError(
                _("The PDF file is encrypted or protected by a password. Please upload it unprotected."),
                code="encrypted_pdf",
            ) from error
        except Exception as error:  # pypdf raises many kinds of errors on broken files
            raise ValidationError(
                _("The PDF file is damaged or incomplete and cannot be opened."), code="broken_pdf"
            ) from error
    if pages < 1:
        raise ValidationError(_("The PDF file has no pages."), code="empty_pdf")


def validate_image(value: Any) -> None:
    """A PNG, JPEG, GIF or WebP image that decodes, with at most MAX_UPLOAD_IMAGE_PIXELS pixels.

    The pixel count is checked from the image's header before it is decoded, so a
    small file that declares a huge picture (a decompression bomb) never fills the memory.
    """
    if _already_stored(value):
        return
    too_many_pixels = ValidationError(
        _("The image is too large: at most %(limit)s million pixels are allowed."),
        code="too_many_pixels",
        params={"limit": round(settings.MAX_UPLOAD_IMAGE_PIXELS / 1_000_000, 1)},
    )
    with _rewound(value) as file:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(file, formats=list(IMAGE_FORMATS)) as image:
                    width, height = image.size
                    if width * height > settings.MAX_UPLOAD_IMAGE_PIXELS:
                        raise too_many_pixels
                    image.verify()
                # verify() checks the structure; only decoding finds a truncated picture.
                file.seek(0)
                with Image.open(file, formats=list(IMAGE_FORMATS)) as image:
                    image.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise too_many_pixels from error
        except Exception as error:  # Pillow raises many kinds of errors on broken files
            raise ValidationError(
                _("This is not an image in PNG, JPEG, GIF or WebP format, or it is damaged."),
                code="invalid_image",
            ) from error


def pdf_upload_validators() -> list:
    """For a FileField that takes PDF documents."""
    return [FileExtensionValidator(["pdf"]), MaxFileSizeValidator("MAX_UPLOAD_PDF_MB"), validate_pdf]


def image_upload_validators() -> list:
    """For an ImageField (a logo, a photo)."""
    extensions = [extension for names in IMAGE_FORMATS.values() for extension in names]
    return [FileExtensionValidator(extensions), MaxFileSizeValidator("MAX_UPLOAD_IMAGE_MB"), validate_image]
