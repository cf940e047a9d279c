from decimal import Decimal
from importlib import import_module

import pytest

from funding.applications.record import record_submission
from funding.models import ApplicationState, FundingApplication, Guideline
from tests.factories import user_with_role

from .factories import StaffPlanFactory, application_for, concepts_every_three_years, dortmund_2012_plan


def load_editions():
    """The guideline editions of the data migration (a transactional test empties the database behind it)."""
    from django.apps import apps

    import_module("funding.migrations.0002_guideline_editions").load(apps, None)
    import_module("funding.migrations.0005_guideline_editions_2015_2017").load(apps, None)
    import_module("funding.migrations.0010_guideline_joint_decrees").load(apps, None)
    import_module("funding.migrations.0011_guideline_application_window").load(apps, None)


@pytest.fixture(autouse=True)
def _editions(db):
    if not Guideline.objects.exists():
        load_editions()


def put_in_state(application, state):
    """Fixture shortcut: set a state directly (application code moves states only through the workflow). Past
    the draft the application gets its submitted record, as its submission through the workflow would have."""
    FundingApplication.objects.filter(pk=application.pk).update(state=state)
    application.refresh_from_db()
    if state != ApplicationState.DRAFT and not application.revisions.exists():
        record_submission(application=application)
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


# Granted applications for the call-off and proof-of-use tests.
from .money_fixtures import bochum_granted, granted, granted_2024  # noqa: E402, F401
