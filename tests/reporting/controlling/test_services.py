from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kiz.concurrency import StaleObjectError
from kiz.models import WorkflowEvent
from kiz.workflow import TransitionBlocked, TransitionNotAllowed
from reporting.controlling import services
from reporting.controlling.models import ReportState, StaffingInPlace
from reporting.controlling.rules import DueStatus
from tests.factories import MunicipalityFactory
from tests.funding.factories import PostFactory, StaffPlanFactory
from tests.reporting.controlling.factories import ActivityFactory, ReportFactory, grant, staffing

pytestmark = pytest.mark.django_db


def test_create_prefills_staffing_from_the_staff_plan(dortmund, dortmund_grant):
    plan = StaffPlanFactory(municipality=dortmund, year=2025)
    PostFactory(plan=plan, category="paed_fachkraft", fte=Decimal("1.00"), filled_months=12)
    PostFactory(plan=plan, category="paed_fachkraft", fte=Decimal("1.00"), filled_months=9)
    PostFactory(plan=plan, category="verwaltungsassistenz", fte=Decimal("0.50"), filled_months=6)
    PostFactory(plan=plan, category="lehrkraft", fte=Decimal("1.00"), filled_months=0)
    report = services.report_create(municipality=dortmund, year=2025, period="jahr")
    assert report.state == ReportState.DRAFT
    assert report.due_date == date(2026, 3, 31)
    assert dict(report.staffing.values_list("category", "fte")) == {
        "paed_fachkraft": Decimal("1.75"),
        "verwaltungsassistenz": Decimal("0.25"),
    }


def test_create_refuses_a_year_outside_the_grant(dortmund, dortmund_grant):
    with pytest.raises(services.ControllingError) as exc:
        services.report_create(municipality=dortmund, year=2027, period="jahr")
    assert exc.value.field == "year"
    assert "2027 liegt außerhalb der Förderzeiträume" in str(exc.value.message)


def test_create_refuses_without_any_grant(bochum):
    with pytest.raises(services.ControllingError) as exc:
        services.report_create(municipality=bochum, year=2025, period="jahr")
    assert "kein Zuwendungsbescheid" in str(exc.value.message)


def test_create_refuses_a_second_report_and_a_clashing_half_year(dortmund, dortmund_grant):
    services.report_create(municipality=dortmund, year=2025, period="h1")
    with pytest.raises(services.ControllingError) as exc:
        services.report_create(municipality=dortmund, year=2025, period="jahr")
    assert exc.value.field == "period"
    assert str(exc.value.message) == "2025 wird bereits in Halbjahren berichtet."
    second = services.report_create(municipality=dortmund, year=2025, period="h2")
    assert second.due_date == date(2026, 3, 31)


def test_submit_needs_activities_and_narrative_and_the_lead(dortmund, lead, editor):
    report = ReportFactory(municipality=dortmund, narrative="")
    with pytest.raises(TransitionNotAllowed):
        services.report_submit(report=report, user=editor)
    with pytest.raises(TransitionBlocked) as exc:
        services.report_submit(report=report, user=lead)
    assert exc.value.reasons == [
        "Erfassen Sie vor dem Einreichen mindestens eine Aktivität.",
        "Schreiben Sie vor dem Einreichen einen Kurzbericht.",
    ]
    ActivityFactory(report=report)
    report.narrative = "Kurz berichtet."
    report.save()
    event = services.report_submit(report=report, user=lead)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    assert report.submitted_by == lead
    assert report.submitted_at == event.created_at
    assert list(WorkflowEvent.objects.values_list("from_state", "to_state", "user")) == [
        ("entwurf", "eingereicht", lead.pk)
    ]


def test_submitted_report_refuses_every_write(dortmund, lead):
    report = ReportFactory(municipality=dortmund, state=ReportState.SUBMITTED)
    activity = ActivityFactory(report=report)
    with pytest.raises(services.ReportLocked):
        services.activity_delete(activity=activity, expected_version=activity.version)
    with pytest.raises(services.ReportLocked):
        services.staffing_update(report=report, values={}, expected_version=report.version)


