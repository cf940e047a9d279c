"""Guideline editions with their post rules and extra items; an edition in use cannot be changed retroactively."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..fields import FTE, MONEY
from .editions import CITY, KREIS, POST_CATEGORIES

__all__ = ["ExtraItemRule", "FinancingType", "Guideline", "GuidelineInUseError", "KindGroup", "PostRule"]


class FinancingType(models.TextChoices):
    CAP_ACTUAL = "cap_actual", _("Capped share of actual costs")
    CAP_EXPECTED = "cap_expected", _("Capped share of expected costs")
    FIXED = "fixed", _("Fixed amount per post")
    FULL_UP_TO_MAX = "full_max", _("Full financing up to a maximum")


class KindGroup(models.TextChoices):
    ALL = "", _("All municipalities")
    KREIS = KREIS, _("District or city region")
    CITY = CITY, _("County-level city")


DAY_MONTH = RegexValidator(
    r"^(0[1-9]|[12][0-9]|3[01])\.(0[1-9]|1[0-2])$", _("Enter day and month as DD.MM, e.g. 17.04.")
)


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
    window_opens = models.CharField(
        _("application window opens"),
        max_length=5,
        blank=True,
        validators=[DAY_MONTH],
        help_text=_("Day and month (DD.MM.) in the year before the funding year; empty: no window."),
    )
    window_closes = models.CharField(
        _("application window closes"),
        max_length=5,
        blank=True,
        validators=[DAY_MONTH],
        help_text=_("Day and month (DD.MM.) in the year before the funding year, the last day included."),
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

    def application_window(self, funding_year: int) -> tuple[date, date] | None:
        """The first and the last day on which an application for the funding year may be made, if the edition
        sets a window (in the year before the funding year)."""
        if not (self.window_opens and self.window_closes):
            return None

        def day(value):
            day_of_month, month = (int(part) for part in value.split("."))
            return date(funding_year - 1, month, day_of_month)

        return day(self.window_opens), day(self.window_closes)

    def covers(self, start: date, end: date) -> bool:
        return self.valid_from <= start and (self.valid_until is None or end <= self.valid_until)

    # --- editions in use cannot be changed retroactively -------------------------------------------------

    def in_use_applications(self):
        from ..applications.models import ApplicationState, FundingApplication

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
        from ..applications.models import ApplicationState, FundingApplication

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
