"""A simultaneous second "Neue Fassung" or "Konzept anlegen" leads to the draft, like a later click."""

import pytest

from concepts import services
from tests.concepts.factories import ConceptFactory, full_concept
from tests.concepts.test_views import concept_form_data, url
from tests.races import faster_click

pytestmark = pytest.mark.django_db


def test_new_version_raced_by_a_faster_click(monkeypatch, client_for, lead, dortmund):
    adopted = full_concept(dortmund)
    faster = faster_click(monkeypatch, services, lambda: ConceptFactory(municipality=dortmund))
    response = client_for(lead).post(url("new_version", adopted))
    assert response.status_code == 302 and response.url == faster[0].get_absolute_url()
    message = list(response.wsgi_request._messages)[0].message
    assert message == (
        f"Fassung {faster[0].number} ist noch ein Entwurf; "
        "schließen Sie ihn ab, bevor Sie eine weitere Fassung anlegen."
    )


def test_create_raced_by_a_faster_click(monkeypatch, client_for, lead, dortmund):
    faster = faster_click(monkeypatch, services, lambda: ConceptFactory(municipality=dortmund))
    response = client_for(lead).post(url("create", ags=dortmund.ags), concept_form_data())
    assert response.status_code == 302 and response.url == faster[0].get_absolute_url()
