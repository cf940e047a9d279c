"""Guideline editions with their rules, the funding application, its grant notice and the workflow events."""

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet

from .guidelines import CITY, KREIS, POST_CATEGORIES

MONEY = {"max_digits": 12, "decimal_places": 2}
FTE = {"max_digits": 4, "decimal_places": 2}


class FinancingType(models.TextChoices):
    CAP_ACTUAL = "cap_actual", _("Capped share of actual costs")
    CAP_EXPECTED = "cap_expected", _("Capped share of expected costs")
    FIXED = "fixed", _("Fixed amount per post")
    FULL_UP_TO_MAX = "full_max", _("Full financing up to a maximum")


class KindGroup(models.TextChoices):
    ALL = "", _("All municipalities")
    KREIS = KREIS, _("District or city region")
    CITY = CITY, _("County-level city")


class GuidelineInUseError(ValidationError):
    """An edition that judged a submitted application cannot be changed retroactively."""


class Guideline(models.Model):
    """One edition of the funding guideline; an application is judged by the edition in force for its period."""

    # What may still change once an application was submitted under the edition: the note, and the end of
    # validity as long as it keeps covering every such application's funding period.
    MUTABLE_IN_USE = frozenset({"note", "valid_until"})

    name = models.CharField(_("name"), max_length=200)
    legal_reference = models.CharField(_("legal reference"), max_length=300)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True, help_text=_("Empty: open-ended."))
    financing_type = models.CharField(_("financing type"), max_length=20, choices=FinancingType.choices)
    annual_cap_kreis = models.DecimalField(
        _("annual cap on the personnel grant (district)"),
        help_text=_("Per integration centre and year, for districts and the city region."),
        **MONEY,
    )
    annual_cap_city = models.DecimalField(
        _("annual cap on the personnel grant (county-level city)"),
        help_text=_("Per integration centre and year."),
        **MONEY,
    )
    max_fte_kreis = models.DecimalField(_("maximum municipal FTE (district)"), **FTE)
    max_fte_city = models.DecimalField(_("maximum municipal FTE (county-level city)"), **FTE)
    concept_max_age_years = models.PositiveSmallIntegerField(
        _("maximum age of the integration concept (years)"), default=3
    )
    raa_transition_until = models.DateField(
        _("transitional rule for former RAA until"),
        null=True,
        blank=True,
        help_text=_("Until this date a former RAA may keep its old organisational form funded, on application."),
    )
    note = models.TextField(_("note"), blank=True, help_text=_("Sources, assumptions, and where sources disagree."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guideline edition")
        verbose_name_plural = _("guideline editions")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=models.F("valid_from")),
                name="guideline_valid_range",
                violation_error_message=_("The end of validity must not be before its start."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        problems = self.retroactive_changes()
        if problems:
            raise GuidelineInUseError(problems)
        super().save(*args, **kwargs)

    def annual_cap(self, group: str):
        return self.annual_cap_kreis if group == KREIS else self.annual_cap_city

    def max_fte(self, group: str):
        return self.max_fte_kreis if group == KREIS else self.max_fte_city

    def covers(self, start: date, end: date) -> bool:
        return self.valid_from <= start and (self.valid_until is None or end <= self.valid_until)

    # --- editions in use cannot be changed retroactively -------------------------------------------------

    def in_use_applications(self):
        if self.pk is None:
            return FundingApplication.objects.none()
        return self.applications.exclude(state=ApplicationState.DRAFT)

    def is_in_use(self) -> bool:
        return self.in_use_applications().exists()

    def retroactive_changes(self) -> dict:
        """Field name → message for each change that would alter the rules of an application already submitted."""
        if self.pk is None:
            return {}
        stored = type(self).objects.filter(pk=self.pk).first()
        if stored is None or not stored.is_in_use():
            return {}
        problems = {}
        for field in self._meta.concrete_fields:
            if field.name in self.MUTABLE_IN_USE or field.primary_key:
                continue
            if getattr(stored, field.attname) != getattr(self, field.attname):
                problems[field.name] = _("This edition is in use by a submitted application and cannot be changed.")
        if self.valid_until != stored.valid_until and self.valid_until is not None:
            latest = stored.in_use_applications().aggregate(models.Max("period_end"))["period_end__max"]
            if latest and self.valid_until < latest:
                problems["valid_until"] = _(
                    "A submitted application's funding period runs until %(date)s; the edition must stay valid."
                ) % {"date": latest.strftime("%d.%m.%Y")}
        return problems

    def clean(self):
        super().clean()
        problems = self.retroactive_changes()
        if problems:
            raise GuidelineInUseError(problems)
        overlapping = Guideline.objects.exclude(pk=self.pk).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=self.valid_from)
        )
        if self.valid_until is not None:
            overlapping = overlapping.filter(valid_from__lte=self.valid_until)
        if self.valid_from and overlapping.exists():
            raise ValidationError(
                {"valid_from": _("The validity overlaps with the edition “%(name)s”.") % {"name": overlapping[0]}}
            )


