from decimal import Decimal

import pytest

from funding.models import FundingApplication
from tests.factories import user_with_role

from .factories import StaffPlanFactory, application_for, concepts_every_three_years, dortmund_2012_plan


def put_in_state(application, state):
    """Fixture shortcut: set a state directly (application code moves states only through the workflow)."""
    FundingApplication.objects.filter(pk=application.pk).update(state=state)
    application.refresh_from_db()
    return application


@pytest.fixture
def ready(dortmund):
    """Dortmund's draft for 2014 under the 2012 edition, without error findings (maximum grant 165.000 €)."""
    concepts_every_three_years(dortmund)
    dortmund_2012_plan(dortmund, 2014)
    return application_for(dortmund, 2014)


@pytest.fixture
def bochum_application(bochum):
    StaffPlanFactory(municipality=bochum, year=2014)
    return application_for(bochum, 2014, requested=Decimal("4711.00"))


@pytest.fixture
def bochum_lead(bochum):
    return user_with_role("lead", bochum)
