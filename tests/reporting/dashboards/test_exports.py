"""Exports: German headers and number formats, no names of post holders, another municipality's files are 404."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import FundingApplication
from reporting.controlling.models import ControllingReport, ReportState

pytestmark = pytest.mark.django_db


def export(client, name, fmt, **kwargs):
    return client.get(reverse(f"reporting:dashboards:{name}", kwargs={**kwargs, "fmt": fmt}))


def test_the_staff_plan_has_no_names_and_german_formats(dortmund_figures, editor, client_for):
    client = client_for(editor)
    csv = export(client, "staff_plan_export", "csv", pk=dortmund_figures.pk).content.decode("utf-8-sig")
    lines = csv.splitlines()
    assert lines[0] == (
        "Stelle;Kategorie;VZÄ;Finanzierung;Herkunft;Tarif/Besoldung;Entgelt-/Besoldungsgruppe;Beginn;Ende;"
        "Besetzte Monate;Erwartete Kosten"
    )
    assert (
        lines[2].startswith("Pädagogische Fachkraft B;") and ";1,00;" in lines[2] and lines[2].endswith(";6;30000,00")
    )
    assert lines[-1] == "Summe;;2,50;;;;;;;;110000,00"
    assert "Mustermann" not in csv and "Beispiel" not in csv
    response = export(client, "staff_plan_export", "xlsx", pk=dortmund_figures.pk)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].value == 1 and sheet["C2"].number_format == "#,##0.00"
    assert sheet["K2"].number_format == "#,##0.00 €"
    assert sheet["H2"].number_format == "DD.MM.YYYY"
    assert "Erika Mustermann" not in [c.value for row in sheet.iter_rows() for c in row]


def test_the_financing_plan_and_activities(dortmund_figures, dortmund, council, client_for):
    client = client_for(council)
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2025)
    csv = export(client, "financing_plan_export", "csv", pk=application.pk).content.decode("utf-8-sig")
    assert csv.splitlines()[0] == "Position;Kategorie;VZÄ;Monate;Erwartete Ausgaben;Zuwendungsfähig;Berechnung"
    assert "Pädagogische Fachkraft B;Außerschulische pädagogische Fachkraft;1,00;6;30000,00;28500,00;" in csv
    assert "Beantragte Zuwendung: 320.000,00\u00a0€" in csv
    report = ControllingReport.objects.get(municipality=dortmund, state=ReportState.SUBMITTED)
    sheet = load_workbook(io.BytesIO(export(client, "activities_export", "xlsx", pk=report.pk).content)).active
    assert [c.value for c in sheet[1]][:5] == ["Handlungsfeld", "Stufe der Bildungskette", "Art", "Titel", "Anzahl"]
    assert sheet.cell(sheet.max_row, 5).value == 9  # the total of occurrences


def test_another_municipalitys_exports_are_404(dortmund_figures, bochum_figures, bochum, editor, client_for):
    client = client_for(editor)
    application = FundingApplication.objects.get(municipality=bochum, funding_year=2025)
    report = ControllingReport.objects.get(municipality=bochum, state=ReportState.SUBMITTED)
    assert export(client, "staff_plan_export", "csv", pk=bochum_figures.pk).status_code == 404
    assert export(client, "financing_plan_export", "xlsx", pk=application.pk).status_code == 404
    assert export(client, "activities_export", "csv", pk=report.pk).status_code == 404
    for name in ("concepts_export", "controlling_export", "inbox_export", "state_export"):
        assert export(client, name, "csv").status_code == 404


def test_the_state_wide_lists(dortmund_figures, bochum_figures, coordination, authority, client_for):
    client = client_for(coordination)
    concepts = export(client, "concepts_export", "csv").content.decode("utf-8-sig").splitlines()
    assert concepts[0] == (
        "Kommune;AGS;Beschlossene Fassung;Datum des Beschlusses;Alter in Jahren;Älter als die Förderrichtlinie zulässt;"
        "Entwurfsfassung in Arbeit"
    )
    assert concepts[2].startswith("Dortmund;05913000;1;14.03.2024;2;nein;")
    controlling = client.get(
        reverse("reporting:dashboards:controlling_export", kwargs={"fmt": "csv"}) + "?jahr=2025"
    ).content.decode("utf-8-sig")
    assert "Dortmund;05913000;Ganzes Jahr;31.03.2026;Überfällig;" in controlling
    inbox = (
        client_for(authority)
        .get(reverse("reporting:dashboards:inbox_export", kwargs={"fmt": "csv"}) + "?year=2024")
        .content.decode("utf-8-sig")
    )
    lines = inbox.splitlines()
    assert (
        lines[0]
        == "Förderjahr;Kommune;Regierungsbezirk;Status;Richtlinienfassung;Beantragte Zuwendung;Bewilligter Betrag"
    )
    assert len(lines) == 4  # header, Bochum, Dortmund, total
    assert lines[-1] == "Summe;;;;;1240000,00;1221728,40"


def test_the_pages_link_their_exports(dortmund_figures, dortmund, coordination, editor, client_for):
    html = client_for(coordination).get(reverse("funding:inbox") + "?year=2024").content.decode()
    assert reverse("reporting:dashboards:inbox_export", kwargs={"fmt": "xlsx"}) + "?year=2024" in html
    html = client_for(coordination).get(reverse("concepts:overview")).content.decode()
    assert reverse("reporting:dashboards:concepts_export", kwargs={"fmt": "csv"}) in html
    html = client_for(editor).get(dortmund_figures.get_absolute_url()).content.decode()
    assert reverse("reporting:dashboards:staff_plan_export", kwargs={"pk": dortmund_figures.pk, "fmt": "csv"}) in html
