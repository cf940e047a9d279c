"""The PDF kinds about one object: application, grant notice, controlling report, proof of use."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from funding.models import FundingApplication, ProofOfUse
from reporting.controlling.models import ControllingReport, ReportState
from reporting.models import ReportDocument, ReportKind, ReportStatus

pytestmark = pytest.mark.django_db


def request_pdf(client, capture, kind, municipality, subject=None):
    data = {"kind": kind, "municipality": municipality.ags}
    if subject is not None:
        data["subject"] = subject
    with capture(execute=True):
        response = client.post(reverse("reporting:document_request"), data)
    return response


def pdf_text(document) -> tuple[str, int, PdfReader]:
    document.refresh_from_db()
    assert document.status == ReportStatus.DONE, document.error_detail
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages), reader


def test_the_application_as_submitted(
    dortmund_figures, bochum_figures, dortmund, editor, client_for, django_capture_on_commit_callbacks
):
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2025)
    response = request_pdf(
        client_for(editor), django_capture_on_commit_callbacks, "application", dortmund, application.pk
    )
    document = ReportDocument.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert document.subject_id == application.pk
    text, pages, reader = pdf_text(document)
    assert reader.metadata.title == "Förderantrag 2025 – Dortmund"
    assert 2 <= pages <= 5
    assert "320.000,00\u00a0€" in text  # requested
    for expected in ("60.000,00\u00a0€", "30.000,00\u00a0€", "20.000,00\u00a0€"):  # rate × FTE × months/12
        assert expected in text
    assert "× 6/12" in text  # the calculation of the post filled six months
    assert "Pädagogische Fachkraft B" in text and "Stellenplan" in text
    assert "Erika Mustermann" not in text  # no names of post holders
    assert "Ergebnis der Regelprüfung" in text
    assert "Bochum" not in text and "960.000,00" not in text


def test_a_subject_of_another_municipality_is_refused(
    dortmund_figures, bochum_figures, dortmund, bochum, editor, client_for, django_capture_on_commit_callbacks
):
    bochums = FundingApplication.objects.get(municipality=bochum, funding_year=2025)
    client = client_for(editor)
    response = request_pdf(client, django_capture_on_commit_callbacks, "application", dortmund, bochums.pk)
    assert response.status_code == 400 and not ReportDocument.objects.exists()  # Dortmund has no such application
    response = request_pdf(client, django_capture_on_commit_callbacks, "application", bochum, bochums.pk)
    assert response.status_code == 400 and not ReportDocument.objects.exists()  # Bochum is not a choice


def test_the_grant_notice(dortmund_figures, dortmund, council, client_for, django_capture_on_commit_callbacks):
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2024)
    request_pdf(client_for(council), django_capture_on_commit_callbacks, "grant_notice", dortmund, application.pk)
    text, pages, reader = pdf_text(ReportDocument.objects.get())
    assert reader.metadata.title == "Zuwendungsbescheid 2024 – Dortmund"
    assert pages == 1
    assert "305.432,10\u00a0€" in text and "310.000,00\u00a0€" in text
    assert "36.08.01-2024/05913000" in text
    assert "01.01.2024 – 31.12.2024" in text
    assert "Verwendungsnachweis bis 31.03. des Folgejahres." in text
    assert "Die Zuwendung wird wie beantragt bewilligt." in text  # no reason given


def test_the_controlling_report(dortmund_figures, dortmund, lead, client_for, django_capture_on_commit_callbacks):
    report = ControllingReport.objects.get(municipality=dortmund, state=ReportState.SUBMITTED)
    request_pdf(client_for(lead), django_capture_on_commit_callbacks, "controlling_report", dortmund, report.pk)
    text, pages, reader = pdf_text(ReportDocument.objects.get())
    assert reader.metadata.title == "Controllingbericht 2024 – Dortmund"
    assert "Kennzahlen im Vergleich zum Landesdurchschnitt" in text
    assert "Ein Jahr mit Schwerpunkt Bildung." in text
    assert "Anzahl aller Aktivitäten 9" in text
    assert "Frühe Bildung" in text and "Gesundheit" in text


def test_the_proof_of_use_compares_per_notice_with_actual_in_euro_and_percent(
    dortmund_figures, dortmund, editor, client_for, django_capture_on_commit_callbacks
):
    proof = ProofOfUse.objects.get(application__municipality=dortmund)
    ProofOfUse.objects.filter(pk=proof.pk).update(
        checked_on=date(2025, 6, 2),
        eligible_costs=Decimal("125000.25"),
        grant_due=Decimal("125000.25"),
        paid_total=Decimal("126234.81"),
        repayment_amount=Decimal("1234.56"),
        repayment_due_on=date(2025, 7, 1),
        interest_amount=Decimal("12.34"),
        interest_until=date(2025, 7, 1),
    )
    request_pdf(client_for(editor), django_capture_on_commit_callbacks, "proof_of_use", dortmund, proof.pk)
    text, pages, reader = pdf_text(ReportDocument.objects.get())
    assert reader.metadata.title == "Verwendungsnachweis 2024 – Dortmund"
    assert "155.000,00\u00a0€" in text and "155.000,25\u00a0€" in text  # totals per notice and actual
    assert "100,0" in text
    assert "1.234,56\u00a0€" in text and "12,34\u00a0€" in text and "01.07.2025" in text
    assert "Eine Stelle war sechs Monate unbesetzt." in text  # Sachbericht


def test_without_a_subject_the_latest_suitable_object_is_reported(dortmund_figures, dortmund):
    from reporting.contents import find_application, find_controlling_report, find_granted_application, find_proof

    assert find_application(dortmund).funding_year == 2025
    assert find_granted_application(dortmund).funding_year == 2024
    assert find_controlling_report(dortmund).year == 2024
    assert find_proof(dortmund).year == 2024


def test_a_municipality_without_the_object_gets_a_german_explanation_and_no_document(
    bochum, bochum_editor, client_for, django_capture_on_commit_callbacks
):
    response = request_pdf(client_for(bochum_editor), django_capture_on_commit_callbacks, "grant_notice", bochum)
    assert response.status_code == 400
    assert (
        "Kein Bericht für Bochum: Es gibt keinen Zuwendungsbescheid, über den berichtet werden kann."
        in response.content.decode()
    )
    assert not ReportDocument.objects.exists()  # no document that could only fail


def test_a_document_whose_subject_vanished_fails_with_a_german_explanation(bochum, bochum_editor):
    from reporting import services

    document = ReportDocument.objects.create(kind="grant_notice", municipality=bochum, requested_by=bochum_editor)
    services.report_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == ReportStatus.FAILED
    assert document.error == "Es gibt keinen Zuwendungsbescheid, über den berichtet werden kann."


def test_the_pages_offer_the_pdf_button(dortmund_figures, dortmund, editor, client_for):
    client = client_for(editor)
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2024)
    report = ControllingReport.objects.get(municipality=dortmund, state=ReportState.SUBMITTED)
    proof = ProofOfUse.objects.get(application__municipality=dortmund)
    pages = {
        "application": (reverse("funding:application_detail", kwargs={"pk": application.pk}), application.pk),
        "grant_notice": (reverse("funding:grant_detail", kwargs={"pk": application.pk}), application.pk),
        "controlling_report": (report.get_absolute_url(), report.pk),
        "proof_of_use": (proof.get_absolute_url(), proof.pk),
    }
    for kind, (url, subject) in pages.items():
        html = client.get(url).content.decode()
        assert "Als PDF erzeugen" in html, kind
        assert f'name="kind" value="{kind}"' in html and f'name="subject" value="{subject}"' in html, kind


def test_another_municipalitys_document_of_a_new_kind_is_a_404(
    dortmund_figures, dortmund, editor, bochum_editor, client_for, django_capture_on_commit_callbacks
):
    application = FundingApplication.objects.get(municipality=dortmund, funding_year=2024)
    request_pdf(client_for(editor), django_capture_on_commit_callbacks, "grant_notice", dortmund, application.pk)
    document = ReportDocument.objects.get()
    client = client_for(bochum_editor)
    for name in ("document_detail", "document_download", "document_status"):
        assert client.get(reverse(f"reporting:{name}", kwargs={"pk": document.pk})).status_code == 404


def test_the_state_overview_renders_from_the_dashboard(nrw):
    from reporting import pdf
    from reporting.contents import build_state_overview
    from reporting.registry import get

    content = build_state_overview(ReportDocument(kind=ReportKind.STATE_OVERVIEW))
    assert len(content.context["table"].rows) == 54
    rendered = pdf.render_pdf(
        get(ReportKind.STATE_OVERVIEW).template, content.context, title=content.title, author="A", as_of=content.as_of
    )
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.content)).pages)
    assert "Karte der KIZ: Bewilligt" in text
    assert "Überfällige Berichte" in text
    assert rendered.page_count >= 3
