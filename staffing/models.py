"""Staff plans: the posts of a KIZ per funding year, and the employer cost rates per pay grade and year."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from kiz.concurrency import Versioned
from kiz.models import Municipality, TenantQuerySet

FTE_MIN = Decimal("0.01")
FTE_MAX = Decimal("1.00")


class PostCategory(models.TextChoices):
    PAED_FACHKRAFT = "paed_fachkraft", _("Pedagogical specialist (außerschulische pädagogische Fachkraft)")
    FACHKRAFT_SONSTIGE = "fachkraft_sonstige", _("Other specialist")
    VERWALTUNGSFACHKRAFT = "verwaltungsfachkraft", _("Administrative specialist (Verwaltungsfachkraft)")
    VERWALTUNGSASSISTENZ = "verwaltungsassistenz", _("Administrative assistant (Verwaltungsassistenz)")
    LEHRKRAFT = "lehrkraft", _("Seconded teacher (abgeordnete Lehrkraft)")
    LEITUNG = "leitung", _("Head of centre")


class FundingSource(models.TextChoices):
    LANDESZUSCHUSS = "landeszuschuss", _("State personnel-cost grant")
    LEHRKRAFT_MSW = "lehrkraft_msw", _("Teacher seconded by the school ministry")
    KOMMUNAL = "kommunal", _("Municipal own funds")


class PostOrigin(models.TextChoices):
    BESTAND_KOMMUNAL = "bestand_kommunal", _("Existing municipal post (e.g. from MIA-DO)")
    ABORDNUNG_SCHULAMT = "abordnung_schulamt", _("Secondment from the school department")
    RAA_LEHRKRAFT = "raa_lehrkraft", _("Former RAA teacher post")
    NEU = "neu", _("New post")


class PayScheme(models.TextChoices):
    TVOED = "tvoed", "TVöD"
    TVL = "tvl", "TV-L"
    BESOLDUNG = "besoldung", _("Civil-servant pay (Besoldung)")


class StaffPlan(Versioned):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="staff_plans", verbose_name=_("municipality")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)], help_text=_("The funding year.")
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = TenantQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff plan")
        verbose_name_plural = _("staff plans")
        ordering = ["municipality__name", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="staffplan_unique_per_year"),
        ]

    def __str__(self):
        return f"{self.municipality} {self.year}"

    def get_absolute_url(self):
        return reverse("staffing:plan_detail", kwargs={"ags": self.municipality.ags, "year": self.year})


class PostQuerySet(TenantQuerySet):
    tenant_path = "plan__municipality"


class Post(Versioned):
    plan = models.ForeignKey(StaffPlan, on_delete=models.CASCADE, related_name="posts", verbose_name=_("staff plan"))
    title = models.CharField(pgettext_lazy("post", "title"), max_length=200)
    category = models.CharField(_("category"), max_length=30, choices=PostCategory.choices)
    fte = models.DecimalField(
        _("FTE"),
        max_digits=3,
        decimal_places=2,
        validators=[
            MinValueValidator(FTE_MIN, _("A post has at least 0.01 FTE.")),
            MaxValueValidator(FTE_MAX, _("A post has at most 1.00 FTE; split larger posts.")),
        ],
        help_text=_("Full-time equivalents of this post, 0.01 to 1.00, two decimals."),
    )
    funding_source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    origin = models.CharField(_("origin"), max_length=30, choices=PostOrigin.choices)
    pay_scheme = models.CharField(_("pay scheme"), max_length=20, choices=PayScheme.choices)
    pay_grade = models.CharField(_("pay grade"), max_length=20, help_text=_("For example S 12, EG 9c or A 13."))
    starts_on = models.DateField(_("start of the post"))
    ends_on = models.DateField(
        _("end of the post"), null=True, blank=True, help_text=_("Only for fixed-term posts, e.g. 31.12.2017.")
    )
    filled_months = models.PositiveSmallIntegerField(
        _("months filled"),
        validators=[MaxValueValidator(12)],
        help_text=_("Months of the plan's year in which the post is actually filled (0 to 12)."),
    )
    occupant_name = models.CharField(
        _("occupant"),
        max_length=200,
        blank=True,
        help_text=_("Optional. Not needed for any calculation and never shown outside your municipality."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PostQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fte__gte=FTE_MIN, fte__lte=FTE_MAX),
                name="post_fte_range",
                violation_error_message=_("A post has between 0.01 and 1.00 FTE."),
            ),
            models.CheckConstraint(condition=models.Q(filled_months__lte=12), name="post_filled_months_range"),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="post_term_order",
                violation_error_message=_("The post cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.title


class PayRate(Versioned):
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2012), MaxValueValidator(2100)])
    pay_scheme = models.CharField(_("pay scheme"), max_length=20, choices=PayScheme.choices)
    pay_grade = models.CharField(_("pay grade"), max_length=20, help_text=_("For example S 12, EG 9c or A 13."))
    annual_cost = models.DecimalField(
        _("annual employer cost"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Employer cost of one full-time post for a whole year, in euros."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pay rate")
        verbose_name_plural = _("pay rates")
        ordering = ["-year", "pay_scheme", "pay_grade"]
        constraints = [
            models.UniqueConstraint(fields=["year", "pay_scheme", "pay_grade"], name="payrate_unique_per_grade"),
        ]

    def __str__(self):
        return f"{self.get_pay_scheme_display()} {self.pay_grade} ({self.year})"
