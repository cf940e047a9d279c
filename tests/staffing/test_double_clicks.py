"""A second, simultaneous "Stellenplan anlegen" gets the message of a later click, not a server error."""

import pytest
from django.urls import reverse

from staffing import services
from staffing.models import StaffPlan
from tests.races import faster_click
from tests.staffing.factories import PostFactory, StaffPlanFactory

pytestmark = pytest.mark.django_db
MESSAGE = "Für 2027 gibt es bereits einen Stellenplan."


def test_create_raced_by_a_faster_click(monkeypatch, client_for, editor, dortmund):
    faster_click(monkeypatch, services, lambda: StaffPlan.objects.create(municipality=dortmund, year=2027))
    response = client_for(editor).post(reverse("staffing:plan_list"), {"year": 2027})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


def test_copy_raced_by_a_faster_click(monkeypatch, client_for, editor, dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    PostFactory(plan=plan, title="Fachkraft Bildung")
    faster_click(monkeypatch, services, lambda: StaffPlan.objects.create(municipality=dortmund, year=2027))
    url = reverse("staffing:plan_copy", kwargs={"ags": dortmund.ags, "year": 2026})
    response = client_for(editor).post(url, {"year": 2027})
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize("version", ["²", "١", " 1", "1.0", "-1", "99999999999999999999999", None])
def test_a_delete_with_a_version_that_is_no_plain_number_is_stale(version, client_for, editor, dortmund):
    post = PostFactory(plan=StaffPlanFactory(municipality=dortmund, year=2026))
    data = {} if version is None else {"expected_version": version}
    url = reverse("staffing:post_delete", kwargs={"pk": post.pk})
    response = client_for(editor).post(url, data)
    assert response.status_code == 302 and response.url == url
    message = list(response.wsgi_request._messages)[0].message
    assert message == "Jemand anderes hat diese Stelle inzwischen geändert. Bitte prüfen Sie sie erneut."
    assert post.plan.posts.count() == 1
