"""Integration concepts in versions (Fassungen), their work plan, and the council process (Gremienlauf)."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.choices import EducationStage, FieldOfAction, FocusTheme
from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet


class ConceptQuerySet(TenantQuerySet):
    def adopted(self):
        return self.filter(status=IntegrationConcept.Status.ADOPTED)

    def drafts(self):
        return self.filter(status=IntegrationConcept.Status.DRAFT)


def document_path(instance, filename):
    """Stored under MEDIA_ROOT with a random name; the file is only served through a view that checks access."""
    return f"concepts/{instance.municipality.ags}/{uuid.uuid4().hex}.pdf"


class IntegrationConcept(Versioned):
    """One version (Fassung) of a municipality's integration concept; `number` counts the versions 1, 2, 3 …"""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ADOPTED = "adopted", _("Adopted")
        SUPERSEDED = "superseded", _("Superseded")

    class Body(models.TextChoices):
        COUNCIL = "rat", _("City council (Rat)")
        DISTRICT_COUNCIL = "kreistag", _("District council (Kreistag)")

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_AMENDED = "amended", _("Adopted with amendments")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    ADOPTING_OUTCOMES = frozenset({Outcome.ADOPTED, Outcome.ADOPTED_AMENDED})

    # Published (kiz.policy.published): what the council adopted, also once a newer version supersedes it.
    state_field = "status"
    published_states = frozenset({Status.ADOPTED, Status.SUPERSEDED})

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="concepts", verbose_name=_("municipality")
    )
    number = models.PositiveIntegerField(_("version number"), editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    title = models.CharField(_("title"), max_length=200)
    based_on = models.CharField(
        _("based on"),
        max_length=300,
        blank=True,
        help_text=_("Earlier plans the concept builds on, e.g. a master plan on migration and integration."),
    )
    plan_start = models.DateField(
        _("start of the work plan"), help_text=_("Target dates of the work plan cannot lie before this date.")
    )
    education_text = models.TextField(_("Integration through education"), blank=True)
    cross_cutting_text = models.TextField(_("Integration as a cross-cutting municipal task"), blank=True)
    anchoring_text = models.TextField(
        _("organisational anchoring of the KIZ"),
        blank=True,
        help_text=_("Where the centre sits in the administration as a recognisable separate unit."),
    )
    priorities_start_year = models.PositiveSmallIntegerField(
        _("content priorities from (year)"),
        null=True,
        blank=True,
        help_text=_("Content priorities are set for two years, starting in this year."),
    )
    priorities_text = models.TextField(_("content priorities for the two-year period"), blank=True)
    fields_of_action = models.JSONField(_("fields of action"), default=list, blank=True)
    education_stages = models.JSONField(_("education chain stages"), default=list, blank=True)
    document = models.FileField(_("adopted document (PDF)"), upload_to=document_path, blank=True, max_length=200)
    document_name = models.CharField(_("file name of the document"), max_length=200, blank=True, editable=False)
    resolution_body = models.CharField(_("deciding body"), max_length=20, choices=Body.choices, blank=True)
    resolution_date = models.DateField(_("date of the resolution"), null=True, blank=True)
    resolution_paper = models.CharField(_("paper number (Drucksache)"), max_length=50, blank=True)
    resolution_outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True, editable=False)
    superseded_on = models.DateField(_("superseded on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
        editable=False,
    )

    objects = ConceptQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integration concept")
        verbose_name_plural = _("integration concepts")
        ordering = ["municipality__name", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "number"], name="concept_number_unique"),
            models.UniqueConstraint(
                fields=["municipality"], condition=models.Q(status="adopted"), name="concept_one_adopted"
            ),
            models.UniqueConstraint(
                fields=["municipality"], condition=models.Q(status="draft"), name="concept_one_draft"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({_('version')} {self.number})"

    def get_absolute_url(self):
        return reverse("concepts:detail", kwargs={"ags": self.municipality.ags, "number": self.number})

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def has_resolution(self) -> bool:
        return self.resolution_date is not None

    def theme_text(self, theme) -> str:
        return {FocusTheme.EDUCATION: self.education_text, FocusTheme.CROSS_CUTTING: self.cross_cutting_text}[theme]

    def fields_of_action_labels(self) -> list[str]:
        return [label for value, label in FieldOfAction.choices if value in self.fields_of_action]

    def education_stage_labels(self) -> list[str]:
        return [label for value, label in EducationStage.choices if value in self.education_stages]

    @property
    def priorities_end_year(self):
        return self.priorities_start_year + 1 if self.priorities_start_year else None


class WorkPlanItemQuerySet(TenantQuerySet):
    tenant_path = "concept__municipality"


class WorkPlanItem(Versioned):
    """A goal of the work plan of one focus theme, with its measures, the responsible unit and a target date."""

    # Published with its concept version (kiz.policy.published).
    state_field = "concept__status"
    published_states = IntegrationConcept.published_states

    concept = models.ForeignKey(
        IntegrationConcept, on_delete=models.CASCADE, related_name="work_plan", verbose_name=_("integration concept")
    )
    theme = models.CharField(_("focus theme"), max_length=20, choices=FocusTheme.choices)
    goal = models.CharField(_("goal"), max_length=300)
    measures = models.TextField(_("measures"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    target_date = models.DateField(_("target date"))

    objects = WorkPlanItemQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("work plan item")
        verbose_name_plural = _("work plan items")
        ordering = ["theme", "target_date", "pk"]

    def __str__(self):
        return self.goal


class CouncilStep(Versioned):
    """A step of the council process (Gremienlauf): which body deals with a concept or paper, when, and how."""

    class Body(models.TextChoices):
        INTEGRATION_COUNCIL = "integrationsrat", _("Integration council")
        COMMITTEE = "ausschuss", _("Committee")
        EXECUTIVE_BOARD = "verwaltungsvorstand", _("Executive board (Verwaltungsvorstand)")
        COUNCIL = "rat", _("City council / district council")
        CIVIL_SOCIETY = "zivilgesellschaft", _("Consultation with civil-society actors")
        OTHER = "sonstige", _("Other")

    class Kind(models.TextChoices):
        INFORMATION = "information", _("Information")
        CONSULTATION = "beratung", _("Consultation")
        DECISION = "beschluss", _("Decision")

    class Outcome(models.TextChoices):
        NOTED = "noted", _("Noted")
        RECOMMENDED = "recommended", _("Recommended")
        ADOPTED = "adopted", _("Adopted")
        ADOPTED_AMENDED = "amended", _("Adopted with amendments")
        REJECTED = "rejected", _("Rejected")
        DEFERRED = "deferred", _("Deferred")

    class State(models.TextChoices):
        DONE = "done", _("done")
        UPCOMING = "upcoming", _("upcoming")
        OVERDUE = "overdue", _("overdue")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="council_steps", verbose_name=_("municipality")
    )
    concept = models.ForeignKey(
        IntegrationConcept,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_steps",
        verbose_name=_("concept version"),
        help_text=_("The version of the concept this step deals with, if any."),
    )
    title = models.CharField(_("subject"), max_length=200)
    body = models.CharField(_("body"), max_length=30, choices=Body.choices)
    body_name = models.CharField(
        _("name of the body"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the committee's name: Ausschuss für Soziales, Arbeit und Gesundheit."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    resolution_text = models.TextField(_("resolution text"), blank=True)
    source_url = models.URLField(
        _("OParl source"),
        max_length=500,
        blank=True,
        editable=False,
        help_text=_("The consultation in the council information system this step was imported from."),
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("council process step")
        verbose_name_plural = _("council process steps")
        ordering = ["planned_date", "pk"]

    def __str__(self):
        return self.title

    def state(self, today) -> str:
        """Done once it has taken place; overdue when its planned date has passed without that; else upcoming."""
        if self.actual_date is not None:
            return self.State.DONE
        if self.planned_date < today:
            return self.State.OVERDUE
        return self.State.UPCOMING

    @property
    def body_label(self) -> str:
        return self.body_name or self.get_body_display()


class OParlImport(models.Model):
    """An import of a council paper's consultations from a council information system (OParl 1.1)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="oparl_imports", verbose_name=_("municipality")
    )
    concept = models.ForeignKey(
        IntegrationConcept,
        on_delete=models.CASCADE,
        related_name="oparl_imports",
        verbose_name=_("concept version"),
        help_text=_("The version of the concept the council paper deals with."),
    )
    source_url = models.URLField(
        _("URL of the paper"),
        max_length=500,
        help_text=_("The address of the council paper (OParl Paper) or of the body in the council information system."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    error = models.TextField(_("error"), blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    candidates = models.JSONField(
        _("papers found"),
        default=list,
        blank=True,
        help_text=_("For the address of a body: its papers about integration."),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("OParl import")
        verbose_name_plural = _("OParl imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.source_url

    def get_absolute_url(self):
        return reverse("concepts:oparl_import_detail", kwargs={"ags": self.municipality.ags, "pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
