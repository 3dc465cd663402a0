"""Uploads: size, name and content must agree; images lose their EXIF; names are random."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from sanctuary.uploads import IMAGE, PDF, clean_upload

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "teal")
    exif = Image.Exif()
    exif[0x010F] = "TestCam"  # Make
    gps = {1: "N", 2: (51.0, 30.0, 0.0), 3: "W", 4: (0.0, 7.0, 0.0)}
    exif[0x8825] = gps  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_a_real_pdf_is_accepted_under_a_random_name():
    cleaned = clean_upload(SimpleUploadedFile("evidence report.pdf", MINIMAL_PDF), kinds=[PDF])
    assert cleaned.read() == MINIMAL_PDF
    assert "evidence" not in cleaned.name
    assert cleaned.name.endswith(".pdf")
    assert cleaned.original_name == "evidence_report.pdf"


def test_an_oversized_file_is_rejected():
    data = MINIMAL_PDF + b"0" * 5000
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("big.pdf", data), kinds=[PDF], max_bytes=2048)
    assert error.value.code == "too_large"


def test_a_renamed_executable_is_rejected():
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("invoice.pdf", exe), kinds=[PDF, IMAGE])
    assert error.value.code == "not_pdf"
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("photo.jpg", exe), kinds=[PDF, IMAGE])
    assert error.value.code == "not_image"


def test_an_executable_extension_is_rejected():
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("setup.exe", MINIMAL_PDF))
    assert error.value.code == "extension"


def test_a_fake_pdf_is_rejected():
    with pytest.raises(ValidationError) as error:
        clean_upload(SimpleUploadedFile("letter.pdf", b"<html>not a pdf</html>"), kinds=[PDF])
    assert error.value.code == "not_pdf"


def test_images_are_reencoded_without_exif_or_gps():
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get(0x8825)
    cleaned = clean_upload(SimpleUploadedFile("me.jpeg", original), kinds=[IMAGE])
    result = Image.open(io.BytesIO(cleaned.read()))
    assert result.format == "JPEG"
    assert result.size == (40, 30)
    assert dict(result.getexif()) == {}
    assert b"TestCam" not in cleaned.read()


def test_an_empty_file_is_rejected():
    with pytest.raises(ValidationError):
        clean_upload(SimpleUploadedFile("empty.png", b""), kinds=[IMAGE])
