"""Deleting a staff plan: confirmed, with its posts, only by the city's editors, never another municipality's."""

from decimal import Decimal

import pytest
from django.urls import reverse

from staffing.models import Post, StaffPlan
from tests.staffing.factories import PostFactory, StaffPlanFactory

pytestmark = pytest.mark.django_db


def delete_url(plan):
    return reverse("staffing:plan_delete", kwargs={"ags": plan.municipality.ags, "year": plan.year})


@pytest.fixture
def empty_later_plan(dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2027)
    PostFactory(plan=plan, title="Fachkraft Bildung", fte=Decimal("0.50"))
    return plan


def test_the_editor_deletes_a_plan_after_confirming(client_for, editor, empty_later_plan):
    client = client_for(editor)
    page = client.get(delete_url(empty_later_plan)).text
    assert "Den Stellenplan 2027 löschen?" in page
    assert "Der Plan und seine 1 Stelle werden gelöscht." in page
    response = client.post(delete_url(empty_later_plan), {"expected_version": empty_later_plan.version}, follow=True)
    assert "Der Stellenplan 2027 wurde gelöscht." in response.text
    assert not StaffPlan.objects.filter(pk=empty_later_plan.pk).exists()
    assert not Post.objects.filter(plan_id=empty_later_plan.pk).exists()
    assert Post.history.filter(plan_id=empty_later_plan.pk, history_type="-").count() == 1


def test_a_stale_confirmation_deletes_nothing(client_for, editor, empty_later_plan):
    StaffPlan.objects.filter(pk=empty_later_plan.pk).update(version=empty_later_plan.version + 1)
    response = client_for(editor).post(delete_url(empty_later_plan), {"expected_version": empty_later_plan.version})
    assert response.status_code == 302
    assert StaffPlan.objects.filter(pk=empty_later_plan.pk).exists()


def test_read_only_roles_cannot_delete(client_for, council, authority, empty_later_plan):
    for user in (council, authority):
        client = client_for(user)
        assert client.get(delete_url(empty_later_plan)).status_code == 403
        assert client.post(delete_url(empty_later_plan), {"expected_version": 1}).status_code == 403
    assert StaffPlan.objects.filter(pk=empty_later_plan.pk).exists()


def test_bochums_plan_answers_404_to_dortmund(client_for, editor, bochum, empty_later_plan):
    bochum_plan = StaffPlanFactory(municipality=bochum, year=2027)
    client = client_for(editor)
    assert client.get(delete_url(bochum_plan)).status_code == 404
    assert client.post(delete_url(bochum_plan), {"expected_version": bochum_plan.version}).status_code == 404
    assert StaffPlan.objects.filter(pk=bochum_plan.pk).exists()
    # Dortmund's own confirmation page names Dortmund's plan only
    assert "Bochum" not in client.get(delete_url(empty_later_plan)).text
