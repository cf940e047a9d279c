from decimal import Decimal as D

import pytest

from funding import demo
from funding.models import ApplicationState as S
from funding.models import FundingApplication
from kiz.extensions import app_modules
from kiz.workflow import events_for

pytestmark = pytest.mark.django_db


def _seed_all():
    for module in app_modules("demo"):
        module.seed()


def test_demo_reaches_its_states_through_the_workflow():
    _seed_all()
    states = {(a.municipality.ags, a.funding_year): a.state for a in FundingApplication.objects.all()}
    assert states[("05913000", 2014)] == S.GRANTED
    assert states[("05913000", 2016)] == S.PARTIALLY_GRANTED
    assert states[("05913000", 2026)] == S.DRAFT
    assert states[("05911000", 2021)] == S.IN_REVIEW
    assert states[("05911000", 2022)] == S.SUBMITTED
    assert states[("05113000", 2026)] == S.DRAFT  # no adopted concept in the concepts demo: submission refused
    granted = FundingApplication.objects.get(municipality__ags="05913000", funding_year=2014)
    assert granted.notice.approved_amount == granted.requested_grant > D("0")
    assert [e.to_state for e in events_for(granted)] == [S.SUBMITTED, S.IN_REVIEW, S.GRANTED]
    count = FundingApplication.objects.count()
    demo.seed()  # idempotent
    assert FundingApplication.objects.count() == count
