"""The funding application (Förderantrag) for one year and the extra items it requests."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet
from staffing.models import FundingSource, PayScheme, PostCategory, PostOrigin

from ..fields import FTE, MONEY
from ..guidelines.models import ExtraItemRule, Guideline, PostRule

__all__ = [
    "ApplicationItem",
    "ApplicationRevision",
    "ApplicationState",
    "FrozenRecordError",
    "FundingApplication",
    "FundingApplicationQuerySet",
    "RevisionExtra",
    "RevisionPost",
]


class ApplicationState(models.TextChoices):
    DRAFT = "entwurf", _("Draft")
    SUBMITTED = "eingereicht", _("Submitted")
    IN_REVIEW = "in_pruefung", _("In review")
    GRANTED = "bewilligt", _("Granted")
    PARTIALLY_GRANTED = "teilweise_bewilligt", _("Partially granted")
    REJECTED = "abgelehnt", _("Rejected")
    WITHDRAWN = "zurueckgezogen", _("Withdrawn")


class FundingApplicationQuerySet(TenantQuerySet):
    def waiting_for_review(self):
        return self.filter(state=ApplicationState.SUBMITTED)

    def open(self):
        return self.exclude(state__in=[ApplicationState.WITHDRAWN, ApplicationState.REJECTED])


class FundingApplication(Versioned):
    """A KIZ's application for one funding year (Förderantrag) with its financing plan."""

    # Published (kiz.policy.published) from its submission on: in review, decided or withdrawn; a draft (also one
    # returned for correction) is the city's working copy.
    published_states = frozenset(ApplicationState) - {ApplicationState.DRAFT}

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="funding_applications", verbose_name=_("municipality")
    )
    funding_year = models.PositiveSmallIntegerField(
        _("funding year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)]
    )
    period_start = models.DateField(_("funding period from"))
    period_end = models.DateField(_("funding period until"))
    guideline = models.ForeignKey(
        Guideline,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="applications",
        verbose_name=_("guideline edition"),
    )
    raa_transition = models.BooleanField(
        _("transitional rule for a former RAA"),
        default=False,
        help_text=_("The former RAA keeps its old organisational form, funded on application."),
    )
    own_rooms = models.DecimalField(_("rooms"), default=0, validators=[MinValueValidator(0)], **MONEY)
    own_admin_travel = models.DecimalField(
        _("administration and travel"), default=0, validators=[MinValueValidator(0)], **MONEY
    )
    own_material = models.DecimalField(_("teaching material"), default=0, validators=[MinValueValidator(0)], **MONEY)
    own_project_funds = models.DecimalField(_("project funds"), default=0, validators=[MinValueValidator(0)], **MONEY)
    requested_grant = models.DecimalField(
        _("requested grant"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ApplicationState.choices, default=ApplicationState.DRAFT, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FundingApplicationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding application")
        verbose_name_plural = _("funding applications")
        ordering = ["-funding_year", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "funding_year"],
                condition=~models.Q(state="zurueckgezogen"),
                name="funding_application_one_per_year",
                violation_error_message=_("There is already an application for this funding year."),
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="funding_application_period_range",
                violation_error_message=_("The funding period must not end before it starts."),
            ),
        ]

    def __str__(self):
        return _("Funding application %(year)s – %(municipality)s") % {
            "year": self.funding_year,
            "municipality": self.municipality.name,
        }

    def get_absolute_url(self):
        return reverse("funding:application_detail", kwargs={"pk": self.pk})

    @property
    def own_contribution(self):
        return self.own_rooms + self.own_admin_travel + self.own_material + self.own_project_funds

    @property
    def is_draft(self) -> bool:
        return self.state == ApplicationState.DRAFT

    @property
    def is_decided(self) -> bool:
        return self.state in (ApplicationState.GRANTED, ApplicationState.PARTIALLY_GRANTED, ApplicationState.REJECTED)


class ApplicationItem(models.Model):
    """The amount requested for one extra item of the edition (e.g. the lay-interpreter pool)."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.CASCADE, related_name="items", verbose_name=_("funding application")
    )
    rule = models.ForeignKey(ExtraItemRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    amount = models.DecimalField(_("amount requested"), validators=[MinValueValidator(0)], **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("requested extra item")
        verbose_name_plural = _("requested extra items")
        ordering = ["rule_id"]
        constraints = [models.UniqueConstraint(fields=["application", "rule"], name="application_item_once")]

    def __str__(self):
        return f"{self.rule}: {self.amount}"


# --- the record: what was submitted, frozen per revision -----------------------------------------------------


class FrozenRecordError(ValidationError):
    """A submitted record is never changed; a correction is a new revision."""


class Frozen(models.Model):
    """Rows of a submitted record: written once, never updated or deleted by the application."""

    MUTABLE = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        changing = self.pk is not None and not self._state.adding
        if changing and (update_fields is None or not set(update_fields) <= self.MUTABLE):
            raise FrozenRecordError(_("A submitted record cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenRecordError(_("A submitted record cannot be deleted."))


class ApplicationRevisionQuerySet(TenantQuerySet):
    tenant_path = "application__municipality"


class ApplicationRevision(Frozen):
    """One submission of an application, frozen: the edition applied, the staff plan's posts with their costs and
    eligible amounts (RevisionPost), the extra items (RevisionExtra), the totals and the findings.

    The authority reviews and decides on this record; the page, the PDF, the export, the call-offs and the proof
    of use read it. A return for correction closes the revision (`returned_at`); the next submission is a new one.
    """

    MUTABLE = frozenset({"returned_at", "returned_by", "return_comment"})

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("funding application")
    )
    number = models.PositiveSmallIntegerField(_("revision"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    returned_at = models.DateTimeField(_("returned for correction at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    return_comment = models.TextField(_("reason for the return"), blank=True)
    # what was judged, and by which edition
    guideline = models.ForeignKey(
        Guideline, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("guideline edition")
    )
    municipality_group = models.CharField(_("municipality kind"), max_length=20)
    staff_plan = models.ForeignKey(
        "staffing.StaffPlan",
        on_delete=models.PROTECT,
        null=True,
        related_name="funding_revisions",
        verbose_name=_("staff plan"),
    )
    period_start = models.DateField(_("funding period from"))
    period_end = models.DateField(_("funding period until"))
    raa_transition = models.BooleanField(_("transitional rule for a former RAA"), default=False)
    own_rooms = models.DecimalField(_("rooms"), **MONEY)
    own_admin_travel = models.DecimalField(_("administration and travel"), **MONEY)
    own_material = models.DecimalField(_("teaching material"), **MONEY)
    own_project_funds = models.DecimalField(_("project funds"), **MONEY)
    # the totals of the financing plan, as submitted
    expected_personnel = models.DecimalField(_("expected personnel costs"), **MONEY)
    personnel_eligible = models.DecimalField(_("eligible personnel costs"), **MONEY)
    extras_requested = models.DecimalField(_("extra items requested"), **MONEY)
    extras_eligible = models.DecimalField(_("extra items eligible"), **MONEY)
    annual_cap = models.DecimalField(_("annual cap on the personnel grant"), null=True, **MONEY)
    own_contribution = models.DecimalField(_("municipal own contribution"), **MONEY)
    total_eligible = models.DecimalField(_("total eligible costs"), **MONEY)
    max_grant = models.DecimalField(_("maximum grant under the rules"), **MONEY)
    requested = models.DecimalField(_("requested grant"), **MONEY)
    total_costs = models.DecimalField(_("total costs"), **MONEY)
    municipal_share = models.DecimalField(_("borne by the municipality"), **MONEY)
    findings = models.JSONField(_("findings"), default=list, encoder=DjangoJSONEncoder)

    objects = ApplicationRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submitted revision")
        verbose_name_plural = _("submitted revisions")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="application_revision_number_once"),
        ]

    def __str__(self):
        return _("Revision %(number)s of the %(application)s") % {
            "number": self.number,
            "application": self.application,
        }


class RevisionPost(Frozen):
    """One post of the staff plan as it was submitted, with its expected cost and the eligible amount."""

    revision = models.ForeignKey(
        ApplicationRevision, on_delete=models.CASCADE, related_name="posts", verbose_name=_("revision")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    # the live post it was taken from (no foreign key: the post may be removed from the staff plan later)
    source_post_id = models.PositiveBigIntegerField(_("post of the staff plan"), null=True)
    title = models.CharField(pgettext_lazy("post", "title"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=PostCategory.choices)
    fte = models.DecimalField(_("FTE"), **FTE)
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    origin = models.CharField(_("origin"), max_length=30, choices=PostOrigin.choices)
    pay_scheme = models.CharField(_("pay scheme"), max_length=20, choices=PayScheme.choices)
    pay_grade = models.CharField(_("pay grade"), max_length=20)
    starts_on = models.DateField(_("start of the post"))
    ends_on = models.DateField(_("end of the post"), null=True)
    filled_months = models.PositiveSmallIntegerField(_("months filled"))
    rate = models.DecimalField(_("annual employer cost"), null=True, **MONEY)
    expected = models.DecimalField(_("expected costs"), null=True, **MONEY)
    cost_explanation = models.TextField(_("calculation of the costs"), blank=True)
    rule = models.ForeignKey(PostRule, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("rule"))
    rule_label = models.CharField(_("rule"), max_length=200, blank=True)
    months = models.PositiveSmallIntegerField(_("months"))
    term_months = models.PositiveSmallIntegerField(_("months of the term"))
    eligible = models.DecimalField(_("eligible"), **MONEY)
    explanation = models.TextField(_("calculation"), blank=True)

    class Meta:
        verbose_name = _("submitted post")
        verbose_name_plural = _("submitted posts")
        ordering = ["revision", "position"]

    def __str__(self):
        return self.title


class RevisionExtra(Frozen):
    """One extra item of the edition (e.g. the lay-interpreter pool) as it was submitted."""

    revision = models.ForeignKey(
        ApplicationRevision, on_delete=models.CASCADE, related_name="extras", verbose_name=_("revision")
    )
    rule = models.ForeignKey(ExtraItemRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    name = models.CharField(_("name"), max_length=200)
    max_amount = models.DecimalField(_("maximum per year"), **MONEY)
    requested = models.DecimalField(_("amount requested"), **MONEY)
    eligible = models.DecimalField(_("eligible"), **MONEY)

    class Meta:
        verbose_name = _("submitted extra item")
        verbose_name_plural = _("submitted extra items")
        ordering = ["revision", "rule_id"]

    def __str__(self):
        return self.name
