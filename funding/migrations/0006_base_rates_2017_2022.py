"""The half-years 01.01.2017 to 31.12.2022 get their base rate rows (−0,88 % throughout, Deutsche Bundesbank).

The base rate stayed at −0,88 % from 01.07.2016 to 31.12.2022, and 0004 recorded only the first and the last of
those half-years. Interest is now computed only for half-years that have a row, so each half-year gets its own.
"""

from datetime import date
from decimal import Decimal as D

from django.db import migrations

RATES = [(date(year, month, 1), D("-0.88")) for year in range(2017, 2022) for month in (1, 7)] + [
    (date(2022, 1, 1), D("-0.88"))
]


def load(apps, schema_editor):
    BaseRate = apps.get_model("funding", "BaseRate")
    for valid_from, rate in RATES:
        BaseRate.objects.get_or_create(valid_from=valid_from, defaults={"rate": rate})


class Migration(migrations.Migration):
    dependencies = [("funding", "0005_guideline_editions_2015_2017")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
