"""Guideline editions: the shipped data, one edition per funding year, and no retroactive change once in use."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funding.guidelines.rules import guideline_for
from funding.models import ApplicationState as S
from funding.models import Guideline, GuidelineInUseError, PostRule

from .conftest import put_in_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("year", range(2012, 2028))
def test_every_funding_year_finds_exactly_one_edition(year):
    start, end = date(year, 1, 1), date(year, 12, 31)
    covering = [g for g in Guideline.objects.all() if g.covers(start, end)]
    assert len(covering) == 1
    assert guideline_for(start) == covering[0]


def test_2012_edition_as_shipped():
    edition = guideline_for(date(2014, 1, 1))
    assert (edition.name, edition.valid_until, edition.raa_transition_until) == (
        "Förderrichtlinie 2012",
        date(2014, 12, 31),  # the 2015 amendment applies from the funding year 2015
        date(2013, 7, 31),
    )
    assert (edition.annual_cap_city, edition.max_fte_city, edition.concept_max_age_years) == (
        D("170000.00"),
        D("3.50"),
        3,
    )
    rules = {r.label: (r.max_fte, r.amount_per_fte, r.funded) for r in edition.post_rules.all()}
    assert rules["Verwaltungsassistenz"] == (D("0.50"), D("40000.00"), True)
    assert rules["Abgeordnete Lehrkräfte (MSW, nicht aus der Zuwendung)"] == (D("2.00"), None, False)
    assert "Annahme" in edition.note


def test_2018_edition_differs_by_municipality_kind():
    edition = guideline_for(date(2018, 1, 1))
    assert edition.financing_type == "fixed"
    assert (edition.annual_cap_kreis, edition.annual_cap_city) == (D("320000.00"), D("270000.00"))
    assert (edition.max_fte_kreis, edition.max_fte_city) == (D("6.50"), D("5.50"))
    assert edition.extra_items.get().max_amount == D("50000.00")


def test_unused_edition_can_be_changed(ready):
    edition = ready.guideline
    edition.annual_cap_city = D("171000.00")
    edition.full_clean()
    edition.save()


def test_edition_in_use_cannot_be_changed(ready):
    put_in_state(ready, S.SUBMITTED)
    edition = Guideline.objects.get(pk=ready.guideline_id)
    edition.annual_cap_city = D("999999.00")
    with pytest.raises(ValidationError) as exc:
        edition.full_clean()
    assert "annual_cap_city" in exc.value.message_dict
    with pytest.raises(GuidelineInUseError):
        edition.save()
    edition.refresh_from_db()
    assert edition.annual_cap_city == D("170000.00")


def test_rules_of_an_edition_in_use_cannot_be_changed(ready):
    put_in_state(ready, S.SUBMITTED)
    rule = PostRule.objects.filter(guideline=ready.guideline).first()
    rule.amount_per_fte = D("99999.00")
    with pytest.raises(GuidelineInUseError):
        rule.save()
    with pytest.raises(GuidelineInUseError):
        rule.delete()
    with pytest.raises(GuidelineInUseError):
        PostRule.objects.create(guideline=ready.guideline, label="Neu", categories=["leitung"])


def test_note_and_later_end_of_an_edition_in_use_may_change(ready):
    put_in_state(ready, S.SUBMITTED)
    edition = Guideline.objects.get(pk=ready.guideline_id)
    edition.note += "\nErgänzt."
    edition.valid_until = date(2017, 12, 31)
    edition.save()
    edition.valid_until = date(2013, 12, 31)  # would leave the 2014 application outside its edition
    with pytest.raises(GuidelineInUseError):
        edition.save()


def test_a_draft_does_not_lock_the_edition(ready):
    assert not ready.guideline.is_in_use()


def test_overlapping_edition_is_refused():
    edition = Guideline(
        name="Doppelt",
        legal_reference="–",
        valid_from=date(2016, 1, 1),
        valid_until=date(2016, 12, 31),
        financing_type="fixed",
        annual_cap_kreis=D("1.00"),
        annual_cap_city=D("1.00"),
        max_fte_kreis=D("1.00"),
        max_fte_city=D("1.00"),
    )
    with pytest.raises(ValidationError) as exc:
        edition.full_clean()
    assert "Förderrichtlinie 2012, Änderung 2015" in str(exc.value)


def test_unknown_post_category_is_refused():
    rule = PostRule(guideline=guideline_for(date(2024, 1, 1)), label="x", categories=["hausmeister"])
    with pytest.raises(ValidationError):
        rule.full_clean()


def test_admin_shows_an_edition_in_use_read_only(client, ready, django_user_model):
    from tests.factories import login_verified

    admin = django_user_model.objects.create_superuser("root", "root@example.org", "x")
    login_verified(client, admin)
    url = reverse("admin:funding_guideline_change", args=[ready.guideline_id])
    assert 'name="annual_cap_city"' in client.get(url).content.decode()
    put_in_state(ready, S.SUBMITTED)
    page = client.get(url).content.decode()
    assert 'name="annual_cap_city"' not in page
    assert 'name="note"' in page
    assert 'name="post_rules-0-label"' not in page
