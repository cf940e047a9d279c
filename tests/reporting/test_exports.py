"""CSV and XLSX downloads: German headers, German number formats, the right rows for the right users."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from reporting import exports
from reporting.tables import DATE, DECIMAL, EURO, INTEGER, Column, Table

pytestmark = pytest.mark.django_db


def _table():
    return Table(
        title="Finanzierungsplan",
        columns=[
            Column("item", "Position"),
            Column("posts", "Stellen", INTEGER),
            Column("fte", "VZÄ", DECIMAL),
            Column("amount", "Betrag", EURO),
            Column("since", "Seit", DATE),
        ],
        rows=[
            {
                "item": "Fachkraft; pädagogisch",
                "posts": 3,
                "fte": Decimal("2.5"),
                "amount": Decimal("165000.5"),
                "since": date(2013, 7, 1),
            },
            {"item": "Assistenz", "posts": 1, "fte": Decimal("0.5"), "amount": Decimal("22500"), "since": None},
        ],
        footer={"item": "Summe", "amount": Decimal("187500.50")},
    )


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas():
    content = exports.table_csv(_table())
    assert content.startswith(b"\xef\xbb\xbf")
    lines = content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Position;Stellen;VZÄ;Betrag;Seit"
    assert lines[1] == '"Fachkraft; pädagogisch";3;2,50;165000,50;01.07.2013'
    assert lines[2] == "Assistenz;1;0,50;22500,00;"
    assert lines[3] == "Summe;;;187500,50;"


def test_xlsx_has_numbers_with_german_formats():
    workbook = load_workbook(io.BytesIO(exports.table_xlsx(_table())))
    sheet = workbook.active
    assert sheet.title == "Finanzierungsplan"
    assert [c.value for c in sheet[1]] == ["Position", "Stellen", "VZÄ", "Betrag", "Seit"]
    assert sheet["D2"].value == 165000.5
    assert sheet["D2"].number_format == "#,##0.00 €"
    assert sheet["C2"].value == 2.5 and sheet["C2"].number_format == "#,##0.00"
    assert sheet["B2"].value == 3 and sheet["B2"].number_format == "#,##0"
    assert sheet["E2"].value.date() == date(2013, 7, 1) and sheet["E2"].number_format == "DD.MM.YYYY"
    assert sheet["D4"].value == 187500.5 and sheet["A4"].font.b
    assert sheet.freeze_panes == "A2"


def test_the_state_wide_list_downloads_for_state_roles(nrw, coordination, client_for):
    client = client_for(coordination)
    response = client.get(reverse("reporting:export_municipalities", kwargs={"fmt": "csv"}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="Integrationszentren-NRW.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").strip().split("\r\n")
    assert lines[0] == (
        "Kommune;Art;Regierungsbezirk;AGS;Organisatorische Anbindung;Konzept beschlossen am;Förderjahr;"
        "Antragsstatus;Beantragte Zuwendung;Bewilligter Betrag"
    )
    assert len(lines) == 56  # header, 54 KIZ, total
    assert "Dortmund;kreisfreie Stadt;Arnsberg;05913000;;;;;;" in lines
    assert lines[-1] == "Summe (54 KIZ);;;;;;;;0,00;0,00"

    response = client.get(reverse("reporting:export_municipalities", kwargs={"fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 56
    assert sheet["D1"].value == "AGS"
    assert sheet["A2"].value == "Aachen"


def test_city_roles_cannot_download_the_state_wide_list(dortmund, bochum, editor, client_for):
    for fmt in ("csv", "xlsx"):
        response = client_for(editor).get(reverse("reporting:export_municipalities", kwargs={"fmt": fmt}))
        assert response.status_code == 404


def test_an_unknown_format_is_not_found(coordination, client_for):
    assert client_for(coordination).get("/berichte/export/kiz.pdf").status_code == 404


def test_the_export_costs_the_same_queries_for_few_and_many_municipalities(coordination, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import MunicipalityFactory

    client = client_for(coordination)
    url = reverse("reporting:export_municipalities", kwargs={"fmt": "csv"})
    MunicipalityFactory.create_batch(3)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    MunicipalityFactory.create_batch(30)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
