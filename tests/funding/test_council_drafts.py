"""The integration council reads what its city has submitted or decided, not the working drafts."""

from django.urls import reverse

from funding.models import ApplicationState, FundingApplication
from tests.funding.factories import application_for


def _application(municipality, year, state):
    return application_for(municipality, year, state=state)


def test_council_does_not_see_drafts_but_submitted_applications(client_for, council, editor, dortmund):
    draft = _application(dortmund, 2026, ApplicationState.DRAFT)
    submitted = _application(dortmund, 2025, ApplicationState.SUBMITTED)

    assert list(FundingApplication.objects.for_user(council)) == [submitted]
    assert set(FundingApplication.objects.for_user(editor)) == {draft, submitted}

    client = client_for(council)
    assert client.get(reverse("funding:application_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("funding:application_detail", args=[submitted.pk])).status_code == 200


def test_state_roles_still_see_drafts(coordination, dortmund):
    draft = _application(dortmund, 2026, ApplicationState.DRAFT)
    assert list(FundingApplication.objects.for_user(coordination)) == [draft]
