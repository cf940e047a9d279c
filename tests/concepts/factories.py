from datetime import date

import factory
from django.db.models import Max

from concepts.models import CouncilStep, IntegrationConcept, WorkPlanItem
from kiz.choices import FocusTheme


class ConceptFactory(factory.django.DjangoModelFactory):
    """A complete draft: both focus themes written, anchoring described (add work plan items for a full concept)."""

    class Meta:
        model = IntegrationConcept

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    number = factory.LazyAttribute(
        lambda o: (
            (IntegrationConcept.objects.filter(municipality=o.municipality).aggregate(n=Max("number"))["n"] or 0) + 1
        )
    )
    title = factory.LazyAttribute(lambda o: f"Integrationskonzept {o.municipality.name}")
    plan_start = date(2024, 1, 1)
    education_text = "Sprachbildung entlang der Bildungskette."
    cross_cutting_text = "Interkulturelle Öffnung aller Fachbereiche."
    anchoring_text = "Eigenes Sachgebiet im Fachbereich Soziales."
    fields_of_action = ["bildung", "kultur"]
    education_stages = ["primarstufe"]


class AdoptedConceptFactory(ConceptFactory):
    status = IntegrationConcept.Status.ADOPTED
    resolution_body = IntegrationConcept.Body.COUNCIL
    resolution_date = date(2024, 3, 21)
    resolution_paper = "1234/2024"
    resolution_outcome = IntegrationConcept.Outcome.ADOPTED
    adopted_on = factory.SelfAttribute("resolution_date")


class WorkPlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkPlanItem

    concept = factory.SubFactory(ConceptFactory)
    theme = FocusTheme.EDUCATION
    goal = factory.Sequence(lambda n: f"Ziel {n}")
    measures = "Fortbildungen"
    responsible_unit = "KIZ, Team Bildung"
    target_date = date(2025, 6, 30)


class CouncilStepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CouncilStep

    municipality = factory.SubFactory("tests.factories.MunicipalityFactory")
    title = factory.Sequence(lambda n: f"Beratung {n}")
    body = CouncilStep.Body.INTEGRATION_COUNCIL
    kind = CouncilStep.Kind.CONSULTATION
    planned_date = date(2024, 2, 6)


def full_concept(municipality, factory_class=AdoptedConceptFactory, **kwargs):
    """A concept with one work plan goal per focus theme, so the content check passes."""
    concept = factory_class(municipality=municipality, **kwargs)
    for theme in FocusTheme:
        WorkPlanItemFactory(concept=concept, theme=theme)
    return concept
