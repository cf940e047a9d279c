"""Every figure of the financing plan adds up: page, PDF table and CSV list the same lines, each column sums to its
total, and the one line a total leaves out (seconded teachers, paid by the school ministry) is named with its
amount."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from funding.applications.financing import financing_plan
from reporting.dashboards.tables import financing_plan_table
from staffing.models import PayRate

pytestmark = pytest.mark.django_db


@pytest.fixture
def with_teachers(ready):
    """Dortmund 2014: specialists at 60.000 € and 45.000 €, an admin specialist at 60.000 €, half an assistant at
    45.000 € a year, and two seconded teachers (A 13 at 70.000 € a year, paid by the school ministry)."""
    PayRate.objects.update_or_create(
        year=2014, pay_scheme="besoldung", pay_grade="A 13", defaults={"annual_cost": D("70000.00")}
    )
    ready.own_rooms = D("12000.00")
    ready.save()
    return ready


def _amount(cell: str):
    return D(cell.replace(",", ".")) if cell else D("0")


def test_the_plan_keeps_seconded_teachers_out_of_the_municipal_costs(with_teachers):
    plan = financing_plan(with_teachers)
    assert plan.expected_personnel == D("60000.00") + D("45000.00") + D("60000.00") + D("22500.00")
    assert plan.seconded_costs == 2 * D("70000.00")
    assert plan.total_costs == D("187500.00") + D("12000.00")
    teacher = next(line for line in plan.lines if line.post.title == "Lehrkraft 1 (ehem. RAA)")
    assert (teacher.expected, teacher.eligible) == (D("70000.00"), D("0.00"))


def test_every_column_of_the_csv_adds_up_to_its_total_or_names_what_it_leaves_out(with_teachers, lead, client_for):
    url = reverse("reporting:dashboards:financing_plan_export", kwargs={"pk": with_teachers.pk, "fmt": "csv"})
    rows = [line.split(";") for line in client_for(lead).get(url).content.decode("utf-8-sig").splitlines()]
    header, body, footer = rows[0], rows[1:-1], rows[-1]
    expected, eligible = header.index("Erwartete Ausgaben"), header.index("Zuwendungsfähig")
    teachers = [row for row in body if row[0].startswith("Lehrkraft")]
    assert [row[expected] for row in teachers] == ["70000,00", "70000,00"]  # listed, not left empty
    assert sum(_amount(row[expected]) for row in body) - D("140000.00") == _amount(footer[expected])
    assert _amount(footer[expected]) == D("199500.00")
    assert "ohne die abgeordneten Lehrkräfte (140.000,00\u00a0€" in footer[0]
    assert sum(_amount(row[eligible]) for row in body) == _amount(footer[eligible]) == D("165000.00")


def test_the_pdf_table_is_the_export_table(with_teachers):
    """The application PDF renders the same table definition as the export (reporting.contents.build_application)."""
    table = financing_plan_table(with_teachers)
    euro_rows = [row for row in table.rows if row.get("expected") is not None]
    assert sum(row["expected"] for row in euro_rows) == table.footer["expected"] + D("140000.00")
    assert sum(row.get("eligible") or D("0") for row in table.rows) == table.footer["eligible"]


def test_the_page_shows_the_personnel_total_and_the_teachers_left_out(with_teachers, lead, client_for):
    page = client_for(lead).get(with_teachers.get_absolute_url()).content.decode()
    total_row = page[page.index('id="personnel-total"') :][:900]
    assert "187.500,00\u00a0€" in total_row and "165.000,00\u00a0€" in total_row
    assert "ohne die abgeordneten Lehrkräfte (140.000,00\u00a0€)" in total_row
    assert "Abgeordnete Lehrkräfte (vom Schulministerium bezahlt, nicht in den Summen)" in page
