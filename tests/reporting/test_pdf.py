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


def test_the_state_overview_shows_concept_application_and_granted_amounts_in_german_notation(nrw, coordination):
    from decimal import Decimal

    from funding.models import ApplicationState, GrantNotice
    from kiz.models import Municipality
    from tests.concepts.factories import full_concept
    from tests.funding.factories import application_for

    year = date.today().year  # the overview shows the applications of the current funding year
    dortmund = Municipality.objects.get(ags="05913000")
    bochum = Municipality.objects.get(ags="05911000")
    full_concept(dortmund, resolution_date=date(2024, 3, 14), plan_start=date(2024, 3, 14))
    granted = application_for(dortmund, year, requested=Decimal("320000.00"), state=ApplicationState.GRANTED)
    GrantNotice.objects.create(
        application=granted,
        approved_amount=Decimal("297500.50"),
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        file_number="36.08.01-2025/DO",
        issued_on=date(year, 2, 3),
        issued_by=coordination,
    )
    application_for(bochum, year, requested=Decimal("170000.00"))
    application_for(bochum, year - 1, requested=Decimal("1.00"), state=ApplicationState.GRANTED)  # other year

    content = build_state_overview(ReportDocument(kind=ReportKind.STATE_OVERVIEW))
    rendered = pdf.render_pdf(
        get(ReportKind.STATE_OVERVIEW).template, content.context, title=content.title, author="A", as_of=content.as_of
    )
    reader = PdfReader(io.BytesIO(rendered.content))
    text = "\n".join(page.extract_text() for page in reader.pages)  # amounts carry a non-breaking space
    assert "320.000,00\u00a0€" in text
    assert "297.500,50\u00a0€" in text
    assert "14.03.2024" in text
    assert "Summe (54 KIZ)" in " ".join(text.split())  # the label may wrap in its cell
    assert "490.000,00\u00a0€" in text  # 320.000 + 170.000, the other year left out
    assert "1,00\u00a0€" not in text
    wide = [page for page in reader.pages if page.mediabox.width > page.mediabox.height]
    assert wide, "the wide table is printed on landscape pages"

    row = next(r for r in content.context["table"].rows if r["ags"] == "05913000")
    assert row["requested"] == Decimal("320000.00")
    assert row["granted"] == Decimal("297500.50")
    assert row["application_label"] == "Bewilligt"
    assert content.as_of == date.today()


def test_the_council_briefing_shows_the_municipalitys_concept_and_money_only(dortmund, bochum, coordination):
    from decimal import Decimal

    from funding.models import ApplicationState, GrantNotice
    from reporting.contents import build_council_briefing
    from tests.concepts.factories import full_concept
    from tests.funding.conftest import load_editions
    from tests.funding.factories import application_for

    load_editions()
    full_concept(dortmund, title="Integrationskonzept Dortmund 2024", resolution_date=date(2024, 3, 14))
    first = application_for(dortmund, 2024, requested=Decimal("310000.00"), state=ApplicationState.GRANTED)
    GrantNotice.objects.create(
        application=first,
        approved_amount=Decimal("305432.10"),
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
        file_number="36.08.01-2024/DO",
        issued_on=date(2024, 2, 1),
        issued_by=coordination,
    )
    application_for(dortmund, 2025, requested=Decimal("320000.00"), state=ApplicationState.SUBMITTED)
    application_for(bochum, 2025, requested=Decimal("777777.77"))

    content = build_council_briefing(ReportDocument(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund))
    rendered = pdf.render_pdf(
        get(ReportKind.COUNCIL_BRIEFING).template, content.context, title=content.title, author="A", as_of=content.as_of
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages)
    assert "Integrationskonzept Dortmund 2024" in text
    assert "14.03.2024" in text
    assert "310.000,00\u00a0€" in text
    assert "305.432,10\u00a0€" in text
    assert "630.000,00\u00a0€" in text  # the total requested over both years
    assert "Eingereicht" in text
    assert "777.777,77" not in text  # Bochum's application is not Dortmund's business
    assert "Mittel je Förderjahr" in text  # the chart, from the dashboard's chart function
    assert "305 Tsd. €" in text or "305\u00a0Tsd. €" in text  # the bar label, in thousands


def test_one_font_configuration_and_stylesheet_serve_every_render_of_a_process(monkeypatch):
    fonts, stylesheet = pdf.shared_style()
    assert pdf.shared_style() == (fonts, stylesheet)
    first = pdf.render_pdf("pdf/base.html", {}, title="Eins", author="A", as_of=date(2026, 1, 1))
    second = pdf.render_pdf("pdf/base.html", {}, title="Zwei", author="A", as_of=date(2026, 1, 1))
    assert pdf.shared_style() == (fonts, stylesheet)
    for rendered in (first, second):  # the shipped font, from the shared configuration
        fonts_used = PdfReader(io.BytesIO(rendered.content)).pages[0]["/Resources"]["/Font"].values()
        assert {str(font["/BaseFont"]).split("+")[1] for font in fonts_used} == {"Fira-Sans", "Fira-Sans-Semi-Bold"}
    # A forked pool process makes its own instead of using its parent's.
    monkeypatch.setattr(pdf.os, "getpid", lambda: -1)
    assert pdf.shared_style()[0] is not fonts


def test_print_tables_name_their_column_types_and_keep_dates_on_one_line():
    from django.template.loader import render_to_string

    from reporting.tables import DATE, EURO, Column, Table

    table = Table(
        title="T",
        columns=[Column("what", "Was", width="wide"), Column("due", "Fällig", DATE), Column("sum", "Betrag", EURO)],
        rows=[{"what": "Personalkostenzuschuss", "due": date(2026, 3, 31), "sum": 1}],
    )
    html = render_to_string("reporting/_table.html", {"table": table})
    assert 'class="kern-table__header kiz-col--text kiz-col--wide"' in html
    assert "kiz-col--date" in html and "kiz-col--euro" in html
    assert re.search(r'<td class="kern-table__cell kiz-nowrap">31\.03\.2026</td>', html)
