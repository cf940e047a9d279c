"""Settlement of a fixed amount (Festbetrag) at the proof of use, worked out by hand."""

from decimal import Decimal as D

import pytest

from .test_proof_of_use import _line, _statement

pytestmark = pytest.mark.django_db


def test_fixed_amount_is_settled_at_the_personnel_costs_spent_whatever_the_own_expenses():
    """2018 edition, kreisfreie Stadt: Festbetrag 5 × 50.000 € + 0,5 × 40.000 € = 270.000 €.

    Personnel costs spent: 5 × 40.000 € + 15.000 € = 215.000 €; the city spent 40.000 € on rooms and 25.000 € on
    administration of its own money, which are not eligible. The grant is reduced to 215.000 €.
    """
    lines = [
        *[
            _line("post", f"fachkraft_{n}", D("40000.00"), category="paed_fachkraft", fte=D("1.00"), months=12)
            for n in range(5)
        ],
        _line("post", "assistenz", D("15000.00"), category="verwaltungsassistenz", fte=D("0.50"), months=12),
        _line("own", "own_rooms", D("40000.00")),
        _line("own", "own_admin_travel", D("25000.00")),
    ]
    statement = _statement(2019, lines, D("270000.00"), D("270000.00"))
    assert statement.personnel_eligible == 5 * D("50000.00") + D("20000.00")  # the fixed amounts: 270.000 €
    assert statement.personnel_spent == 5 * D("40000.00") + D("15000.00")  # 215.000 €
    assert statement.actual_expenses == D("215000.00") + D("40000.00") + D("25000.00")  # 280.000 € in all
    assert statement.due == D("215000.00")
    assert statement.overpayment == D("270000.00") - D("215000.00")  # 55.000 € to be repaid
    assert "215.000,00\u00a0€" in statement.due_explanation


def test_fixed_amount_is_not_reduced_when_the_personnel_costs_spent_exceed_it():
    lines = [
        _line("post", "fachkraft", D("58000.00"), category="paed_fachkraft", fte=D("1.00"), months=12),
        _line("own", "own_rooms", D("0.00")),
    ]
    statement = _statement(2019, lines, D("50000.00"), D("50000.00"))
    assert statement.due == D("50000.00")  # min(50.000 € fixed, 58.000 € spent)
    assert statement.overpayment == D("0.00")


def test_municipal_posts_do_not_count_as_personnel_costs_spent():
    lines = [
        _line("post", "fachkraft", D("30000.00"), category="paed_fachkraft", fte=D("1.00"), months=12),
        _line("post", "kommunal", D("30000.00"), category="paed_fachkraft", source="kommunal", fte=D("1.00")),
    ]
    statement = _statement(2019, lines, D("50000.00"), D("50000.00"))
    assert statement.personnel_spent == D("30000.00")
    assert statement.due == D("30000.00")  # min(50.000 € fixed, 30.000 € spent on the grant-funded post)
