"""Checks of uploaded files: a PDF must be one that a PDF reader can open, not only start like one."""

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PDF_MAGIC = b"%PDF-"
NOT_A_PDF = _("The file is not a PDF document. Please upload the document as PDF.")


def validate_pdf(upload) -> None:
    """Raise ValidationError unless `upload` (an UploadedFile) parses as a PDF with at least one page.

    The first bytes alone prove nothing: "%PDF-1.4<html><script>…" starts like a PDF. pypdf reads the
    cross-reference table, the trailer and the page tree, as a PDF viewer would.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise ValidationError(NOT_A_PDF, code="not_pdf")
    pypdf_logger = logging.getLogger("pypdf")
    level = pypdf_logger.level
    pypdf_logger.setLevel(logging.ERROR)  # a damaged upload is the user's problem, not a warning in the log
    try:
        reader = PdfReader(upload, strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError) as exc:
        raise ValidationError(NOT_A_PDF, code="not_pdf") from exc
    finally:
        pypdf_logger.setLevel(level)
        upload.seek(0)
    if pages < 1:
        raise ValidationError(NOT_A_PDF, code="not_pdf")
