"""factory_boy factories of the staff plan."""

from datetime import date
from decimal import Decimal

import factory

from staffing.models import FundingSource, PayRate, PayScheme, Post, PostCategory, PostOrigin, StaffPlan
from tests.factories import MunicipalityFactory


class StaffPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffPlan

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2026


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    plan = factory.SubFactory(StaffPlanFactory)
    title = factory.Sequence(lambda n: f"Stelle {n}")
    category = PostCategory.PAED_FACHKRAFT
    fte = Decimal("1.00")
    funding_source = FundingSource.LANDESZUSCHUSS
    origin = PostOrigin.NEU
    pay_scheme = PayScheme.TVOED
    pay_grade = "S 12"
    starts_on = date(2020, 1, 1)
    ends_on = None
    filled_months = 12
    position = factory.Sequence(lambda n: n)


def rate(year: int, scheme: str, grade: str, amount: str) -> PayRate:
    """Set the rate of a grade and year (the data migration already seeds the common grades)."""
    obj, _created = PayRate.objects.update_or_create(
        year=year, pay_scheme=scheme, pay_grade=grade, defaults={"annual_cost": Decimal(amount)}
    )
    return obj
