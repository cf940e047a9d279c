"""Writes of the concepts app. Every change of a concept's status goes through `concept_adopt`."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from kiz.concurrency import duplicate_raises, lock_row, save_versioned

from .models import IntegrationConcept, WorkPlanItem

COPIED_FIELDS = [
    "title",
    "based_on",
    "plan_start",
    "education_text",
    "cross_cutting_text",
    "anchoring_text",
    "priorities_start_year",
    "priorities_text",
    "fields_of_action",
    "education_stages",
]


class ConceptLocked(Exception):
    """Only a draft can be changed; an adopted or superseded version is a record of what the council decided."""


class DraftExists(Exception):
    def __init__(self, draft):
        super().__init__(draft)
        self.draft = draft


def _next_number(municipality) -> int:
    current = IntegrationConcept.objects.filter(municipality=municipality).aggregate(n=Max("number"))["n"]
    return (current or 0) + 1


@transaction.atomic
def concept_create(*, municipality, user, **fields) -> IntegrationConcept:
    """The first (or a fresh) draft of a municipality's concept."""
    lock_row(municipality)
    draft = IntegrationConcept.objects.select_for_update().filter(municipality=municipality).drafts().first()
    if draft is not None:
        raise DraftExists(draft)
    concept = IntegrationConcept(
        municipality=municipality, number=_next_number(municipality), created_by=user, **fields
    )
    with duplicate_raises(lambda: _draft_exists(municipality)):
        concept.save()
    return concept


def _draft_exists(municipality) -> Exception:
    """The error of a second click; if the row in the way is no draft, the unique constraint's error itself."""
    draft = IntegrationConcept.objects.filter(municipality=municipality).drafts().first()
    return DraftExists(draft) if draft is not None else ConceptLocked()


def concept_update(*, concept, expected_version) -> IntegrationConcept:
    """Save the edited sections of a draft; raises ConceptLocked for other versions, StaleObjectError when stale."""
    if not concept.is_draft:
        raise ConceptLocked
    return save_versioned(concept, expected_version=expected_version)


@transaction.atomic
def concept_new_version(*, concept, user) -> IntegrationConcept:
    """A new draft that starts as a copy of `concept`: its sections, ticks and work plan (not the resolution)."""
    municipality = concept.municipality
    lock_row(municipality)
    draft = IntegrationConcept.objects.select_for_update().filter(municipality=municipality).drafts().first()
    if draft is not None:
        raise DraftExists(draft)
    copy = IntegrationConcept(
        municipality=municipality,
        number=_next_number(municipality),
        created_by=user,
        **{name: getattr(concept, name) for name in COPIED_FIELDS},
    )
    copy.fields_of_action = list(concept.fields_of_action)
    copy.education_stages = list(concept.education_stages)
    with duplicate_raises(lambda: _draft_exists(municipality)):
        copy.save()
    for item in concept.work_plan.all():
        WorkPlanItem.objects.create(
            concept=copy,
            theme=item.theme,
            goal=item.goal,
            measures=item.measures,
            responsible_unit=item.responsible_unit,
            target_date=item.target_date,
        )
    return copy


@transaction.atomic
def concept_record_resolution(
    *, concept, expected_version, body: str, resolution_date, paper: str, outcome: str
) -> IntegrationConcept:
    """Record the council's resolution on a version; an adopting outcome adopts a draft (see concept_adopt)."""
    if concept.status == IntegrationConcept.Status.SUPERSEDED:
        raise ConceptLocked
    adopting = outcome in IntegrationConcept.ADOPTING_OUTCOMES
    if concept.status == IntegrationConcept.Status.ADOPTED and not adopting:
        raise ValidationError(
            {"resolution_outcome": _("This version is adopted; the outcome of its resolution must be an adoption.")}
        )
    concept.resolution_body = body
    concept.resolution_date = resolution_date
    concept.resolution_paper = paper
    concept.resolution_outcome = outcome
    if concept.is_draft and adopting:
        return concept_adopt(concept=concept, adopted_on=resolution_date, expected_version=expected_version)
    if concept.status == IntegrationConcept.Status.ADOPTED:
        concept.adopted_on = resolution_date
    return save_versioned(concept, expected_version=expected_version)


@transaction.atomic
def concept_adopt(*, concept, adopted_on, expected_version) -> IntegrationConcept:
    """Mark a draft as adopted on `adopted_on` and the version adopted so far as superseded on that day."""
    if not concept.is_draft:
        raise ConceptLocked
    previous = (
        IntegrationConcept.objects.select_for_update()
        .filter(municipality=concept.municipality, status=IntegrationConcept.Status.ADOPTED)
        .exclude(pk=concept.pk)
        .first()
    )
    if previous is not None:
        if previous.adopted_on and adopted_on <= previous.adopted_on:
            raise ValidationError(
                {
                    "resolution_date": _(
                        "The adopted version %(number)s dates from %(date)s; a newer version must be adopted later."
                    )
                    % {"number": previous.number, "date": previous.adopted_on.strftime("%d.%m.%Y")}
                }
            )
        previous.status = IntegrationConcept.Status.SUPERSEDED
        previous.superseded_on = adopted_on
        previous.save()
    concept.status = IntegrationConcept.Status.ADOPTED
    concept.adopted_on = adopted_on
    return save_versioned(concept, expected_version=expected_version)


def concept_attach_document(*, concept, upload, expected_version) -> IntegrationConcept:
    """Store the adopted document (already checked by the form) on a draft or the adopted version."""
    if concept.status == IntegrationConcept.Status.SUPERSEDED:
        raise ConceptLocked
    # A replaced file stays in storage: the change history refers to it, and documents are kept for years.
    concept.document = upload
    concept.document_name = upload.name[:200]
    return save_versioned(concept, expected_version=expected_version)


def work_plan_item_save(*, item, expected_version) -> WorkPlanItem:
    if not item.concept.is_draft:
        raise ConceptLocked
    return save_versioned(item, expected_version=expected_version)


def work_plan_item_delete(*, item) -> None:
    if not item.concept.is_draft:
        raise ConceptLocked
    item.delete()


def council_step_save(*, step, expected_version):
    return save_versioned(step, expected_version=expected_version)


def council_step_delete(*, step) -> None:
    step.delete()
