"""Core domain: the municipalities that run a KIZ, their centres, and who may work on them."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .validators import validate_ags


class Role(models.TextChoices):
    EDITOR = "editor", _("Editor (city staff)")
    LEAD = "lead", _("KIZ lead")
    COUNCIL = "council", _("Integration council member")
    COORDINATION = "coordination", _("State coordination office")
    AUTHORITY = "authority", _("Granting authority")


CITY_ROLES = frozenset({Role.EDITOR, Role.LEAD, Role.COUNCIL})
STATE_ROLES = frozenset({Role.COORDINATION, Role.AUTHORITY})


class TenantQuerySet(models.QuerySet):
    """Base queryset of tenant-owned models; `tenant_path` leads from the model to its municipality."""

    tenant_path = "municipality"

    def for_user(self, user):
        """The rows the user may see under the access policy (kiz.policy): scoped, and drafts only for those
        who prepare them."""
        from . import policy

        return policy.visible(self, user, self.tenant_path)


class MunicipalityQuerySet(TenantQuerySet):
    tenant_path = "pk"


class Municipality(models.Model):
    class Kind(models.TextChoices):
        KREIS = "kreis", _("District (Kreis)")
        KREISFREIE_STADT = "kreisfreie_stadt", _("County-level city")
        STAEDTEREGION = "staedteregion", _("City region (StädteRegion)")

    class District(models.TextChoices):
        ARNSBERG = "arnsberg", "Arnsberg"
        DETMOLD = "detmold", "Detmold"
        DUESSELDORF = "duesseldorf", "Düsseldorf"
        KOELN = "koeln", "Köln"
        MUENSTER = "muenster", "Münster"

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    ags = models.CharField(
        _("official municipality key (AGS)"),
        max_length=8,
        unique=True,
        validators=[validate_ags],
        help_text=_("8 digits, e.g. 05913000 for Dortmund."),
    )
    district = models.CharField(_("government region"), max_length=20, choices=District.choices)

    objects = MunicipalityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("municipality_detail", kwargs={"ags": self.ags})


class IntegrationCentre(models.Model):
    municipality = models.OneToOneField(
        Municipality, on_delete=models.CASCADE, related_name="centre", verbose_name=_("municipality")
    )
    name = models.CharField(_("name"), max_length=200)
    org_unit = models.CharField(
        _("organisational unit"),
        max_length=200,
        blank=True,
        help_text=_("The part of the administration the centre is attached to."),
    )
    opened_on = models.DateField(_("opening date"), null=True, blank=True)
    former_raa = models.BooleanField(
        _("grew out of a former RAA"),
        default=False,
        help_text=_("Relevant for the transitional rule of the 2012 guideline."),
    )

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("integration centre")
        verbose_name_plural = _("integration centres")
        ordering = ["municipality__name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("municipality"),
        help_text=_("Empty for the state-wide roles."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "municipality__name", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality", "role"], name="membership_unique_per_municipality"),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(municipality__isnull=True),
                name="membership_unique_state_role",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role__in=sorted(CITY_ROLES), municipality__isnull=False)
                    | models.Q(role__in=sorted(STATE_ROLES), municipality__isnull=True)
                ),
                name="membership_scope_matches_role",
                violation_error_message=_("City roles need a municipality; the state-wide roles must not name one."),
            ),
        ]

    def __str__(self):
        where = self.municipality or _("all municipalities")
        return f"{self.user} – {self.get_role_display()} – {where}"


class WorkflowEvent(models.Model):
    """One move of any workflow-managed object (see kiz.workflow): who, when, from, to, and why.

    One table for every app: the subject is named by content type and id, so the core knows no other app.
    """

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
        indexes = [models.Index(fields=["content_type", "object_id"], name="kiz_workflow_event_subject")]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A personal access key to the REST API. Only the SHA-256 of the secret is stored; the key is shown once.

    A request with the key acts as its user: the same policy, the same scoped querysets.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("user")
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("What the key is for, e.g. the budget tool."))
    prefix = models.CharField(_("beginning of the key"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
