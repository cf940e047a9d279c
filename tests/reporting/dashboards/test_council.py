"""The integration council's dashboard: exact figures, Bochum kept out, read-only, constant queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reporting.dashboards import selectors
from tests.factories import MunicipalityFactory

from .conftest import city_figures

pytestmark = pytest.mark.django_db


def url(municipality):
    return reverse("reporting:dashboards:council", kwargs={"ags": municipality.ags})


def test_the_figures_are_exact(dortmund_figures, bochum_figures, dortmund):
    from datetime import date

    dashboard = selectors.council_dashboard(dortmund, today=date(2026, 11, 25))
    assert dashboard.staffing.planned == Decimal("2.50")
    assert dashboard.staffing.filled == Decimal("2.00")  # the second post is filled 6 of 12 months
    by_category = {row["category"]: (row["planned"], row["filled"]) for row in dashboard.staffing.table.rows}
    assert by_category == {
        "Außerschulische pädagogische Fachkraft": (Decimal("2.00"), Decimal("1.50")),
        "Verwaltungsassistenz": (Decimal("0.50"), Decimal("0.50")),
    }
    money = {y.year: (y.requested, y.granted, y.called_off) for y in dashboard.money}
    assert money == {
        # called off: paid and requested, the rejected call-off left out
        2024: (Decimal("310000.00"), Decimal("305432.10"), Decimal("150000.50")),
        2025: (Decimal("320000.00"), None, Decimal("0.00")),
    }
    year = dashboard.money[0]
    # Spent per proof of use: 120.000,00 € personnel + 5.000,25 € interpreter pool + 30.000,00 € own share. The
    # grant pays (2023/2025 edition, full financing up to a maximum): the specialist post at most 57.000 € × 1,00
    # FTE × 12/12, the pool its 5.000,25 € in full = 62.000,25 €; the city's own funds the other 93.000,00 €.
    assert (year.spent, year.grant_used, year.other_funds) == (
        Decimal("155000.25"),
        Decimal("62000.25"),
        Decimal("93000.00"),
    )
    assert (year.repayment, year.interest) == (None, None)  # not checked yet
    assert dashboard.money[1].spent is None
    assert dashboard.totals == {
        "requested": Decimal("630000.00"),
        "granted": Decimal("305432.10"),
        "called_off": Decimal("150000.50"),
        "spent": Decimal("155000.25"),
        "grant_used": Decimal("62000.25"),
        "other_funds": Decimal("93000.00"),
        "repayment": Decimal("0.00"),
        "interest": Decimal("0.00"),
    }
    assert dashboard.activities.total == 9
    education = dashboard.activities.table.rows[0]
    assert (education["stage0"], education["stage1"], education["total"]) == (4, 3, 7)
    assert dashboard.activities.table.footer["stage5"] == 2  # health, no stage
    deadlines = [(d.due.isoformat(), d.what, d.status) for d in dashboard.deadlines]
    assert deadlines == [
        ("2026-03-31", "Controllingbericht 2025", "overdue"),
        ("2099-06-30", "Ratsbeschluss Fortschreibung Dortmund (Rat / Kreistag)", "open"),
    ]


def test_the_repayment_and_interest_the_authority_fixed_are_shown_apart_from_the_grant(
    dortmund_figures, dortmund, council, client_for
):
    from datetime import date

    from funding.models import ProofOfUse

    ProofOfUse.objects.filter(application__municipality=dortmund).update(
        checked_on=date(2025, 6, 2),
        repayment_amount=Decimal("1234.56"),
        interest_amount=Decimal("12.34"),
    )
    dashboard = selectors.council_dashboard(dortmund, today=date(2026, 11, 25))
    assert (dashboard.money[0].repayment, dashboard.money[0].interest) == (Decimal("1234.56"), Decimal("12.34"))
    html = client_for(council).get(url(dortmund)).content.decode()
    assert 'data-figure="repayment">1.234,56\u00a0€<' in html
    assert 'data-figure="interest">12,34\u00a0€<' in html
    assert 'data-figure="grant_used">62.000,25\u00a0€<' in html
    assert 'data-figure="other_funds">93.000,00\u00a0€<' in html


def test_a_granted_year_without_proof_of_use_is_an_open_deadline(dortmund_figures, dortmund):
    from datetime import date

    from funding.models import ProofOfUse

    ProofOfUse.objects.all().delete()
    dashboard = selectors.council_dashboard(dortmund, today=date(2025, 3, 10))
    assert ("2025-03-31", "Verwendungsnachweis 2024", "due_soon") in [
        (d.due.isoformat(), d.what, d.status) for d in dashboard.deadlines
    ]


def test_the_council_member_reads_the_dashboard_with_the_figures_in_german(
    dortmund_figures, bochum_figures, dortmund, council, client_for
):
    response = client_for(council).get(url(dortmund))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dashboard Integrationsrat – Dortmund" in html
    assert 'data-figure="planned">2,50<' in html
    assert 'data-figure="filled">2,00<' in html
    for amount in ("630.000,00", "305.432,10", "150.000,50", "155.000,25", "62.000,25", "93.000,00"):
        assert f"{amount}\u00a0€" in html
    assert "Ratsbriefing als PDF" in html
    assert "Integrationsrat Dortmund informiert" in html  # the council process
    # Bochum's figures (three times Dortmund's) and steps are not on Dortmund's dashboard
    for amount in ("930.000,00", "916.296,30", "1.890.000,00", "450.001,50"):
        assert amount not in html
    assert "Bochum" not in html
    # the council reads; there is nothing to edit on the page
    assert "bearbeiten" not in html.lower().replace("bearbeitung", "")
    assert "Erika Mustermann" not in html and "Max Beispiel" not in html


def test_another_municipalitys_dashboard_is_a_404(
    dortmund_figures, bochum_figures, bochum, council, editor, client_for
):
    for user in (council, editor):
        assert client_for(user).get(url(bochum)).status_code == 404


def test_state_roles_see_any_municipalitys_dashboard(bochum_figures, bochum, coordination, authority, client_for):
    for user in (coordination, authority):
        html = client_for(user).get(url(bochum)).content.decode()
        assert "930.000,00\u00a0€" in html  # Bochum's requested total


def test_the_dashboard_is_read_only(dortmund_figures, dortmund, council, client_for):
    assert client_for(council).post(url(dortmund)).status_code == 405


def test_the_index_leads_each_role_to_its_dashboard(dortmund, council, coordination, client_for):
    response = client_for(council).get(reverse("reporting:dashboards:index"))
    assert response["Location"] == url(dortmund)
    response = client_for(coordination).get(reverse("reporting:dashboards:index"))
    assert response["Location"] == reverse("reporting:dashboards:state")


def test_the_dashboard_costs_the_same_queries_with_ten_times_the_data(
    dortmund, council, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(council)
    other = MunicipalityFactory()
    city_figures(dortmund)
    city_figures(other)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(dortmund)).status_code == 200
    for year_offset in range(1, 10):
        _more_years(dortmund, year_offset)
    with CaptureQueriesContext(connection) as many:
        html = client.get(url(dortmund)).content.decode()
    assert "2015" in html  # the extra years are shown
    assert len(many.captured_queries) == len(few.captured_queries)


def _more_years(municipality, offset):
    """Another granted year with call-offs and a proof, more posts and activities, another council step."""
    from datetime import date

    from funding.models import CallOffState, ProofLineKind, ProofState
    from kiz.choices import FieldOfAction
    from reporting.controlling.models import ControllingReport
    from staffing.models import StaffPlan
    from tests.concepts.factories import CouncilStepFactory
    from tests.factories import UserFactory
    from tests.funding.factories import PostFactory
    from tests.reporting.controlling.factories import ActivityFactory

    from .conftest import call_off, granted, proof

    user = UserFactory()
    year = 2024 - offset
    application = granted(municipality, year, requested=100000, approved=90000, user=user)
    for _ in range(3):
        call_off(application, 1000, CallOffState.PAID, user)
    proof(application, year, ProofState.SUBMITTED, [(ProofLineKind.POST, "Stelle", 1000, 900)] * 1)
    plan = StaffPlan.objects.filter(municipality=municipality).order_by("-year").first()
    PostFactory(plan=plan, title=f"Zusatzstelle {offset}")
    report = ControllingReport.objects.filter(municipality=municipality, year=2024).get()
    ActivityFactory.create_batch(3, report=report, field_of_action=FieldOfAction.SPORT)
    CouncilStepFactory(municipality=municipality, planned_date=date(2030 + offset, 1, 1))


def test_a_city_without_data_gets_an_empty_dashboard(bochum, bochum_editor, client_for):
    html = client_for(bochum_editor).get(url(bochum)).content.decode()
    assert "Es ist noch kein Stellenplan erfasst." in html
    assert "Es gibt keine offenen Fristen." in html


def test_the_briefing_button_requests_the_council_briefing(
    dortmund_figures, dortmund, council, client_for, django_capture_on_commit_callbacks
):
    from reporting.models import ReportDocument, ReportKind, ReportStatus

    client = client_for(council)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:document_request"), {"kind": "council_briefing", "municipality": dortmund.ags}
        )
    document = ReportDocument.objects.get()
    assert response["Location"] == document.get_absolute_url()
    assert (document.kind, document.municipality, document.status) == (
        ReportKind.COUNCIL_BRIEFING,
        dortmund,
        ReportStatus.DONE,
    )


def test_the_briefing_is_the_dashboard_as_a_document(dortmund_figures, bochum_figures, dortmund):
    import io

    from pypdf import PdfReader

    from reporting import pdf
    from reporting.contents import build_council_briefing
    from reporting.models import ReportDocument, ReportKind
    from reporting.registry import get

    content = build_council_briefing(ReportDocument(kind=ReportKind.COUNCIL_BRIEFING, municipality=dortmund))
    rendered = pdf.render_pdf(
        get(ReportKind.COUNCIL_BRIEFING).template, content.context, title=content.title, author="A", as_of=content.as_of
    )
    reader = PdfReader(io.BytesIO(rendered.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    for amount in ("630.000,00", "305.432,10", "150.000,50", "62.000,25", "93.000,00"):
        assert f"{amount}\u00a0€" in text
    assert "Integrationsrat Dortmund informiert" in text
    assert "Controllingbericht 2025" in text  # open deadline
    assert "Bochum" not in text and "930.000,00" not in text
    assert "Erika Mustermann" not in text
    assert 2 <= rendered.page_count <= 8


def test_drafts_are_neither_on_the_dashboard_nor_printable(
    dortmund_figures, dortmund, council, client_for, django_capture_on_commit_callbacks
):
    from reporting.contents import find_application
    from reporting.models import ReportDocument
    from tests.funding.factories import application_for

    draft = application_for(dortmund, 2026, requested=Decimal("123456.78"))
    html = client_for(council).get(url(dortmund)).content.decode()
    assert "123.456,78" not in html
    assert 'kern-table__cell">2026</th>' not in html  # no row for the draft year
    assert find_application(dortmund, draft.pk) is None
    with django_capture_on_commit_callbacks(execute=True):
        client_for(council).post(
            reverse("reporting:document_request"),
            {"kind": "application", "municipality": dortmund.ags, "subject": draft.pk},
        )
    assert not ReportDocument.objects.exists()
