"""A request body over the limit is refused before it is read; a PDF must parse as one (kiz.uploads)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kiz.uploads import validate_pdf

pytestmark = pytest.mark.django_db


def test_a_body_over_the_limit_is_refused_with_413_before_it_is_read(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("the body must not be read")

    response = client.generic(
        "POST",
        reverse("login"),
        data=b"",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="5000000",
        **{"wsgi.input": Unreadable()},
    )
    assert response.status_code == 413
    assert response.content.decode() == (
        "Die Anfrage ist zu groß: Es dürfen höchstens 0 MB auf einmal gesendet werden."
    )


def test_a_body_within_the_limit_passes(client, settings):
    settings.REQUEST_BODY_MAX_BYTES = 1024
    assert client.post(reverse("login"), {"username": "x", "password": "y"}).status_code == 200


def test_the_default_limit_leaves_room_for_the_largest_upload(settings):
    from concepts.forms import upload_max_bytes

    assert upload_max_bytes() < settings.REQUEST_BODY_MAX_BYTES


@pytest.mark.parametrize("content", [b"", b"%PDF-", b"%PDF-1.7\n" + b"\x00" * 100, b"GIF89a"])
def test_validate_pdf_refuses_what_is_no_pdf(content):
    with pytest.raises(ValidationError):
        validate_pdf(SimpleUploadedFile("x.pdf", content))
