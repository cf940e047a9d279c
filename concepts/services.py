"""Writes of the concepts app. A concept's status changes only through the workflow below (kiz.workflow):
a draft is adopted by the council's resolution, which supersedes the version adopted so far."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiz import policy
from kiz.concurrency import duplicate_raises, lock_row, save_versioned
from kiz.workflow import Move, Workflow, register, transition

from .models import IntegrationConcept, OParlImport, WorkPlanItem

S = IntegrationConcept.Status


def _council_resolution_recorder(user, concept) -> bool:
    return policy.can_adopt(user, concept.municipality)


def _version_in_force(concept):
    return (
        IntegrationConcept.objects.filter(municipality=concept.municipality, status=S.ADOPTED)
        .exclude(pk=concept.pk)
        .first()
    )


def _too_early(concept, day, in_force) -> str | None:
    """A newer version can only be adopted after the version in force was."""
    if in_force is None or in_force.adopted_on is None or day > in_force.adopted_on:
        return None
    return _("The adopted version %(number)s dates from %(date)s; a newer version must be adopted later.") % {
        "number": in_force.number,
        "date": in_force.adopted_on.strftime("%d.%m.%Y"),
    }


def _adopting_resolution(concept) -> list[str]:
    """Guard of the adoption: the council's resolution is recorded, adopts, and is later than the version in force."""
    if concept.resolution_date is None or concept.resolution_outcome not in IntegrationConcept.ADOPTING_OUTCOMES:
        return [_("A version is adopted by recording the council resolution that adopts it.")]
    problem = _too_early(concept, concept.resolution_date, _version_in_force(concept))
    return [problem] if problem else []


def _adopted_successor(concept) -> list[str]:
    """Guard of the supersession: a newer version has an adopting resolution of a later date."""
    successor = (
        IntegrationConcept.objects.filter(
            municipality=concept.municipality,
            number__gt=concept.number,
            resolution_outcome__in=IntegrationConcept.ADOPTING_OUTCOMES,
        )
        .exclude(status=S.SUPERSEDED)
        .first()
    )
    if successor is None or _too_early(successor, successor.resolution_date, concept):
        return [_("A version is superseded only by the adoption of a newer version.")]
    return []


CONCEPT_WORKFLOW = register(
    Workflow(
        model=IntegrationConcept,
        field="status",
        moves=[
            Move(S.DRAFT, S.ADOPTED, _council_resolution_recorder, gettext_lazy("Adopt"), guard=_adopting_resolution),
            Move(S.ADOPTED, S.SUPERSEDED, _council_resolution_recorder, gettext_lazy("Supersede"), _adopted_successor),
        ],
    )
)

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
    *, concept, expected_version, user, body: str, resolution_date, paper: str, outcome: str
) -> IntegrationConcept:
    """Record the council's resolution on a version; an adopting outcome adopts a draft (see concept_adopt)."""
    if concept.status == S.SUPERSEDED:
        raise ConceptLocked
    adopting = outcome in IntegrationConcept.ADOPTING_OUTCOMES
    if concept.status == S.ADOPTED and not adopting:
        raise ValidationError(
            {"resolution_outcome": _("This version is adopted; the outcome of its resolution must be an adoption.")}
        )
    if concept.is_draft and adopting:
        problem = _too_early(concept, resolution_date, _version_in_force(concept))
        if problem:
            raise ValidationError({"resolution_date": problem})
    concept.resolution_body = body
    concept.resolution_date = resolution_date
    concept.resolution_paper = paper
    concept.resolution_outcome = outcome
    if concept.status == S.ADOPTED:
        concept.adopted_on = resolution_date
    save_versioned(concept, expected_version=expected_version)
    if concept.is_draft and adopting:
        concept_adopt(concept=concept, user=user)
    return concept


@transaction.atomic
def concept_adopt(*, concept, user) -> IntegrationConcept:
    """Adopt a draft on the date of its recorded council resolution; the version adopted so far is superseded on
    that day. Both moves go through the workflow, each with its event."""
    values = {
        "date": concept.resolution_date.strftime("%d.%m.%Y") if concept.resolution_date else "–",
        "body": concept.get_resolution_body_display(),
        "paper": concept.resolution_paper,
    }
    if concept.resolution_paper:
        resolution = _("Resolution of %(date)s (%(body)s, paper %(paper)s)") % values
    else:
        resolution = _("Resolution of %(date)s (%(body)s)") % values
    previous = (
        IntegrationConcept.objects.select_for_update()
        .filter(municipality=concept.municipality, status=S.ADOPTED)
        .exclude(pk=concept.pk)
        .first()
    )
    if previous is not None:
        transition(
            obj=previous,
            to_state=S.SUPERSEDED,
            user=user,
            comment=_("Superseded by version %(number)s. %(resolution)s")
            % {
                "number": concept.number,
                "resolution": resolution,
            },
            data={"superseded_on": concept.resolution_date},
        )
    transition(
        obj=concept, to_state=S.ADOPTED, user=user, comment=resolution, data={"adopted_on": concept.resolution_date}
    )
    return concept


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


@transaction.atomic
def oparl_import_start(*, municipality, concept, source_url: str, user) -> OParlImport:
    """Record an import of a council paper and run it in the background once the record is committed."""
    from .tasks import import_council_process

    record = OParlImport.objects.create(
        municipality=municipality, concept=concept, source_url=source_url, requested_by=user
    )
    transaction.on_commit(lambda: import_council_process.delay(record.pk))
    return record
