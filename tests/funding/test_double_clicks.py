"""Simultaneous double clicks on "Antrag anlegen", "Bescheid erlassen" and "Verwendungsnachweis anlegen" answer
with the message of a second click, never a server error; hostile ids on the call-off check answer 404."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from funding.applications import services as application_services
from funding.models import ApplicationState, FundingApplication, GrantNotice, ProofOfUse
from funding.proofs import services as proof_services
from tests.races import faster_click

from .test_views import decide_data, in_review  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db


def test_application_create_raced_by_a_faster_click(monkeypatch, client_for, editor, dortmund):
    faster_click(
        monkeypatch,
        application_services,
        lambda: FundingApplication.objects.create(
            municipality=dortmund, funding_year=2019, period_start=date(2019, 1, 1), period_end=date(2019, 12, 31)
        ),
    )
    response = client_for(editor).post(reverse("funding:application_create"), {"funding_year": 2019})
    assert response.status_code == 200
    assert "Für dieses Förderjahr gibt es bereits einen Antrag." in response.content.decode()


def test_grant_notice_raced_by_a_faster_click(monkeypatch, client_for, authority, in_review):  # noqa: F811
    faster_click(
        monkeypatch,
        application_services,
        lambda: GrantNotice.objects.create(
            application=in_review,
            approved_amount=D("165000.00"),
            period_start=in_review.period_start,
            period_end=in_review.period_end,
            file_number="36.08.01-2014/0815",
            issued_on=date(2014, 3, 15),
            issued_by=authority,
        ),
    )
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    response = client_for(authority).post(url, decide_data(in_review))
    assert response.status_code == 200
    assert "Jemand anderes hat den Status inzwischen geändert. Bitte laden Sie die Seite neu." in (
        response.content.decode()
    )


def test_a_second_notice_after_the_first_is_refused_in_the_service(authority, in_review):  # noqa: F811
    from kiz.workflow import TransitionBlocked

    notice = GrantNotice(
        approved_amount=D("165000.00"),
        period_start=in_review.period_start,
        period_end=in_review.period_end,
        file_number="36.08.01-2014/0815",
        issued_on=date(2014, 3, 15),
    )
    application_services.application_decide(
        application=in_review, user=authority, decision=ApplicationState.GRANTED, notice=notice
    )
    with pytest.raises(TransitionBlocked):
        application_services.application_decide(
            application=in_review,
            user=authority,
            decision=ApplicationState.GRANTED,
            notice=GrantNotice(
                **{f: getattr(notice, f) for f in ("approved_amount", "period_start", "period_end", "file_number")},
                issued_on=date(2014, 3, 16),
            ),
        )
    assert GrantNotice.objects.filter(application=in_review).count() == 1


def test_proof_create_raced_by_a_faster_click(monkeypatch, client_for, editor, granted):  # noqa: F811
    faster_click(monkeypatch, proof_services, lambda: ProofOfUse.objects.create(application=granted, year=2014))
    response = client_for(editor).post(reverse("funding:proof_create", kwargs={"pk": granted.pk}), {"year": "2014"})
    assert response.status_code == 200
    assert "Für dieses Jahr gibt es bereits einen Verwendungsnachweis." in response.content.decode()


@pytest.mark.parametrize("value", ["abc", "²", "1.5", "-3", "99999999999999999999999"])
def test_a_call_off_id_that_is_no_plain_number_is_not_found(value, client_for, lead, granted):  # noqa: F811
    url = reverse("funding:calloff_check", kwargs={"pk": granted.pk})
    response = client_for(lead).post(url, {"call_off": value})
    assert response.status_code == 404
