"""Fixtures of the call-off and proof-of-use tests: granted applications with known amounts."""

from datetime import date
from decimal import Decimal as D

import pytest

from funding.grants.rules import PaymentEntry
from funding.grants.services import calloff_request
from funding.models import ApplicationItem, CallOff, CallOffState, FundingApplication, GrantNotice
from funding.models import ApplicationState as S
from tests.factories import user_with_role

from .conftest import put_in_state
from .factories import application_for, concepts_every_three_years, dortmund_2012_plan, edition


def grant(application, authority, approved, *, state=S.GRANTED, requested=None):
    """Put an application into a granted state with its notice (fixture shortcut past the workflow)."""
    application.requested_grant = requested if requested is not None else approved
    application.save()
    put_in_state(application, state)
    year = application.funding_year
    GrantNotice.objects.create(
        application=application,
        approved_amount=approved,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        file_number=f"36.08.01-{year}/{application.municipality.ags[2:5]}",
        issued_on=date(year, 3, 15),
        issued_by=authority,
    )
    return FundingApplication.objects.select_related("notice", "guideline", "municipality").get(pk=application.pk)


@pytest.fixture
def granted(ready, authority):
    """Dortmund 2014 under the 2012 edition, granted in full: 165.000,00 € for personnel costs."""
    return grant(ready, authority, D("165000.00"))


@pytest.fixture
def granted_2024(dortmund, authority):
    """Dortmund 2024 under the 2023 edition: personnel 181.500,00 € and the lay-interpreter pool 30.000,00 €."""
    concepts_every_three_years(dortmund)
    dortmund_2012_plan(dortmund, 2024)
    application = application_for(dortmund, 2024)
    ApplicationItem.objects.create(application=application, rule=edition(2024).extra_items.get(), amount=D("30000"))
    return grant(application, authority, D("211500.00"))


@pytest.fixture
def bochum_granted(bochum, authority):
    dortmund_2012_plan(bochum, 2014)
    application = application_for(bochum, 2014)
    granted = grant(application, authority, D("4711.00"))
    lead = user_with_role("lead", bochum)
    calloff_request(
        application=granted,
        user=lead,
        payments=[PaymentEntry("Gehälter Bochum", D("4711.00"), date(2014, 4, 1))],
        justification="Bochum",
        requested_on=date(2014, 3, 20),
    )
    return granted


def call_off(application, lead, amount, *, requested_on=date(2014, 3, 20), due_on=None, item="personnel", paid=None):
    """A call-off through the service; `paid` marks it paid directly (fixture shortcut)."""
    result = calloff_request(
        application=application,
        user=lead,
        payments=[PaymentEntry("Gehälter", D(amount), due_on or requested_on, item)],
        justification="Gehälter der geförderten Stellen",
        requested_on=requested_on,
    )
    if paid is not None:
        CallOff.objects.filter(pk=result.pk).update(state=CallOffState.PAID, paid_on=paid)
        result.refresh_from_db()
    return result
