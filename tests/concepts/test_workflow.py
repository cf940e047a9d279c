"""Concepts move through the core's workflow engine: draft → adopted → superseded, by the council resolution."""

from datetime import date

import pytest

from concepts.models import IntegrationConcept
from concepts.services import concept_new_version, concept_record_resolution
from kiz.models import WorkflowEvent
from kiz.workflow import TransitionBlocked, TransitionNotAllowed, events_for, moves_for, transition
from tests.concepts.factories import ConceptFactory, full_concept

pytestmark = pytest.mark.django_db

S = IntegrationConcept.Status


def resolve(concept, user, day, outcome="adopted"):
    return concept_record_resolution(
        concept=concept,
        expected_version=concept.version,
        user=user,
        body="rat",
        resolution_date=day,
        paper="0815/2025",
        outcome=outcome,
    )


def test_adoption_records_both_moves_with_who_from_to_and_the_resolution(dortmund, lead):
    first = full_concept(dortmund, resolution_date=date(2020, 5, 1))
    second = concept_new_version(concept=first, user=lead)
    resolve(second, lead, date(2025, 3, 20))
    superseded, adopted = events_for(first), events_for(second)
    assert [(e.from_state, e.to_state, e.user) for e in superseded] == [("adopted", "superseded", lead)]
    assert [(e.from_state, e.to_state, e.user) for e in adopted] == [("draft", "adopted", lead)]
    assert adopted[0].comment == "Beschluss vom 20.03.2025 (Rat der Stadt, Drucksache 0815/2025)"
    assert superseded[0].comment.startswith("Ersetzt durch Fassung 2.")
    assert (adopted[0].from_label, adopted[0].to_label) == ("Entwurf", "Beschlossen")
    assert WorkflowEvent.objects.count() == 2


def test_a_resolution_that_does_not_adopt_moves_nothing(dortmund, lead):
    draft = ConceptFactory(municipality=dortmund)
    resolve(draft, lead, date(2025, 3, 20), outcome="deferred")
    draft.refresh_from_db()
    assert draft.status == S.DRAFT and draft.resolution_outcome == "deferred"
    assert events_for(draft) == []


def test_only_the_lead_adopts_and_a_refusal_changes_nothing(dortmund, editor, lead):
    draft = ConceptFactory(municipality=dortmund)
    assert moves_for(draft, editor) == []
    assert [m.target for m in moves_for(draft, lead)] == [S.ADOPTED]
    with pytest.raises(TransitionNotAllowed):
        resolve(draft, editor, date(2025, 3, 20))
    draft.refresh_from_db()
    assert (draft.status, draft.resolution_date, draft.adopted_on) == (S.DRAFT, None, None)
    assert not WorkflowEvent.objects.exists()


def test_adoption_needs_an_adopting_resolution(dortmund, lead):
    draft = ConceptFactory(municipality=dortmund)
    with pytest.raises(TransitionBlocked) as exc:
        transition(obj=draft, to_state=S.ADOPTED, user=lead)
    assert exc.value.reasons == [
        "Eine Fassung wird beschlossen, indem der Ratsbeschluss erfasst wird, der sie beschließt."
    ]
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_a_version_is_superseded_only_by_a_newer_adoption(dortmund, lead):
    adopted = full_concept(dortmund)
    with pytest.raises(TransitionBlocked):
        transition(obj=adopted, to_state=S.SUPERSEDED, user=lead)
    with pytest.raises(TransitionNotAllowed):
        transition(obj=adopted, to_state=S.DRAFT, user=lead)
    adopted.refresh_from_db()
    assert adopted.status == S.ADOPTED


def test_the_concept_page_shows_the_progress(client_for, dortmund, lead, council):
    first = full_concept(dortmund, resolution_date=date(2020, 5, 1))
    second = concept_new_version(concept=first, user=lead)
    page = client_for(lead).get(second.get_absolute_url()).content.decode()
    assert "Noch nicht beschlossen." in page
    resolve(second, lead, date(2025, 3, 20))
    page = client_for(council).get(second.get_absolute_url()).content.decode()
    assert "Entwurf → Beschlossen" in page
    assert "Beschluss vom 20.03.2025 (Rat der Stadt, Drucksache 0815/2025)" in page
    old_page = client_for(council).get(first.get_absolute_url()).content.decode()
    assert "Beschlossen → Abgelöst" in old_page
