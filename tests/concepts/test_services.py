from datetime import date

import pytest
from django.core.exceptions import ValidationError

from concepts.models import IntegrationConcept
from concepts.selectors import adopted_concept
from concepts.services import (
    ConceptLocked,
    DraftExists,
    concept_new_version,
    concept_record_resolution,
    concept_update,
)
from kiz.concurrency import StaleObjectError
from tests.concepts.factories import ConceptFactory, full_concept
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

S = IntegrationConcept.Status


def adopt(concept, day, outcome="adopted"):
    return concept_record_resolution(
        concept=concept,
        expected_version=concept.version,
        user=user_with_role("lead", concept.municipality),
        body="rat",
        resolution_date=day,
        paper="7/2025",
        outcome=outcome,
    )


def test_new_version_starts_as_a_copy(dortmund, editor):
    first = full_concept(dortmund, fields_of_action=["bildung", "sport"])
    second = concept_new_version(concept=first, user=editor)
    assert (second.number, second.status, second.created_by) == (2, S.DRAFT, editor)
    assert second.education_text == first.education_text
    assert second.fields_of_action == ["bildung", "sport"]
    assert sorted(second.work_plan.values_list("theme", "goal")) == sorted(first.work_plan.values_list("theme", "goal"))
    assert second.resolution_date is None and second.adopted_on is None
    # the copy is independent of the original
    second.work_plan.all().delete()
    assert first.work_plan.count() == 2


def test_only_one_draft_at_a_time(dortmund, editor):
    first = full_concept(dortmund)
    draft = concept_new_version(concept=first, user=editor)
    with pytest.raises(DraftExists) as exc:
        concept_new_version(concept=first, user=editor)
    assert exc.value.draft == draft


def test_adopting_supersedes_the_previous_version(dortmund, editor):
    first = full_concept(dortmund, resolution_date=date(2020, 5, 1))
    second = concept_new_version(concept=first, user=editor)
    adopt(second, date(2024, 6, 13))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.superseded_on) == (S.SUPERSEDED, date(2024, 6, 13))
    assert (second.status, second.adopted_on, second.resolution_paper) == (S.ADOPTED, date(2024, 6, 13), "7/2025")
    assert adopted_concept(dortmund) == second
    assert adopted_concept(dortmund, date(2024, 6, 12)) == first
    assert adopted_concept(dortmund, date(2020, 4, 30)) is None
    assert IntegrationConcept.objects.filter(municipality=dortmund, status=S.ADOPTED).count() == 1


def test_rejected_resolution_keeps_the_draft(dortmund, editor):
    first = full_concept(dortmund)
    second = concept_new_version(concept=first, user=editor)
    adopt(second, date(2025, 1, 15), outcome="rejected")
    second.refresh_from_db()
    first.refresh_from_db()
    assert (second.status, second.resolution_outcome) == (S.DRAFT, "rejected")
    assert first.status == S.ADOPTED


def test_adoption_before_the_version_in_force_is_refused(dortmund, editor):
    first = full_concept(dortmund, resolution_date=date(2024, 3, 21))
    second = concept_new_version(concept=first, user=editor)
    with pytest.raises(ValidationError) as exc:
        adopt(second, date(2023, 1, 1))
    assert "resolution_date" in exc.value.error_dict
    first.refresh_from_db()
    assert first.status == S.ADOPTED


def test_adopted_and_superseded_versions_are_locked(dortmund, editor):
    first = full_concept(dortmund)
    with pytest.raises(ConceptLocked):
        concept_update(concept=first, expected_version=first.version)


def test_stale_update_is_refused(dortmund, editor):
    draft = full_concept(dortmund, factory_class=ConceptFactory)
    stale_version = draft.version
    draft.title = "Erste Änderung"
    concept_update(concept=draft, expected_version=stale_version)
    other = IntegrationConcept.objects.get(pk=draft.pk)
    other.title = "Zweite Änderung"
    with pytest.raises(StaleObjectError):
        concept_update(concept=other, expected_version=stale_version)
    assert IntegrationConcept.objects.get(pk=draft.pk).title == "Erste Änderung"


def test_history_records_who_changed_what(dortmund, editor):
    draft = full_concept(dortmund, factory_class=ConceptFactory)
    draft.anchoring_text = "Stabsstelle beim Oberbürgermeister"
    concept_update(concept=draft, expected_version=draft.version)
    latest = draft.history.first()
    assert latest.history_type == "~"
    assert latest.anchoring_text == "Stabsstelle beim Oberbürgermeister"
