"""The proof of use of a granted application for one year, and the lines of its financial statement."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import TenantQuerySet

from ..applications.models import FundingApplication
from ..fields import FTE, MONEY

__all__ = ["ProofLine", "ProofLineKind", "ProofOfUse", "ProofOfUseQuerySet", "ProofState"]


class ProofState(models.TextChoices):
    DRAFT = "entwurf", _("Draft")
    SUBMITTED = "eingereicht", _("Submitted")
    IN_REVIEW = "in_pruefung", _("In review")
    CHECKED = "geprueft", _("Checked")
    CLOSED = "abgeschlossen", _("Closed")


class ProofOfUseQuerySet(TenantQuerySet):
    tenant_path = "application__municipality"

    def waiting(self):
        return self.filter(state__in=[ProofState.SUBMITTED, ProofState.IN_REVIEW])


class ProofOfUse(Versioned):
    """The proof of use (Verwendungsnachweis) of a granted application for one year: narrative and figures."""

    # Published (kiz.policy.published) once submitted; the draft is the city's working copy.
    published_states = frozenset(ProofState) - {ProofState.DRAFT}

    RETENTION_YEARS = 5

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="proofs", verbose_name=_("funding application")
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)])
    state = models.CharField(
        _("state"), max_length=20, choices=ProofState.choices, default=ProofState.DRAFT, editable=False
    )
    activities = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    deviations = models.TextField(_("deviations from the plan"), blank=True)
    own_funds_actual = models.DecimalField(
        _("own funds (actual)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    third_party_actual = models.DecimalField(
        _("third-party funds (actual)"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY
    )
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True, editable=False)
    # the authority's check
    checked_on = models.DateField(_("checked on"), null=True, blank=True, editable=False)
    eligible_costs = models.DecimalField(_("eligible actual costs"), null=True, blank=True, editable=False, **MONEY)
    grant_due = models.DecimalField(_("grant due"), null=True, blank=True, editable=False, **MONEY)
    paid_total = models.DecimalField(_("paid out"), null=True, blank=True, editable=False, **MONEY)
    repayment_amount = models.DecimalField(_("repayment"), null=True, blank=True, editable=False, **MONEY)
    repayment_due_on = models.DateField(_("repayment due on"), null=True, blank=True, editable=False)
    interest_until = models.DateField(_("interest until"), null=True, blank=True, editable=False)
    interest_amount = models.DecimalField(_("interest"), null=True, blank=True, editable=False, **MONEY)
    interest_payouts = models.JSONField(_("payouts for the interest"), default=list, blank=True, editable=False)
    # interim interest (§ 49a Abs. 4 VwVfG NRW): payouts not used within two months, and the authority's decision
    interim_uses = models.JSONField(_("payouts used late"), default=list, blank=True, editable=False)
    interim_interest_amount = models.DecimalField(_("interim interest"), null=True, blank=True, editable=False, **MONEY)
    interim_interest_waived = models.DecimalField(
        _("interim interest waived"), null=True, blank=True, editable=False, **MONEY
    )
    interim_waiver_reason = models.TextField(_("reason for the waiver"), blank=True, editable=False)
    check_note = models.TextField(_("note of the check"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProofOfUseQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("proof of use")
        verbose_name_plural = _("proofs of use")
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "year"],
                name="proof_of_use_one_per_year",
                violation_error_message=_("There is already a proof of use for this year."),
            ),
        ]

    def __str__(self):
        return _("Proof of use %(year)s – %(municipality)s") % {
            "year": self.year,
            "municipality": self.application.municipality.name,
        }

    def get_absolute_url(self):
        return reverse("funding:proof_detail", kwargs={"pk": self.pk})

    @property
    def municipality(self):
        return self.application.municipality

    @property
    def is_draft(self) -> bool:
        return self.state == ProofState.DRAFT

    @property
    def interim_interest_charged(self):
        """The interim interest the authority charges: computed less what it waived."""
        if self.interim_interest_amount is None:
            return None
        return self.interim_interest_amount - (self.interim_interest_waived or 0)

    @property
    def retention_until(self):
        """Documents are kept five years after the proof of use was submitted."""
        if self.submitted_on is None:
            return None
        try:
            return self.submitted_on.replace(year=self.submitted_on.year + self.RETENTION_YEARS)
        except ValueError:  # 29 February
            return self.submitted_on.replace(year=self.submitted_on.year + self.RETENTION_YEARS, day=28)


class ProofLineKind(models.TextChoices):
    POST = "post", _("Personnel costs")
    EXTRA = "extra", _("Extra item")
    OWN = "own", _("Municipal own contribution")


class ProofLine(models.Model):
    """One expense line of the financial statement, derived from the financing plan: planned beside actual."""

    proof = models.ForeignKey(
        ProofOfUse, on_delete=models.CASCADE, related_name="lines", verbose_name=_("proof of use")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProofLineKind.choices)
    key = models.CharField(_("key"), max_length=40)
    label = models.CharField(_("line"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    planned = models.DecimalField(_("per grant notice"), **MONEY)
    actual = models.DecimalField(_("actual"), null=True, blank=True, validators=[MinValueValidator(0)], **MONEY)
    # posts only: the post as planned, and the months it was actually in post
    category = models.CharField(_("category"), max_length=30, blank=True)
    funding_source = models.CharField(_("funding source"), max_length=20, blank=True)
    fte = models.DecimalField(_("FTE"), null=True, blank=True, **FTE)
    planned_months = models.PositiveSmallIntegerField(_("months planned"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(
        _("months in post"), null=True, blank=True, validators=[MaxValueValidator(12)]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financial statement line")
        verbose_name_plural = _("financial statement lines")
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["proof", "key"], name="proof_line_once")]

    def __str__(self):
        return self.label
