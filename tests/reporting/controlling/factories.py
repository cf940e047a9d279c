"""Factories of the controlling tests: grants that allow a report, reports, activities."""

from datetime import date
from decimal import Decimal

import factory

from funding.models import ApplicationState, FundingApplication, GrantNotice
from kiz.choices import FieldOfAction
from reporting.controlling import rules
from reporting.controlling.models import Activity, ActivityKind, ControllingReport, ReportPeriod, StaffingInPlace
from tests.factories import UserFactory


def grant(municipality, year: int, *, until: int | None = None) -> GrantNotice:
    """A granted application with its notice for the calendar years `year` to `until` (default: one year)."""
    application = FundingApplication.objects.create(
        municipality=municipality,
        funding_year=year,
        period_start=date(year, 1, 1),
        period_end=date(until or year, 12, 31),
        state=ApplicationState.GRANTED,
    )
    return GrantNotice.objects.create(
        application=application,
        approved_amount=Decimal("170000.00"),
        period_start=application.period_start,
        period_end=application.period_end,
        file_number=f"36.{municipality.ags}/{year}",
        issued_on=date(year - 1, 12, 1),
        issued_by=UserFactory(),
    )


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ControllingReport

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    year = 2025
    period = ReportPeriod.YEAR
    due_date = factory.LazyAttribute(lambda o: rules.default_due_date(o.year, o.period))
    narrative = "Ein Jahr mit Schwerpunkt Bildung."


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    report = factory.SubFactory(ReportFactory)
    field_of_action = FieldOfAction.EDUCATION
    education_stage = ""
    kind = ActivityKind.ADVICE
    title = factory.Sequence(lambda n: f"Aktivität {n}")
    count = 1
    participants = 0
    institutions_reached = 0
    partners = factory.LazyFunction(list)


def staffing(report, **fte_by_category):
    for category, fte in fte_by_category.items():
        StaffingInPlace.objects.create(report=report, category=category, fte=Decimal(fte))
