"""Seed the employer cost rates per pay grade for 2012–2027.

The 2012 figures are plausible annual employer costs of one full-time post (gross pay, employer's social
contributions and supplementary pension; for civil servants a pension surcharge), in the order of magnitude of
the KGSt reports "Kosten eines Arbeitsplatzes" of that time. They are not official figures. Later years are
derived with a flat increase of 2.5 % a year (compounded, rounded to full euros), roughly the course of the
collective agreements; the authority corrects single rates on the page "Personalkostensätze".
"""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations

FIRST_YEAR = 2012
LAST_YEAR = 2027
YEARLY_INCREASE = Decimal("0.025")

BASE_RATES_2012 = [
    ("tvoed", "EG 6", Decimal("45900")),
    ("tvoed", "EG 8", Decimal("49800")),
    ("tvoed", "EG 9c", Decimal("56400")),
    ("tvoed", "EG 10", Decimal("59700")),
    ("tvoed", "EG 11", Decimal("63300")),
    ("tvoed", "EG 12", Decimal("67500")),
    ("tvoed", "S 12", Decimal("55800")),
    ("tvoed", "S 15", Decimal("61900")),
    ("tvl", "EG 11", Decimal("62100")),
    ("tvl", "EG 13", Decimal("70300")),
    ("besoldung", "A 12", Decimal("66900")),
    ("besoldung", "A 13", Decimal("74200")),
]


def rate_for(base: Decimal, year: int) -> Decimal:
    factor = (1 + YEARLY_INCREASE) ** (year - FIRST_YEAR)
    return (base * factor).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def seed(apps, schema_editor):
    PayRate = apps.get_model("staffing", "PayRate")
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        for scheme, grade, base in BASE_RATES_2012:
            PayRate.objects.get_or_create(
                year=year, pay_scheme=scheme, pay_grade=grade, defaults={"annual_cost": rate_for(base, year)}
            )


def unseed(apps, schema_editor):
    PayRate = apps.get_model("staffing", "PayRate")
    for scheme, grade, _base in BASE_RATES_2012:
        PayRate.objects.filter(
            year__gte=FIRST_YEAR, year__lte=LAST_YEAR, pay_scheme=scheme, pay_grade=grade
        ).delete()


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
