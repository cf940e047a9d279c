"""The submitted record of an application: frozen on submission, read by everything that comes after it.

`record_submission` freezes what the rule check computed at the moment of submission (the financing plan post
by post, the extra items, the totals, the findings, the edition applied) as a new `ApplicationRevision`.
`assessed(application)` is what the application page, its PDF, the financing-plan export and the proof of use
show: the live computation while the application is a draft, the latest revision once it is submitted. Later
edits of the staff plan therefore change nothing that was submitted or decided; `plan_changes`
(funding.applications.changes) tells what differs between two revisions, or between the record and the live plan.

The texts of a record (calculations, findings) are frozen in the official language (German).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from kiz.findings import Finding, Severity
from kiz.money import round_cents
from staffing.costs import PostCost

from ..guidelines.rules import Share, post_share
from .changes import PlanChange, plan_changes
from .financing import ZERO, ExtraLine, FinancingPlan, PostLine, financing_plan
from .models import ApplicationRevision, ApplicationState, RevisionExtra, RevisionPost
from .rules import assess as live_assess

OWN_FIELDS = ("own_rooms", "own_admin_travel", "own_material", "own_project_funds")
TOTALS = (
    "expected_personnel",
    "personnel_eligible",
    "extras_requested",
    "extras_eligible",
    "annual_cap",
    "own_contribution",
    "total_eligible",
    "max_grant",
    "requested",
    "total_costs",
    "municipal_share",
)
POST_FIELDS = (
    "title",
    "category",
    "fte",
    "funding_source",
    "origin",
    "pay_scheme",
    "pay_grade",
    "starts_on",
    "ends_on",
    "filled_months",
)


# --- freezing -------------------------------------------------------------------------------------------------


def _finding_data(finding: Finding) -> dict:
    return {
        "code": finding.code,
        "severity": str(finding.severity),
        "message": str(finding.message),
        "field": finding.field,
        "numbers": finding.numbers,
    }


@transaction.atomic
def record_submission(*, application, user=None, submitted_at=None) -> ApplicationRevision:
    """Freeze the application as it is submitted now: a new revision with its posts, extra items and findings."""
    with translation.override(settings.LANGUAGE_CODE):
        plan, findings = live_assess(application)
        last = application.revisions.order_by("-number").values_list("number", flat=True).first() or 0
        revision = ApplicationRevision(
            application=application,
            number=last + 1,
            submitted_at=submitted_at or timezone.now(),
            submitted_by=user,
            guideline=plan.guideline,
            municipality_group=plan.group,
            staff_plan=plan.staff_plan,
            period_start=application.period_start,
            period_end=application.period_end,
            raa_transition=application.raa_transition,
            findings=[_finding_data(f) for f in findings],
            **{name: getattr(application, name) for name in OWN_FIELDS},
            **{name: getattr(plan, name) for name in TOTALS},
        )
        revision.save()
        RevisionPost.objects.bulk_create(
            RevisionPost(
                revision=revision,
                position=position,
                source_post_id=line.post.pk,
                **{name: getattr(line.post, name) for name in POST_FIELDS},
                rate=line.cost.rate,
                expected=line.cost.amount,
                cost_explanation=str(line.cost.explanation),
                rule=line.rule,
                rule_label=line.rule.label if line.rule else "",
                months=line.months,
                term_months=line.term_months,
                eligible=line.eligible,
                explanation=str(line.explanation),
            )
            for position, line in enumerate(plan.lines)
        )
        RevisionExtra.objects.bulk_create(
            RevisionExtra(
                revision=revision,
                rule=extra.rule,
                name=extra.rule.name,
                max_amount=extra.rule.max_amount,
                requested=extra.requested,
                eligible=extra.eligible,
            )
            for extra in plan.extras
        )
    return revision


@transaction.atomic
def record_return(*, application, user, comment: str = "", returned_at=None) -> ApplicationRevision | None:
    """Close the current revision: the application went back for correction; its next submission is a new one."""
    revision = application.revisions.filter(returned_at__isnull=True).order_by("-number").first()
    if revision is None:
        return None
    revision.returned_at = returned_at or timezone.now()
    revision.returned_by = user
    revision.return_comment = comment
    revision.save(update_fields=["returned_at", "returned_by", "return_comment"])
    return revision


# --- reading --------------------------------------------------------------------------------------------------


class RecordedPlan(FinancingPlan):
    """The financing plan as submitted: the stored lines and the stored totals (never computed again)."""

    def __init__(self, revision, **kwargs):
        super().__init__(**kwargs)
        self.revision = revision

    total_eligible = property(lambda self: self.revision.total_eligible)
    max_grant = property(lambda self: self.revision.max_grant)
    total_costs = property(lambda self: self.revision.total_costs)
    municipal_share = property(lambda self: self.revision.municipal_share)

    @property
    def cap_with_extras(self):
        return None if self.annual_cap is None else self.annual_cap + self.extras_eligible


def _post_line(post: RevisionPost) -> PostLine:
    cost = PostCost(
        post=post,
        rate=post.rate,
        fte=post.fte,
        months=post.months,
        amount=post.expected,
        explanation=post.cost_explanation,
    )
    return PostLine(
        post=post,
        cost=cost,
        rule=post.rule,
        share=post_share(post.funding_source, post.rule),
        months=post.months,
        term_months=post.term_months,
        eligible=post.eligible,
        explanation=post.explanation,
    )


def revision_plan(revision) -> RecordedPlan:
    """The financing plan of a revision, shaped like the live one so that the same templates and tables show it."""
    lines = [_post_line(post) for post in revision.posts.all()]
    plan = RecordedPlan(
        revision,
        guideline=revision.guideline,
        group=revision.municipality_group,
        staff_plan=revision.staff_plan,
        lines=lines,
        extras=[ExtraLine(extra.rule, extra.requested, extra.eligible) for extra in revision.extras.all()],
        expected_personnel=revision.expected_personnel,
        personnel_eligible=revision.personnel_eligible,
        extras_requested=revision.extras_requested,
        extras_eligible=revision.extras_eligible,
        annual_cap=revision.annual_cap,
        own_contribution=revision.own_contribution,
        requested=revision.requested,
        seconded_costs=round_cents(sum((line.expected for line in lines if line.share == Share.SECONDED), ZERO)),
    )
    return plan


def recorded_costs(plan: FinancingPlan) -> list[PostCost]:
    """The expected cost of each post the financing plan was computed from: the staff plan as submitted (or, for
    a draft, as it is now)."""
    return [line.cost for line in plan.lines]


def revision_findings(revision) -> list[Finding]:
    return [
        Finding(
            code=data["code"],
            severity=Severity(data["severity"]),
            message=data["message"],
            field=data.get("field", ""),
            numbers=data.get("numbers", {}),
        )
        for data in revision.findings
    ]


def revisions_of(application) -> list[ApplicationRevision]:
    """Every revision of the application with its posts and extra items, oldest first (four queries)."""
    return list(
        ApplicationRevision.objects.filter(application=application)
        .select_related("guideline", "staff_plan", "submitted_by", "returned_by")
        .prefetch_related("posts__rule", "extras__rule")
        .order_by("number")
    )


def current_revision(application) -> ApplicationRevision | None:
    """The record the authority works on: the latest revision, unless the application is a draft again."""
    if application.state == ApplicationState.DRAFT:
        return None
    return (
        ApplicationRevision.objects.filter(application=application)
        .select_related("guideline", "staff_plan")
        .prefetch_related("posts__rule", "extras__rule", "guideline__post_rules", "guideline__extra_items")
        .order_by("-number")
        .first()
    )


@dataclass
class Assessment:
    plan: FinancingPlan
    findings: list[Finding]
    revision: ApplicationRevision | None = None

    def __iter__(self):
        return iter((self.plan, self.findings))


def assessed(application, *, revision=None) -> Assessment:
    """The financing plan and findings to show: the record once submitted, the live computation for a draft.

    An application that is not a draft but has no record (it never went through the submission, e.g. data
    entered before records existed and not migrated) is computed live, as before.
    """
    revision = revision or current_revision(application)
    if revision is None:
        plan, findings = live_assess(application)
        return Assessment(plan, findings)
    return Assessment(revision_plan(revision), revision_findings(revision), revision)


# --- the application page -------------------------------------------------------------------------------------


@dataclass
class RevisionStep:
    revision: ApplicationRevision
    previous: ApplicationRevision | None
    changes: list[PlanChange]


def record_overview(application) -> dict:
    """What the application page shows: the financing plan and findings (the record once submitted), every
    revision with what changed from the one before, and what differs now, in the draft being corrected or, once
    submitted, in the live staff plan (the record itself stays as it was)."""
    revisions = revisions_of(application)
    plans = [revision_plan(revision) for revision in revisions]
    steps = [
        RevisionStep(revision, revisions[i - 1] if i else None, plan_changes(plans[i - 1], plans[i]) if i else [])
        for i, revision in enumerate(revisions)
    ]
    current = revisions[-1] if revisions and not application.is_draft else None
    if current is None:
        plan, findings = live_assess(application)
        return {
            "plan": plan,
            "findings": findings,
            "revision": None,
            "revisions": steps,
            "last_revision": revisions[-1] if revisions else None,
            "draft_changes": plan_changes(plans[-1], plan) if revisions else None,
            "live_changes": [],
        }
    return {
        "plan": plans[-1],
        "findings": revision_findings(current),
        "revision": current,
        "revisions": steps,
        "last_revision": current,
        "draft_changes": None,
        "live_changes": plan_changes(plans[-1], financing_plan(application)),
    }
