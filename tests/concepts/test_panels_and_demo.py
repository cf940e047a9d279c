from datetime import date

import pytest
from django.urls import reverse

from concepts import demo
from concepts.models import CouncilStep, IntegrationConcept
from concepts.rules import prerequisite_findings
from kiz.models import Municipality
from kiz.services import municipalities_load
from tests.concepts.factories import full_concept

pytestmark = pytest.mark.django_db


def test_home_page_of_the_city_shows_status_and_findings(client_for, editor, dortmund, bochum):
    full_concept(bochum, title="Bochumer Konzept")
    full_concept(dortmund, anchoring_text="")
    page = client_for(editor).get(reverse("home")).content.decode()
    assert "Gültig: Fassung 1" in page
    assert 'data-code="anchoring_missing"' in page
    assert "Bochumer Konzept" not in page
    assert 'href="/konzepte/05913000/"' in page  # navigation and panel


def test_municipality_page_and_state_home(client_for, coordination, dortmund):
    page = client_for(coordination).get(dortmund.get_absolute_url()).content.decode()
    assert "Der Rat hat noch kein Integrationskonzept beschlossen." in page
    home = client_for(coordination).get(reverse("home")).content.decode()
    assert 'href="/konzepte/landesweit/"' in home
    assert "Integrationskonzepte landesweit" in home


def test_demo_seed_is_idempotent_and_shows_every_state():
    municipalities_load()
    assert demo.seed() == []
    counts = (IntegrationConcept.objects.count(), CouncilStep.objects.count())
    demo.seed()
    assert (IntegrationConcept.objects.count(), CouncilStep.objects.count()) == counts
    by_name = {m.name: m for m in Municipality.objects.all()}
    on = date(2026, 11, 25)
    assert prerequisite_findings(by_name["Dortmund"], on) == []
    assert prerequisite_findings(by_name["Dortmund"], date(2013, 9, 1)) == []  # the 2013 concept then
    assert [f.code for f in prerequisite_findings(by_name["Bochum"], on)] == ["concept_too_old"]
    assert [f.code for f in prerequisite_findings(by_name["Essen"], on)] == ["concept_missing"]
    assert [f.code for f in prerequisite_findings(by_name["Kreis Unna"], on)] == [
        "resolution_missing",
        "anchoring_missing",
    ]
    dortmund_steps = CouncilStep.objects.filter(municipality=by_name["Dortmund"]).order_by("planned_date")
    assert [s.planned_date for s in dortmund_steps[:3]] == [date(2012, 6, 25), date(2012, 11, 6), date(2012, 12, 4)]
