"""The funding app's models, registered under the app label "funding", and the workflow events.

The models live in the sub-packages by what they hold: guideline editions (funding.guidelines), the application
(funding.applications), the grant notice and call-offs (funding.grants), the proof of use (funding.proofs) and
the base rates (funding.interest).
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from .applications.models import (
    ApplicationItem,
    ApplicationRevision,
    ApplicationState,
    FundingApplication,
    FundingApplicationQuerySet,
    RevisionExtra,
    RevisionPost,
)
from .grants.models import (
    PERSONNEL_ITEM,
    CallOff,
    CallOffPayment,
    CallOffQuerySet,
    CallOffState,
    GrantNotice,
    GrantNoticeQuerySet,
    extra_item_key,
)
from .guidelines.models import ExtraItemRule, FinancingType, Guideline, GuidelineInUseError, KindGroup, PostRule
from .interest.models import BaseRate
from .proofs.models import ProofLine, ProofLineKind, ProofOfUse, ProofOfUseQuerySet, ProofState

__all__ = [
    "PERSONNEL_ITEM",
    "ApplicationItem",
    "ApplicationRevision",
    "ApplicationState",
    "BaseRate",
    "CallOff",
    "CallOffPayment",
    "CallOffQuerySet",
    "CallOffState",
    "ExtraItemRule",
    "FinancingType",
    "FundingApplication",
    "FundingApplicationQuerySet",
    "GrantNotice",
    "GrantNoticeQuerySet",
    "Guideline",
    "GuidelineInUseError",
    "KindGroup",
    "PostRule",
    "ProofLine",
    "ProofLineKind",
    "ProofOfUse",
    "ProofOfUseQuerySet",
    "ProofState",
    "RevisionExtra",
    "RevisionPost",
    "WorkflowEvent",
    "extra_item_key",
]


class WorkflowEvent(models.Model):
    """One move of any workflow-managed object (see funding.workflow): who, when, from, to, and why."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    from_state = models.CharField(_("from"), max_length=30)
    to_state = models.CharField(_("to"), max_length=30)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="workflow_event_subject")]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"
