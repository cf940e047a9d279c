"""Numbers typed the German way: every money and FTE field takes 1.000,50, 1000,50 and 1000.50."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kiz.forms import FteField, MoneyField


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("1.000,50", "1000.50"),
        ("1000,50", "1000.50"),
        ("1000.50", "1000.50"),
        ("1.000", "1000"),  # as the application writes one thousand
        ("12.345.678,9", "12345678.9"),
        ("170.000,00 €", "170000.00"),
        (" 1 000,50 ", "1000.50"),
        ("0,5", "0.5"),
        (",5", "0.5"),
        ("7", "7"),
    ],
)
def test_money_is_read_the_way_the_application_shows_it(typed, value):
    assert MoneyField(min_value=Decimal("0")).clean(typed) == Decimal(value)


@pytest.mark.parametrize("typed", ["abc", "1,000.50", "1.00,5", "1.2.3", "1e5", "NaN", "1,5,0", "--1"])
def test_anything_else_is_refused_with_the_accepted_forms(typed):
    with pytest.raises(ValidationError) as error:
        MoneyField().clean(typed)
    assert error.value.messages == ["Bitte eine Zahl eingeben, geschrieben wie „1.000,50“, „1000,50“ oder „1000.50“."]


def test_too_many_decimals_say_how_many_and_show_an_example():
    with pytest.raises(ValidationError) as error:
        MoneyField().clean("0.755")
    assert error.value.messages == ["Bitte höchstens 2 Nachkommastellen eingeben, z. B. 1.000,50."]


def test_fte_fields_take_comma_and_point_and_name_their_own_example():
    field = FteField(max_digits=3, min_value=Decimal("0"))
    assert field.clean("0,75") == field.clean("0.75") == Decimal("0.75")
    with pytest.raises(ValidationError) as error:
        field.clean("dreiviertel")
    assert error.value.messages == ["Bitte eine Zahl eingeben, geschrieben wie „0,75“ oder „0.75“."]


def test_the_field_is_a_text_input_for_the_number_pad_and_shows_german_decimals():
    field = MoneyField()
    html = field.widget.render("amount", field.prepare_value(Decimal("1000.50")))
    assert 'type="text"' in html and 'inputmode="decimal"' in html and 'value="1000,50"' in html
