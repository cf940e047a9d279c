"""The proof of use's financial statement is built once: its page, its PDF and its export show the same lines,
amounts and percentages (96,67 % on the page is 96,67 % in the PDF), the income lines included."""

import io
from datetime import date
from decimal import Decimal as D
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import strip_tags
from pypdf import PdfReader

from funding.models import ProofState
from funding.proofs.services import proof_create, proof_move, statement_for
from kiz.money import format_decimal, format_euro
from reporting.models import ReportDocument, ReportStatus

from .money_fixtures import call_off

pytestmark = pytest.mark.django_db

ACTUALS = {
    "Pädagogische Fachkraft (MIA-DO)": D("58000.00"),  # 96,67 % of 60.000,00 €
    "Pädagogische Fachkraft (Schulverwaltung)": D("40000.00"),
    "Verwaltungsfachkraft": D("61000.00"),
    "Verwaltungsassistenz": D("15000.00"),
}


@pytest.fixture
def proof(granted, lead, editor):
    call_off(granted, lead, "100000.00", paid=date(2014, 3, 28))
    proof = proof_create(application=granted, year=2014, user=editor)
    for line in proof.lines.all():
        line.actual = ACTUALS.get(line.label, D("0.00"))
        line.save()
    proof.own_funds_actual = D("9000.00")
    proof.third_party_actual = D("1500.00")
    proof.save()
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)  # a PDF is made of a submitted proof only
    proof.refresh_from_db()
    return proof


def _pdf_text(client, proof, capture) -> str:
    data = {"kind": "proof_of_use", "municipality": proof.municipality.ags, "subject": proof.pk}
    with capture(execute=True):
        client.post(reverse("reporting:document_request"), data)
    document = ReportDocument.objects.get()
    assert document.status == ReportStatus.DONE, document.error_detail
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def _squashed(text: str) -> str:
    """Text without spaces and the hyphens a PDF adds where it breaks a word, to compare page and PDF."""
    return "".join(text.split()).replace("\u2010", "")


def _figures(statement) -> list[list[str]]:
    """Each line of expenses and income as the texts it must show: label, per notice, actual, percent."""
    lines = [
        [row.line.label, format_euro(row.planned), format_euro(row.actual), format_decimal(row.percent)]
        for row in statement.expenses
        if row.percent is not None
    ]
    lines += [
        [row.label, format_euro(row.planned), format_euro(row.actual)]
        + ([format_decimal(row.percent)] if row.percent is not None else [])
        for row in statement.income
    ]
    totals = [statement.expenses_percent, statement.income_percent]
    lines.append([format_euro(statement.actual_expenses), format_euro(statement.actual_income)])
    lines.append([format_decimal(p) for p in totals if p is not None])
    lines.append([format_euro(statement.due), format_euro(statement.overpayment), format_euro(statement.eligible)])
    return lines


def test_page_and_pdf_show_the_same_lines_and_percentages(
    proof, editor, client_for, django_capture_on_commit_callbacks
):
    client = client_for(editor)
    statement = statement_for(proof)
    page = _squashed(unescape(strip_tags(client.get(proof.get_absolute_url()).content.decode())))
    pdf = _squashed(_pdf_text(client, proof, django_capture_on_commit_callbacks))
    figures = _figures(statement)
    assert ["Pädagogische Fachkraft (MIA-DO)", "60.000,00\u00a0€", "58.000,00\u00a0€", "96,67"] in figures
    assert any(line[0] == "Drittmittel" for line in figures)  # the income lines are part of it
    for line in figures:
        for text in line:
            assert _squashed(text) in page, text
            assert _squashed(text) in pdf, text


def test_the_export_lists_the_same_statement(proof, editor, client_for):
    url = reverse("reporting:dashboards:proof_statement_export", kwargs={"pk": proof.pk, "fmt": "csv"})
    rows = [line.split(";") for line in client_for(editor).get(url).content.decode("utf-8-sig").splitlines()]
    assert rows[0][:6] == [
        "Teil",
        "Position des Finanzierungsplans",
        "Art",
        "Laut Zuwendungsbescheid",
        "Ist",
        "Ist in %",
    ]
    mia = next(row for row in rows if row[1] == "Pädagogische Fachkraft (MIA-DO)")
    assert mia[3:6] == ["60000,00", "58000,00", "96,67"]
    expenses = [row for row in rows[1:] if row[0] == "Ausgaben"]
    assert expenses[-1][1] == "Ausgaben gesamt"
    assert sum(D(row[4].replace(",", ".")) for row in expenses[:-1]) == D(expenses[-1][4].replace(",", "."))
    income = [row for row in rows[1:] if row[0] == "Einnahmen"]
    assert [row[1] for row in income] == ["Zuwendung", "Eigenmittel", "Drittmittel", "Einnahmen gesamt"]
    assert income[-1][4] == "110500,00"  # 100.000 € paid out + 9.000 € own funds + 1.500 € third-party funds


def test_another_municipalitys_statement_export_is_a_404(proof, bochum_editor, client_for):
    url = reverse("reporting:dashboards:proof_statement_export", kwargs={"pk": proof.pk, "fmt": "xlsx"})
    assert client_for(bochum_editor).get(url).status_code == 404
