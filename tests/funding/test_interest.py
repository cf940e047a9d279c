"""Repayment interest: 3 points above the base rate, piecewise across base-rate changes, act/365, per payout."""

from datetime import date
from decimal import Decimal as D

import pytest

from funding.interest.calculation import (
    MissingBaseRate,
    Payout,
    allocate_overpayment,
    missing_half_years,
    overpayment_interest,
    repayment_interest,
    total_interest,
)
from funding.interest.services import base_rates
from funding.models import BaseRate

RATES = [
    (date(2014, 7, 1), D("-0.73")),
    (date(2015, 1, 1), D("-0.83")),
    (date(2022, 7, 1), D("-0.88")),
    (date(2023, 1, 1), D("1.62")),
    (date(2023, 7, 1), D("3.12")),
]


def test_worked_example_across_a_base_rate_change():
    """10.000,00 € paid out 15.12.2022, repaid 15.03.2023: 16 days at 2,12 %, 74 days at 4,62 %."""
    calc = repayment_interest(
        principal=D("10000.00"), paid_out_on=date(2022, 12, 15), repaid_on=date(2023, 3, 15), base_rates=RATES
    )
    assert [(p.first_day, p.last_day, p.days, p.base_rate, p.rate, p.amount) for p in calc.periods] == [
        (date(2022, 12, 16), date(2022, 12, 31), 16, D("-0.88"), D("2.12"), D("9.29")),  # 10000 × 2.12 % × 16/365
        (date(2023, 1, 1), date(2023, 3, 15), 74, D("1.62"), D("4.62"), D("93.67")),  # 10000 × 4.62 % × 74/365
    ]
    assert calc.days == 90
    assert calc.total == D("102.96")


def test_three_periods():
    calc = repayment_interest(
        principal=D("10000.00"), paid_out_on=date(2022, 12, 15), repaid_on=date(2023, 7, 10), base_rates=RATES
    )
    # 16 days at 2.12 %, 181 days (01.01.–30.06.) at 4.62 %, 10 days at 6.12 %
    assert [p.days for p in calc.periods] == [16, 181, 10]
    assert [p.amount for p in calc.periods] == [D("9.29"), D("229.10"), D("16.77")]
    assert calc.total == D("255.16")


def test_a_single_day_and_no_day():
    one = repayment_interest(
        principal=D("36500.00"), paid_out_on=date(2023, 2, 1), repaid_on=date(2023, 2, 2), base_rates=RATES
    )
    assert one.days == 1 and one.total == D("4.62")  # 36500 × 4.62 % / 365
    none = repayment_interest(
        principal=D("36500.00"), paid_out_on=date(2023, 2, 1), repaid_on=date(2023, 2, 1), base_rates=RATES
    )
    assert none.periods == [] and none.total == D("0.00")


def test_leap_year_counts_366_days_at_act_365():
    rates = [(date(2024, 1, 1), D("2.00")), (date(2024, 7, 1), D("2.00"))]
    calc = repayment_interest(
        principal=D("1000.00"), paid_out_on=date(2023, 12, 31), repaid_on=date(2024, 12, 31), base_rates=rates
    )
    assert calc.days == 366
    assert calc.total == D("50.14")  # 1000 × 5 % × 366/365 = 50.136…


def test_a_rate_below_minus_three_counts_as_zero():
    calc = repayment_interest(
        principal=D("1000.00"),
        paid_out_on=date(2030, 1, 1),
        repaid_on=date(2030, 3, 1),
        base_rates=[(date(2030, 1, 1), D("-3.50"))],
    )
    assert calc.periods[0].rate == D("0") and calc.total == D("0.00")


def test_missing_base_rate_is_reported_with_the_day():
    with pytest.raises(MissingBaseRate) as exc:
        repayment_interest(
            principal=D("1.00"), paid_out_on=date(2014, 5, 1), repaid_on=date(2014, 8, 1), base_rates=RATES
        )
    assert exc.value.day == date(2014, 5, 2)
    assert (exc.value.first_day, exc.value.last_day) == (date(2014, 1, 1), date(2014, 6, 30))


def test_the_last_rate_is_not_carried_into_a_half_year_without_a_row():
    """RATES end with 01.07.2023: a repayment on 15.01.2024 falls into a half-year nobody has recorded."""
    with pytest.raises(MissingBaseRate) as exc:
        repayment_interest(
            principal=D("30000.00"), paid_out_on=date(2023, 12, 1), repaid_on=date(2024, 1, 15), base_rates=RATES
        )
    assert exc.value.message == (
        "Für das Halbjahr 01.01.2024 – 30.06.2024 ist kein Basiszinssatz erfasst; die Zinsen können erst "
        "berechnet werden, wenn die Bewilligungsbehörde ihn erfasst hat (Basiszinssätze)."
    )
    # a gap between two recorded rows is refused as well: 2015 to mid-2022 have no row in RATES
    with pytest.raises(MissingBaseRate) as exc:
        repayment_interest(
            principal=D("1.00"), paid_out_on=date(2015, 6, 1), repaid_on=date(2015, 8, 1), base_rates=RATES
        )
    assert exc.value.first_day == date(2015, 7, 1)


