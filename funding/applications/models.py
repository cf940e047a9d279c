"""The funding application (Förderantrag) for one year and the extra items it requests."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet

from ..fields import MONEY
from ..guidelines.models import ExtraItemRule, Guideline

__all__ = ["ApplicationItem", "ApplicationState", "FundingApplication", "FundingApplicationQuerySet"]


class ApplicationState(models.TextChoices):
    DRAFT = "entwurf", _("Draft")
    SUBMITTED = "eingereicht", _("Submitted")
    IN_REVIEW = "in_pruefung", _("In review")
    GRANTED = "bewilligt", _("Granted")
    PARTIALLY_GRANTED = "teilweise_bewilligt", _("Partially granted")
    REJECTED = "abgelehnt", _("Rejected")
    WITHDRAWN = "zurueckgezogen", _("Withdrawn")


class FundingApplicationQuerySet(TenantQuerySet):
    def for_user(self, user):
        """As for every tenant-owned row, and drafts only for those who prepare them (kiz.policy)."""
        from kiz import policy

        visible = super().for_user(user)
        preparing = policy.draft_municipality_ids(user)
        if preparing is None:
            return visible
        return visible.exclude(models.Q(state=ApplicationState.DRAFT) & ~models.Q(municipality_id__in=preparing))

    def waiting_for_review(self):
        return self.filter(state=ApplicationState.SUBMITTED)

    def open(self):
        return self.exclude(state__in=[ApplicationState.WITHDRAWN, ApplicationState.REJECTED])


class FundingApplication(Versioned):
    """A KIZ's application for one funding year (Förderantrag) with its financing plan."""

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
