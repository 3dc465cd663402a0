"""Checking, cleaning and serving uploaded files.

A file is accepted only when its size is within the limit and its name and content
agree: a PDF must start with the PDF signature, an image must decode. Images are
re-encoded from their pixels, which drops EXIF (and with it GPS positions). Files
are stored under random names in private storage and are only ever served by a view
that has checked permission, as an attachment.
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Iterable
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

PDF = "pdf"
IMAGE = "image"

_EXTENSIONS = {PDF: {".pdf"}, IMAGE: {".jpg", ".jpeg", ".png", ".webp"}}
_IMAGE_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# Pillow's decompression-bomb guard, set lower than its default for uploaded photos.
_MAX_PIXELS = 40_000_000


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def random_name(extension: str) -> str:
    return f"{timezone.now():%Y/%m}/{secrets.token_hex(16)}{extension}"


def _read_limited(upload, max_bytes: int) -> bytes:
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large: the limit is %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("The file is too large: the limit is %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    return data


def _clean_pdf(data: bytes) -> bytes:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise ValidationError(
            _("This file is named as a PDF but is not a valid PDF document."), code="not_pdf"
        )
    return data


def _clean_image(data: bytes) -> tuple[bytes, str]:
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in _IMAGE_FORMATS:
                raise ValidationError(_("Images must be JPEG, PNG or WebP."), code="image_format")
            if image.width * image.height > _MAX_PIXELS:
                raise ValidationError(_("The image is too large to process."), code="too_large")
            fmt = image.format
            # Apply the camera's rotation, then copy only the pixels: no EXIF survives.
            upright = ImageOps.exif_transpose(image)
            pixels = Image.new(upright.mode, upright.size)
            pixels.paste(upright)
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("This file is named as an image but could not be read as one."), code="not_image"
        ) from exc
    out = io.BytesIO()
    if fmt == "JPEG":
        pixels.convert("RGB").save(out, format="JPEG", quality=88)
    else:
        pixels.save(out, format=fmt)
    return out.getvalue(), _IMAGE_FORMATS[fmt]


def clean_upload(upload, *, kinds: Iterable[str] = (PDF, IMAGE), max_bytes: int | None = None) -> ContentFile:
    """Validate ``upload`` and return a safe copy with a random name.

    Raises ``ValidationError`` with a message a person can act on.
    """
    kinds = tuple(kinds)
    limit = max_bytes or settings.UPLOAD_MAX_BYTES
    extension = _extension(upload.name)
    allowed = set().union(*(_EXTENSIONS[k] for k in kinds))
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed: %(types)s.")
            % {"types": ", ".join(sorted(allowed))},
            code="extension",
        )
    data = _read_limited(upload, limit)
    if extension in _EXTENSIONS[PDF]:
        content, extension = _clean_pdf(data), ".pdf"
    else:
        content, extension = _clean_image(data)
    cleaned = ContentFile(content, name=random_name(extension))
    original = get_valid_filename(PurePath(upload.name).stem)[:80] or "file"
    cleaned.original_name = f"{original}{extension}"
    return cleaned


class SafeFileField(forms.FileField):
    """A form file field that returns the cleaned, renamed copy of the upload."""

    def __init__(self, *args, kinds: Iterable[str] = (PDF, IMAGE), max_bytes=None, **kwargs):
        self.kinds = tuple(kinds)
        self.max_bytes = max_bytes
        super().__init__(*args, **kwargs)
        accept = sorted(set().union(*(_EXTENSIONS[k] for k in self.kinds)))
        self.widget.attrs.setdefault("accept", ",".join(accept))

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "read"):
            return clean_upload(value, kinds=self.kinds, max_bytes=self.max_bytes)
        return value


def private_file_response(content: bytes | object, *, download_name: str) -> FileResponse:
    """Serve a private file as an attachment; call only after a permission check."""
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    response = FileResponse(stream, as_attachment=True, filename=get_valid_filename(download_name))
    response["Cache-Control"] = "private, no-store"
    return response
