"""The PDF renderer: tagged PDF/UA-1 with metadata, local assets only, the print design in the text."""

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from reporting import pdf
from reporting.contents import build_state_overview
from reporting.models import ReportDocument, ReportKind
from reporting.registry import get

pytestmark = pytest.mark.django_db


def test_static_urls_map_to_the_shipped_files_and_nothing_else():
    css = pdf.static_path("https://kiz.invalid/static/css/print.css")
    assert css is not None and css.name == "print.css" and css.is_file()
    font = pdf.static_path("https://kiz.invalid/static/fonts/fira-sans/FiraSans-Regular.ttf")
    assert font is not None and font.is_file()
    for url in (
        "https://example.org/static/css/print.css",
        "http://kiz.invalid/static/css/print.css",
        "file:///etc/passwd",
        "https://kiz.invalid/media/reports/x.pdf",
        "https://kiz.invalid/static/../kiz/settings.py",
        "https://kiz.invalid/static/css/missing.css",
    ):
        assert pdf.static_path(url) is None, url


def test_the_fetcher_refuses_the_network():
    fetcher = pdf.StaticFileFetcher()
    with pytest.raises(ValueError, match="static files"):
        fetcher.fetch("https://example.org/font.woff2")
    response = fetcher.fetch("https://kiz.invalid/static/css/print.css")
    assert b"@page" in response.read()


def test_a_template_pointing_at_the_network_fails_instead_of_fetching(settings, tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "remote.html").write_text(
        '{% extends "pdf/base.html" %}{% block content %}<img src="https://example.org/logo.png" alt="Logo">'
        "{% endblock %}"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    with pytest.raises(FatalURLFetchingError):
        pdf.render_pdf("x/remote.html", {}, title="T", author="A", as_of=date(2026, 1, 1))


def test_the_state_overview_lists_all_54_kiz_with_repeating_headers_and_page_numbers(nrw):
    document = ReportDocument(kind=ReportKind.STATE_OVERVIEW)
    content = build_state_overview(document)
    rendered = pdf.render_pdf(
        get(ReportKind.STATE_OVERVIEW).template,
        content.context,
        title=content.title,
        author="KIZ-Verwaltung",
        as_of=date(2026, 10, 31),
    )
    reader = PdfReader(io.BytesIO(rendered.content))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == rendered.page_count > 2
    assert reader.metadata.title == "Landesübersicht der Kommunalen Integrationszentren"
    assert reader.metadata.author == "KIZ-Verwaltung"
    assert reader.metadata.get("/asof") == "2026-10-31"
    for number, text in enumerate(pages, start=1):
        assert f"Seite {number} von {len(pages)}" in text
        assert "Datenstand 31.10.2026" in text
        assert "Kommunale Integrationszentren Nordrhein-Westfalen" in text  # the running header
    assert "54 Kommunen betreiben ein Kommunales Integrationszentrum (KIZ)." in pages[0]
    # the table continues over the next page with its header repeated
    table_pages = [text for text in pages if re.search(r"\b05\d{6}\b", text)]
    assert len(table_pages) >= 2
    assert all(text.startswith("Kommune Art") and "AGS" in text for text in table_pages[1:])
    everything = "\n".join(pages)
    for name in ("Dortmund", "Bochum", "StädteRegion Aachen", "Kreis Höxter", "Hochsauerlandkreis"):
        assert name in everything
    assert "Regierungsbezirk Arnsberg" in everything
