"""Programme controlling: one report per KIZ and year (or half-year), its activities and the staffing in place."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.choices import EducationStage, FieldOfAction
from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet
from staffing.models import PostCategory

__all__ = [
    "Activity",
    "ActivityKind",
    "ControllingReport",
    "PartnerKind",
    "ReportPeriod",
    "ReportState",
    "StaffingInPlace",
]


class ReportPeriod(models.TextChoices):
    YEAR = "jahr", _("Full year")
    H1 = "h1", _("First half-year")
    H2 = "h2", _("Second half-year")


class ReportState(models.TextChoices):
    DRAFT = "entwurf", _("Draft")
    SUBMITTED = "eingereicht", _("Submitted")


class ActivityKind(models.TextChoices):
    ADVICE = "beratung", _("Advice to an institution or department")
    PROJECT = "projekt", _("Project")
    EVENT = "veranstaltung", _("Event")
    TRAINING = "fortbildung", _("Training")
    NETWORK = "netzwerk", _("Network meeting")


class PartnerKind(models.TextChoices):
    """The partners a KIZ advises: city departments first, then institutions and providers."""

    JUGENDAMT = "jugendamt", _("Youth welfare office (Jugendamt)")
    SCHULVERWALTUNG = "schulverwaltung", _("School administration (Schulverwaltung)")
    AUSLAENDERBEHOERDE = "auslaenderbehoerde", _("Immigration office (Ausländerbehörde)")
    WIRTSCHAFTSFOERDERUNG = "wirtschaftsfoerderung", _("Economic development (Wirtschaftsförderung)")
    STADTENTWICKLUNG = "stadtentwicklung", _("Urban development (Stadtentwicklung)")
    SCHULEN = "schulen", _("Schools")
    KITAS = "kitas", _("Day-care centres")
    JUGENDHILFE = "jugendhilfe", _("Youth-welfare providers")
    FREIE_TRAEGER = "freie_traeger", _("Free providers")
    REGIONAL = "regional", _("Regional organisations")


class ControllingReportQuerySet(TenantQuerySet):
    def submitted(self):
        return self.filter(state=ReportState.SUBMITTED)

    def drafts(self):
        return self.filter(state=ReportState.DRAFT)


class ControllingReport(Versioned):
    """The controlling report (Controllingbericht) of one KIZ for one year or half-year."""

    # Published (kiz.policy.published) once submitted; the draft is the city's working copy.
    published_states = frozenset({ReportState.SUBMITTED})

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="controlling_reports", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)])
    period = models.CharField(_("period"), max_length=4, choices=ReportPeriod.choices, default=ReportPeriod.YEAR)
    due_date = models.DateField(_("due date"))
    state = models.CharField(
        _("state"), max_length=20, choices=ReportState.choices, default=ReportState.DRAFT, editable=False
    )
    narrative = models.TextField(
        _("narrative"),
        blank=True,
        help_text=_("A short account of the period: priorities, results, deviations from the work plan."),
    )
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ControllingReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("controlling report")
        verbose_name_plural = _("controlling reports")
        ordering = ["municipality__name", "-year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year", "period"], name="controlling_report_once"),
        ]

    def __str__(self):
        if self.period == ReportPeriod.YEAR:
            return _("Controlling report %(year)s") % {"year": self.year}
        return _("Controlling report %(year)s, %(period)s") % {"year": self.year, "period": self.get_period_display()}

    def get_absolute_url(self):
        return reverse("reporting:controlling:report_detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.state == ReportState.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state == ReportState.SUBMITTED

    @property
    def starts_on(self) -> date:
        return date(self.year, 7, 1) if self.period == ReportPeriod.H2 else date(self.year, 1, 1)

    @property
    def ends_on(self) -> date:
        return date(self.year, 6, 30) if self.period == ReportPeriod.H1 else date(self.year, 12, 31)


class StaffingQuerySet(TenantQuerySet):
    tenant_path = "report__municipality"


class StaffingInPlace(models.Model):
    """FTE actually filled in one post category during the report's period (an average over the period)."""

    # Published with its report (kiz.policy.published).
    state_field = "report__state"
    published_states = ControllingReport.published_states

    report = models.ForeignKey(
        ControllingReport, on_delete=models.CASCADE, related_name="staffing", verbose_name=_("controlling report")
    )
    category = models.CharField(_("category"), max_length=30, choices=PostCategory.choices)
    fte = models.DecimalField(
        _("FTE in place"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0, _("The FTE in place cannot be negative."))],
    )

    objects = StaffingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staffing in place")
        verbose_name_plural = _("staffing in place")
        ordering = ["report", "category"]
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="controlling_staffing_once"),
            models.CheckConstraint(condition=models.Q(fte__gte=0), name="controlling_staffing_fte_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_category_display()}: {self.fte}"


class ActivityQuerySet(TenantQuerySet):
    tenant_path = "report__municipality"


class Activity(Versioned):
    """Something the KIZ did in the period: advice, a project, an event, a training or a network meeting."""

    # Published with its report (kiz.policy.published).
    state_field = "report__state"
    published_states = ControllingReport.published_states

    report = models.ForeignKey(
        ControllingReport, on_delete=models.CASCADE, related_name="activities", verbose_name=_("controlling report")
    )
    field_of_action = models.CharField(_("field of action"), max_length=20, choices=FieldOfAction.choices)
    education_stage = models.CharField(
        _("education-chain stage"),
        max_length=20,
        choices=EducationStage.choices,
        blank=True,
        help_text=_("Leave empty if the activity does not address one stage of the education chain."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    count = models.PositiveIntegerField(
        _("number of occurrences"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How often it took place in the period, e.g. 4 network meetings."),
    )
    participants = models.PositiveIntegerField(
        _("participants"), default=0, help_text=_("All occurrences together; 0 if not counted.")
    )
    partners = models.JSONField(
        _("partner institutions advised"),
        default=list,
        blank=True,
        help_text=_("The kinds of departments and institutions the activity advised or involved."),
    )
    institutions_reached = models.PositiveIntegerField(
        _("institutions reached"), default=0, help_text=_("Number of institutions or departments reached.")
    )

    objects = ActivityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["field_of_action", "education_stage", "title", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(count__gte=1), name="controlling_activity_count_positive"),
        ]

    def __str__(self):
        return self.title

    def partner_labels(self) -> list[str]:
        labels = dict(PartnerKind.choices)
        return [str(labels[code]) for code in self.partners if code in labels]
