"""REST API writes of the staff plan: posts through the post form's rules and version check."""

from decimal import Decimal

import pytest

from staffing.models import Post
from tests.factories import user_with_role
from tests.kiz.api_data import bearer, token_for

from .factories import PostFactory, StaffPlanFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/posts/"

POST = {
    "title": "Verwaltungsfachkraft",
    "category": "verwaltungsfachkraft",
    "fte": "0.50",
    "funding_source": "landeszuschuss",
    "origin": "neu",
    "pay_scheme": "tvoed",
    "pay_grade": "eg9c",
    "starts_on": "2026-04-01",
    "ends_on": None,
    "filled_months": 9,
}


def _send(client, method, url, data, headers):
    return getattr(client, method)(url, data=data, content_type="application/json", **headers)


def test_an_editor_adds_changes_and_removes_a_post(client, editor, dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    headers = bearer(token_for(editor))
    created = _send(client, "post", API, {**POST, "plan": plan.pk}, headers)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["pay_grade"] == "EG 9c" and body["fte"] == "0.50" and body["version"] == 1
    post = Post.objects.get(pk=body["id"])
    assert post.plan == plan and post.fte == Decimal("0.50")
    changed = _send(client, "patch", f"{API}{post.pk}/", {"fte": "0.75", "version": 1}, headers)
    assert changed.status_code == 200, changed.content
    assert changed.json()["fte"] == "0.75" and changed.json()["title"] == "Verwaltungsfachkraft"
    assert _send(client, "patch", f"{API}{post.pk}/", {"fte": "0.80", "version": 1}, headers).status_code == 409
    assert _send(client, "patch", f"{API}{post.pk}/", {"fte": "0.80"}, headers).status_code == 400
    assert client.delete(f"{API}{post.pk}/?version=1", **headers).status_code == 409
    assert client.delete(f"{API}{post.pk}/?version=2", **headers).status_code == 204
    assert not Post.objects.filter(pk=post.pk).exists()


def test_the_post_rules_apply_and_the_occupant_is_kept(client, editor, dortmund):
    plan = StaffPlanFactory(municipality=dortmund, year=2026)
    post = PostFactory(plan=plan, occupant_name="Erika Mustermann")
    headers = bearer(token_for(editor))
    too_long = _send(client, "patch", f"{API}{post.pk}/", {"filled_months": 12, "starts_on": "2026-07-01",
                                                           "version": 1}, headers)  # fmt: skip
    assert too_long.status_code == 400
    assert too_long.json()["filled_months"] == [
        "Die Stelle läuft 2026 nur 6 Monate; länger kann sie nicht besetzt sein."
    ]
    wrong_year = _send(client, "post", API, {**POST, "plan": plan.pk, "starts_on": "2027-01-01"}, headers)
    assert wrong_year.status_code == 400 and "starts_on" in wrong_year.json()
    assert _send(client, "patch", f"{API}{post.pk}/", {"title": "Neu", "version": 1}, headers).status_code == 200
    post.refresh_from_db()
    assert post.title == "Neu" and post.occupant_name == "Erika Mustermann"


def test_no_writes_in_another_municipality_or_without_editing_rights(client, editor, dortmund, bochum, authority):
    foreign_plan = StaffPlanFactory(municipality=bochum, year=2026)
    foreign_post = PostFactory(plan=foreign_plan)
    own_post = PostFactory(plan=StaffPlanFactory(municipality=dortmund, year=2026))
    headers = bearer(token_for(editor))
    assert _send(client, "post", API, {**POST, "plan": foreign_plan.pk}, headers).status_code == 400
    assert _send(client, "patch", f"{API}{foreign_post.pk}/", {"version": 1}, headers).status_code == 404
    assert client.delete(f"{API}{foreign_post.pk}/?version=1", **headers).status_code == 404
    for user in (user_with_role("council", dortmund), authority):
        other = bearer(token_for(user))
        assert _send(client, "patch", f"{API}{own_post.pk}/", {"title": "X", "version": 1}, other).status_code == 403
    assert Post.objects.get(pk=own_post.pk).title != "X"