class LockedWithGuideline(models.Model):
    """Rows belonging to an edition: frozen, like the edition, once it is in use."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._guard()
        super().save(*args, **kwargs)

    def _guard(self):
        guideline_id = self.guideline_id
        if guideline_id is None:
            return
        in_use = FundingApplication.objects.filter(guideline_id=guideline_id).exclude(state=ApplicationState.DRAFT)
        if in_use.exists():
            raise GuidelineInUseError(
                _("This edition is in use by a submitted application; its rules cannot be changed.")
            )

    def clean(self):
        super().clean()
        self._guard()

    def delete(self, *args, **kwargs):
        self._guard()
        return super().delete(*args, **kwargs)


class PostRule(LockedWithGuideline):
    """What an edition allows for one post category, or for a pool of categories counted together."""

    guideline = models.ForeignKey(
        Guideline, on_delete=models.CASCADE, related_name="post_rules", verbose_name=_("guideline edition")
    )
    label = models.CharField(_("label"), max_length=200)
    categories = models.JSONField(
        _("post categories"),
        help_text=_("One category, or several that are counted as one pool, e.g. all specialist posts."),
    )
    municipality_kind = models.CharField(
        _("municipality kind"), max_length=20, choices=KindGroup.choices, blank=True, default=""
    )
    funded = models.BooleanField(_("funded by the grant"), default=True)
    max_fte = models.DecimalField(_("maximum FTE"), null=True, blank=True, help_text=_("Empty: no limit."), **FTE)
    amount_per_fte = models.DecimalField(
        _("amount per full-time post"),
        null=True,
        blank=True,
        help_text=_("A maximum or a fixed amount, as the edition's financing type says; empty: costs in full."),
        **MONEY,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post rule")
        verbose_name_plural = _("post rules")
        ordering = ["guideline", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        super().clean()
        if not isinstance(self.categories, list) or not self.categories:
            raise ValidationError({"categories": _("Name at least one post category as a list.")})
        unknown = [c for c in self.categories if c not in POST_CATEGORIES]
        if unknown:
            raise ValidationError({"categories": _("Unknown post category: %(value)s") % {"value": ", ".join(unknown)}})

    def applies_to(self, group: str) -> bool:
        return self.municipality_kind in ("", group)


class ExtraItemRule(LockedWithGuideline):
    """An eligible item besides personnel costs, e.g. the lay-interpreter pool, capped per year."""

    guideline = models.ForeignKey(
        Guideline, on_delete=models.CASCADE, related_name="extra_items", verbose_name=_("guideline edition")
    )
    name = models.CharField(_("name"), max_length=200)
    max_amount = models.DecimalField(_("maximum per year"), **MONEY)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("extra eligible item")
        verbose_name_plural = _("extra eligible items")
        ordering = ["guideline", "pk"]

    def __str__(self):
        return self.name


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


# --- after the grant: call-offs, base rates, proof of use ---------------------------------------------------

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


class BaseRate(models.Model):
    """The base rate (Basiszinssatz, § 247 BGB) from a date on, in percent a year; it may be negative."""

    valid_from = models.DateField(_("valid from"), unique=True)
    rate = models.DecimalField(_("rate in percent a year"), max_digits=5, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base rate")
        verbose_name_plural = _("base rates")
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.valid_from:%d.%m.%Y}: {self.rate} %"


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
