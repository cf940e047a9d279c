"""The grant notice (Zuwendungsbescheid) and the call-offs (Mittelabrufe) of granted funds with their payments."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import TenantQuerySet

from ..applications.models import FundingApplication
from ..fields import MONEY

__all__ = [
    "PERSONNEL_ITEM",
    "CallOff",
    "CallOffPayment",
    "CallOffQuerySet",
    "CallOffState",
    "GrantNotice",
    "GrantNoticeQuerySet",
    "extra_item_key",
]


class GrantNoticeQuerySet(TenantQuerySet):
    tenant_path = "application__municipality"


class GrantNotice(models.Model):
    """The grant notice (Zuwendungsbescheid) the authority issues with a positive decision."""

    application = models.OneToOneField(
        FundingApplication, on_delete=models.PROTECT, related_name="notice", verbose_name=_("funding application")
    )
    approved_amount = models.DecimalField(_("approved amount"), validators=[MinValueValidator(0)], **MONEY)
    period_start = models.DateField(_("funding period from"))
    period_end = models.DateField(_("funding period until"))
    file_number = models.CharField(_("file number"), max_length=100)
    issued_on = models.DateField(_("date of the notice"))
    side_conditions = models.TextField(_("side conditions"), blank=True)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Required when less than requested is approved."))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("issued by")
    )

    objects = GrantNoticeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grant notice")
        verbose_name_plural = _("grant notices")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="grant_notice_period_range",
                violation_error_message=_("The funding period must not end before it starts."),
            ),
        ]

    def __str__(self):
        return self.file_number


PERSONNEL_ITEM = "personnel"


def extra_item_key(rule_id) -> str:
    """The key of an extra item of the edition (e.g. the lay-interpreter pool) in call-offs and budgets."""
    return f"extra:{rule_id}"


class CallOffState(models.TextChoices):
    REQUESTED = "beantragt", _("Requested")
    PAID = "ausgezahlt", _("Paid")
    REJECTED = "abgelehnt", _("Rejected")


class CallOffQuerySet(TenantQuerySet):
    tenant_path = "application__municipality"

    def counting(self):
        """The call-offs that count against the grant: requested or paid, not rejected."""
        return self.exclude(state=CallOffState.REJECTED)

    def waiting(self):
        return self.filter(state=CallOffState.REQUESTED)


class CallOff(Versioned):
    """A call-off of granted funds (Mittelabruf) for payments due soon, for one guideline item."""

    application = models.ForeignKey(
        FundingApplication, on_delete=models.PROTECT, related_name="call_offs", verbose_name=_("funding application")
    )
    item = models.CharField(
        _("guideline item"),
        max_length=30,
        default=PERSONNEL_ITEM,
        help_text=_("Personnel costs, or an extra item of the edition such as the lay-interpreter pool."),
    )
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)
    justification = models.TextField(_("justification"), help_text=_("What the money is needed for."))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_on = models.DateField(_("requested on"))
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=CallOffState.choices, default=CallOffState.REQUESTED, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = CallOffQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("call-off")
        verbose_name_plural = _("call-offs")
        ordering = ["requested_on", "pk"]

    def __str__(self):
        return _("Call-off of %(date)s") % {"date": self.requested_on.strftime("%d.%m.%Y")}

    def get_absolute_url(self):
        return reverse("funding:calloff_detail", kwargs={"pk": self.pk})

    @property
    def municipality(self):
        return self.application.municipality

    @property
    def is_requested(self) -> bool:
        return self.state == CallOffState.REQUESTED


class CallOffPayment(models.Model):
    """One payment a call-off covers: what, how much, when due."""

    call_off = models.ForeignKey(CallOff, on_delete=models.CASCADE, related_name="payments", verbose_name=_("call-off"))
    item = models.CharField(_("guideline item"), max_length=30, default=PERSONNEL_ITEM)
    description = models.CharField(_("payment"), max_length=200, help_text=_("For example: salaries for March."))
    amount = models.DecimalField(_("amount"), validators=[MinValueValidator(0)], **MONEY)
    due_on = models.DateField(_("due on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["due_on", "pk"]

    def __str__(self):
        return self.description
