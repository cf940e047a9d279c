"""Factories and helpers of the funding tests: staff plans with posts at known rates, applications."""

from datetime import date
from decimal import Decimal

import factory

from concepts.models import IntegrationConcept
from funding.applications import services
from funding.guidelines.rules import guideline_for
from funding.models import ApplicationItem, FundingApplication, Guideline
from staffing.models import FundingSource, PayRate, Post, PostCategory, StaffPlan
from tests.concepts.factories import full_concept

# Test pay grades with round annual rates, so that every expected euro amount can be worked out by hand.
RATES = {"T 60": Decimal("60000.00"), "T 45": Decimal("45000.00"), "T 40": Decimal("40000.00")}


def ensure_rates(year: int):
    for grade, amount in RATES.items():
        PayRate.objects.get_or_create(year=year, pay_scheme="tvoed", pay_grade=grade, defaults={"annual_cost": amount})


class StaffPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPlan
        django_get_or_create = ("municipality", "year")
        skip_postgeneration_save = True

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    year = 2014

    @factory.post_generation
    def rates(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            ensure_rates(obj.year)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    plan = factory.SubFactory(StaffPlanFactory)
    title = factory.Sequence(lambda n: f"Stelle {n}")
    category = PostCategory.PAED_FACHKRAFT
    fte = Decimal("1.00")
    funding_source = FundingSource.LANDESZUSCHUSS
    origin = "neu"
    pay_scheme = "tvoed"
    pay_grade = "T 60"
    starts_on = date(2012, 1, 1)
    ends_on = None
    filled_months = 12


def edition(year: int) -> Guideline:
    """The edition in force in a funding year."""
    return guideline_for(date(year, 1, 1))


def application_for(municipality, year: int, *, requested=None, state=None, **kwargs) -> FundingApplication:
    """A draft (or an application put into `state` directly, for fixtures) for the year."""
    application = services.application_create(municipality=municipality, funding_year=year)
    for key, value in kwargs.items():
        setattr(application, key, value)
    application.requested_grant = requested
    if state is not None:
        application.state = state
    application.save()
    return application


def add_item(application, amount):
    rule = application.guideline.extra_items.get()
    return ApplicationItem.objects.create(application=application, rule=rule, amount=Decimal(amount))


def concept_ok(municipality, adopted=date(2013, 6, 1)):
    """An adopted, complete integration concept, so the concept prerequisites hold."""
    return full_concept(municipality, resolution_date=adopted, plan_start=adopted)


def concepts_every_three_years(municipality):
    """Adopted concepts of 2012, 2015, …, 2024, so every funding year 2013–2027 has one younger than 3 years."""
    years = list(range(2012, 2025, 3))
    concepts = []
    for year, successor in zip(years, [*years[1:], None], strict=True):
        extra = {}
        if successor is not None:
            extra = {"status": IntegrationConcept.Status.SUPERSEDED, "superseded_on": date(successor, 3, 1)}
        concepts.append(
            full_concept(municipality, resolution_date=date(year, 3, 1), plan_start=date(year, 3, 1), **extra)
        )
    return concepts


def dortmund_2012_plan(municipality, year=2014):
    """Dortmund under the 2012 edition: 2 pedagogical specialists, 1 admin specialist, 0.5 assistant, 2 teachers."""
    plan = StaffPlanFactory(municipality=municipality, year=year)
    PostFactory(plan=plan, title="Pädagogische Fachkraft (MIA-DO)", pay_grade="T 60")
    PostFactory(plan=plan, title="Pädagogische Fachkraft (Schulverwaltung)", pay_grade="T 45")
    PostFactory(plan=plan, title="Verwaltungsfachkraft", category=PostCategory.VERWALTUNGSFACHKRAFT)
    PostFactory(
        plan=plan,
        title="Verwaltungsassistenz",
        category=PostCategory.VERWALTUNGSASSISTENZ,
        fte=Decimal("0.50"),
        pay_grade="T 45",
    )
    for n in (1, 2):
        PostFactory(
            plan=plan,
            title=f"Lehrkraft {n} (ehem. RAA)",
            category=PostCategory.LEHRKRAFT,
            funding_source=FundingSource.LEHRKRAFT_MSW,
            pay_scheme="besoldung",
            pay_grade="A 13",
        )
    return plan