def test_staffing_update_replaces_rows_and_detects_stale_forms(dortmund):
    report = ReportFactory(municipality=dortmund)
    staffing(report, paed_fachkraft="2.00", lehrkraft="1.00")
    services.staffing_update(
        report=report,
        values={"paed_fachkraft": Decimal("1.50"), "lehrkraft": None, "verwaltungsfachkraft": Decimal("1.00")},
        expected_version=1,
    )
    assert dict(StaffingInPlace.objects.values_list("category", "fte")) == {
        "paed_fachkraft": Decimal("1.50"),
        "verwaltungsfachkraft": Decimal("1.00"),
    }
    report.refresh_from_db()
    assert report.version == 2
    with pytest.raises(StaleObjectError):
        services.staffing_update(report=report, values={}, expected_version=1)


def _submitted_report(municipality, *, year=2025, fte="2.00", activities=()):
    report = ReportFactory(municipality=municipality, year=year, state=ReportState.SUBMITTED)
    staffing(report, paed_fachkraft=fte)
    for field, stage, count, institutions in activities:
        ActivityFactory(
            report=report, field_of_action=field, education_stage=stage, count=count, institutions_reached=institutions
        )
    return report


def test_report_indicators_and_state_average(dortmund, bochum):
    own = _submitted_report(
        dortmund,
        fte="4.00",
        activities=[("bildung", "primarstufe", 10, 5), ("bildung", "sek1", 6, 3), ("sport", "", 2, 1)],
    )
    _submitted_report(bochum, fte="2.00", activities=[("kultur", "fruehe_bildung", 3, 7)])
    ReportFactory(municipality=MunicipalityFactory(), year=2025)  # a draft does not count
    _submitted_report(MunicipalityFactory(), year=2024, activities=[("kultur", "", 50, 50)])  # another year
    result = services.report_indicators(own)
    assert result.activities_per_fte == Decimal("4.50")  # 18 / 4
    assert result.field_coverage == Decimal("22.2")  # 2 of 9
    assert result.stage_coverage == Decimal("40.0")  # 2 of 5
    assert result.institutions_reached == Decimal("9")
    average = services.state_average(year=2025, period="jahr")
    assert average.reports == 2
    assert average.activities_per_fte == Decimal("3.00")  # (4.5 + 1.5) / 2
    assert average.field_coverage == Decimal("16.7")  # (22.22 + 11.11) / 2
    assert average.stage_coverage == Decimal("30.0")  # (40 + 20) / 2
    assert average.institutions_reached == Decimal("8.0")  # (9 + 7) / 2


def _many_reports(n, year=2025):
    for _ in range(n):
        _submitted_report(MunicipalityFactory(), year=year, activities=[("bildung", "sek1", 2, 1), ("sport", "", 1, 1)])


def test_state_average_queries_do_not_grow_with_the_data(db):
    _many_reports(3)
    with CaptureQueriesContext(connection) as few:
        services.state_average(year=2025, period="jahr")
    _many_reports(27)
    with CaptureQueriesContext(connection) as many:
        average = services.state_average(year=2025, period="jahr")
    assert average.reports == 30
    assert len(few) == len(many)


def test_state_table_covers_every_municipality_sorted_by_status(dortmund, bochum):
    essen = MunicipalityFactory(name="Essen")
    ReportFactory(municipality=dortmund, year=2025, state=ReportState.SUBMITTED)
    ReportFactory(municipality=essen, year=2025, due_date=date(2026, 12, 1))
    rows = services.state_table(year=2025, today=date(2026, 11, 25))
    assert [(r.municipality.name, r.status, r.report is None) for r in rows] == [
        ("Bochum", DueStatus.OVERDUE, True),
        ("Essen", DueStatus.DUE_SOON, False),
        ("Dortmund", DueStatus.SUBMITTED, False),
    ]
    by_name = services.state_table(year=2025, today=date(2026, 11, 25), sort="name")
    assert [r.municipality.name for r in by_name] == ["Bochum", "Dortmund", "Essen"]


def test_grant_helper_covers_several_years(dortmund):
    grant(dortmund, 2013, until=2017)
    assert services.grant_periods(dortmund) == [(date(2013, 1, 1), date(2017, 12, 31))]
