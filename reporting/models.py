"""Generated PDF reports: one row per document, grouped in batches for the coordination office."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kiz import policy
from kiz.models import Municipality, TenantQuerySet


class ReportKind(models.TextChoices):
    APPLICATION = "application", _("Funding application")
    GRANT_NOTICE = "grant_notice", _("Grant notice")
    CONTROLLING_REPORT = "controlling_report", _("Controlling report")
    PROOF_OF_USE = "proof_of_use", _("Proof of use")
    COUNCIL_BRIEFING = "council_briefing", _("Council briefing")
    STATE_OVERVIEW = "state_overview", _("State overview of all KIZ")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ReportDocumentQuerySet(TenantQuerySet):
    def for_user(self, user):
        """City roles see their municipality's documents; documents without a municipality only state roles."""
        if policy.is_state_user(user):
            return self
        return super().for_user(user).filter(municipality__isnull=False)

    def pending(self):
        return self.filter(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])


class ReportBatch(models.Model):
    """One report kind generated for every municipality at once; the ZIP is built when all are done."""

    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)
    archive = models.FileField(_("ZIP archive"), upload_to="reports/batches/", blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("report batch")
        verbose_name_plural = _("report batches")
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created:%d.%m.%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("reporting:batch_detail", kwargs={"pk": self.pk})


def _report_path(document, filename):
    return f"reports/{document.created:%Y/%m}/{filename}"


class ReportDocument(models.Model):
    """A generated PDF: the row exists from the request on; the worker moves it queued → running → done/failed."""

    kind = models.CharField(_("kind"), max_length=30, choices=ReportKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="report_documents",
        verbose_name=_("municipality"),
        help_text=_("Empty for the state overview."),
    )
    subject_id = models.PositiveBigIntegerField(
        _("subject"), null=True, blank=True, help_text=_("The reported object, e.g. the application, if any.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created = models.DateTimeField(_("requested"), auto_now_add=True)
    started = models.DateTimeField(_("started"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to=_report_path, blank=True, max_length=255)
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True, help_text=_("Explanation shown to the user."))
    error_detail = models.TextField(_("technical detail"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    batch = models.ForeignKey(
        ReportBatch,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("batch"),
    )

    objects = ReportDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("report document")
        verbose_name_plural = _("report documents")
        ordering = ["-created", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind=ReportKind.STATE_OVERVIEW) | models.Q(municipality__isnull=False),
                name="reportdocument_municipality_unless_state_overview",
            ),
        ]

    def __str__(self):
        where = self.municipality or _("all municipalities")
        return f"{self.get_kind_display()} – {where}"

    def get_absolute_url(self):
        return reverse("reporting:document_detail", kwargs={"pk": self.pk})

    @property
    def is_pending(self) -> bool:
        return self.status in (ReportStatus.QUEUED, ReportStatus.RUNNING)


from .controlling.models import *  # noqa: E402,F401,F403
