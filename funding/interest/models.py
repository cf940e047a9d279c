"""The base rate (Basiszinssatz) by date, kept by the authority."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

__all__ = ["BaseRate"]


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
