"""The benchmark's floor view: 50 rows through a simple template, not mounted unless the benchmark asks for it."""

import pytest
from django.test import RequestFactory

from kiz import views
from kiz.services import municipalities_load

pytestmark = pytest.mark.django_db


def test_floor_view_is_not_mounted_by_default(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("x"))
    assert client.get("/messung/boden/").status_code == 404


def test_floor_view_renders_fifty_municipalities(django_user_model):
    municipalities_load()
    request = RequestFactory().get("/messung/boden/")
    request.user = django_user_model.objects.create_user("x")
    response = views.bench_floor(request)
    body = response.content.decode()
    assert body.count("<tr><td>") == 50
    assert "05913000" in body  # Dortmund, among the first 50 by name