def test_half_years_at_the_same_rate_form_one_period():
    rates = [(date(2017, 1, 1), D("-0.88")), (date(2017, 7, 1), D("-0.88")), (date(2018, 1, 1), D("-0.88"))]
    calc = repayment_interest(
        principal=D("36500.00"), paid_out_on=date(2017, 3, 31), repaid_on=date(2018, 3, 31), base_rates=rates
    )
    # one period of 365 days at −0,88 % + 3 = 2,12 %: 36.500 € × 2,12 % × 365/365 = 773,80 €
    assert [(p.first_day, p.last_day, p.days, p.amount) for p in calc.periods] == [
        (date(2017, 4, 1), date(2018, 3, 31), 365, D("773.80"))
    ]


def test_missing_half_years():
    recorded = [date(2022, 7, 1), date(2023, 7, 1), date(2024, 1, 1)]
    assert missing_half_years(recorded, date(2024, 8, 1)) == [
        (date(2023, 1, 1), date(2023, 6, 30)),
        (date(2024, 7, 1), date(2024, 12, 31)),
    ]
    assert missing_half_years([], date(2024, 8, 1)) == []


def test_overpayment_is_attributed_to_the_latest_payouts_first():
    payouts = [Payout(date(2014, 3, 28), D("100000.00")), Payout(date(2014, 11, 15), D("65000.00"))]
    assert allocate_overpayment(D("70000.00"), payouts) == [
        Payout(date(2014, 11, 15), D("65000.00")),
        Payout(date(2014, 3, 28), D("5000.00")),
    ]
    assert allocate_overpayment(D("10000.00"), payouts) == [Payout(date(2014, 11, 15), D("10000.00"))]


def test_interest_on_an_overpayment_from_the_last_payout():
    """10.000,00 € of the payout on 15.11.2014, repaid 15.03.2015: 46 days at 2,27 %, 74 days at 2,17 %."""
    payouts = [Payout(date(2014, 3, 28), D("100000.00")), Payout(date(2014, 11, 15), D("65000.00"))]
    (calc,) = overpayment_interest(
        overpayment=D("10000.00"), payouts=payouts, repaid_on=date(2015, 3, 15), base_rates=RATES
    )
    assert [(p.days, p.rate, p.amount) for p in calc.periods] == [
        (46, D("2.27"), D("28.61")),
        (74, D("2.17"), D("43.99")),
    ]
    assert total_interest([calc]) == D("72.60")


def test_seeded_base_rates(db):
    rates = dict(base_rates())
    half_years = [date(year, month, 1) for year in range(2012, 2027) for month in (1, 7)][:-1]
    assert sorted(rates) == half_years  # every half-year from 01.01.2012 to 01.01.2026 has its row
    assert {rates[day] for day in half_years if date(2016, 7, 1) <= day <= date(2022, 7, 1)} == {D("-0.88")}
    assert rates[date(2016, 7, 1)] == D("-0.88")
    assert rates[date(2023, 1, 1)] == D("1.62")
    assert rates[date(2024, 1, 1)] == D("3.62")
    assert rates[date(2025, 7, 1)] == D("1.27")
    assert BaseRate.objects.filter(valid_from__lt=date(2012, 1, 1)).count() == 0
    # the worked example with the seeded table gives the same cents
    calc = repayment_interest(
        principal=D("10000.00"), paid_out_on=date(2022, 12, 15), repaid_on=date(2023, 3, 15), base_rates=base_rates()
    )
    assert calc.total == D("102.96")


def test_authority_records_and_corrects_base_rates_on_the_page(client_for, authority, lead):
    from django.urls import reverse

    url = reverse("funding:base_rates")
    client = client_for(authority)
    page = client.get(url).content.decode()
    assert "01.07.2016" in page and "-0,88 %" in page and "2,12 %" in page  # −0,88 + 3
    assert client.post(url, {"valid_from": "2026-07-01", "rate": "-0,50"}).status_code == 302
    assert BaseRate.objects.get(valid_from=date(2026, 7, 1)).rate == D("-0.50")
    assert client.post(url, {"valid_from": "2026-07-01", "rate": "1,02"}).status_code == 302
    rate = BaseRate.objects.get(valid_from=date(2026, 7, 1))
    assert rate.rate == D("1.02") and rate.history.count() == 2
    assert client.post(url, {"valid_from": "2026-07-01", "rate": "\u22120,75"}).status_code == 302  # as published
    assert BaseRate.objects.get(valid_from=date(2026, 7, 1)).rate == D("-0.75")
    assert (
        "Bitte eine Zahl eingeben, geschrieben wie „-0,88“ oder „-0.88“."
        in client.post(url, {"valid_from": "2026-07-01", "rate": "x"}).content.decode()
    )
    city = client_for(lead)
    assert city.get(url).status_code == 200 and "Basiszinssatz erfassen" not in city.get(url).content.decode()
    assert city.post(url, {"valid_from": "2027-01-01", "rate": "1,00"}).status_code == 403
    assert not BaseRate.objects.filter(valid_from=date(2027, 1, 1)).exists()
