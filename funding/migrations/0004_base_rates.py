"""The base rate (Basiszinssatz, § 247 BGB) as published by the Deutsche Bundesbank, from 2012 on.

Repayment interest under § 49a Abs. 3 VwVfG NRW is 3 percentage points above it. The values are those published
for each half-year (1 January and 1 July); from 1 July 2016 to 30 June 2022 the rate stayed at −0.88 %, and a
half-year without change is recorded all the same, so every half-year has its row. The value from 1 January 2026
(1.27 %) is the last published one as far as known here and should be checked against the Bundesbank's
announcement; the authority keeps the table up to date in the admin.
"""

from datetime import date
from decimal import Decimal as D

from django.db import migrations

RATES = [
    (date(2012, 1, 1), D("0.12")),
    (date(2012, 7, 1), D("0.12")),
    (date(2013, 1, 1), D("-0.13")),
    (date(2013, 7, 1), D("-0.38")),
    (date(2014, 1, 1), D("-0.63")),
    (date(2014, 7, 1), D("-0.73")),
    (date(2015, 1, 1), D("-0.83")),
    (date(2015, 7, 1), D("-0.83")),
    (date(2016, 1, 1), D("-0.83")),
    (date(2016, 7, 1), D("-0.88")),
    (date(2022, 7, 1), D("-0.88")),
    (date(2023, 1, 1), D("1.62")),
    (date(2023, 7, 1), D("3.12")),
    (date(2024, 1, 1), D("3.62")),
    (date(2024, 7, 1), D("3.37")),
    (date(2025, 1, 1), D("2.27")),
    (date(2025, 7, 1), D("1.27")),
    (date(2026, 1, 1), D("1.27")),
]


def load(apps, schema_editor):
    BaseRate = apps.get_model("funding", "BaseRate")
    for valid_from, rate in RATES:
        BaseRate.objects.get_or_create(valid_from=valid_from, defaults={"rate": rate})


class Migration(migrations.Migration):
    dependencies = [("funding", "0003_calloffs_proof_of_use")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
