"""The concept list, the concept page and the state-wide list need the same number of queries at any size."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from concepts.models import IntegrationConcept
from concepts.services import concept_new_version
from kiz.choices import FocusTheme
from tests.concepts.factories import CouncilStepFactory, WorkPlanItemFactory, full_concept
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def grow_municipality(municipality, user, versions):
    """`versions` versions, each with goals per theme and council steps."""
    concept = full_concept(municipality, resolution_date=date(2015, 1, 1))
    for _ in range(versions - 1):
        draft = concept_new_version(concept=concept, user=user)
        IntegrationConcept.objects.filter(pk=concept.pk).update(status="superseded")
        IntegrationConcept.objects.filter(pk=draft.pk).update(status="adopted", adopted_on=date(2016, 1, 1))
        concept = IntegrationConcept.objects.get(pk=draft.pk)
    for index in range(versions):
        WorkPlanItemFactory(concept=concept, theme=FocusTheme.CROSS_CUTTING)
        CouncilStepFactory(municipality=municipality, concept=concept, planned_date=date(2016, 1, 1 + index % 28))
    return concept


def test_concept_list_and_page_are_constant(client_for, editor, dortmund):
    client = client_for(editor)
    concept = grow_municipality(dortmund, editor, 2)
    list_url = reverse("concepts:municipality", kwargs={"ags": dortmund.ags})
    small_list = count_queries(client, list_url)
    small_page = count_queries(client, concept.get_absolute_url())
    timeline_url = reverse("concepts:timeline", kwargs={"ags": dortmund.ags})
    small_timeline = count_queries(client, timeline_url)

    IntegrationConcept.objects.filter(municipality=dortmund).delete()
    concept = grow_municipality(dortmund, editor, 20)
    assert IntegrationConcept.objects.filter(municipality=dortmund).count() == 20
    assert concept.work_plan.count() == 22
    assert count_queries(client, list_url) == small_list
    assert count_queries(client, concept.get_absolute_url()) == small_page
    assert count_queries(client, timeline_url) == small_timeline


def test_state_wide_list_is_constant(client_for, coordination, editor):
    client = client_for(coordination)
    url = reverse("concepts:overview")
    for _ in range(3):
        grow_municipality(MunicipalityFactory(), editor, 2)
    small = count_queries(client, url)
    for _ in range(27):
        grow_municipality(MunicipalityFactory(), editor, 2)
    response = client.get(url)
    assert len(response.context["rows"]) == 31  # Dortmund of the editor fixture has no concept
    assert response.context["adopted"] == 30
    assert count_queries(client, url) == small


def test_compare_is_constant(client_for, editor, dortmund):
    client = client_for(editor)
    grow_municipality(dortmund, editor, 2)
    url = reverse("concepts:compare", kwargs={"ags": dortmund.ags})
    small = count_queries(client, url)
    IntegrationConcept.objects.filter(municipality=dortmund).delete()
    grow_municipality(dortmund, editor, 20)
    assert count_queries(client, url) == small
