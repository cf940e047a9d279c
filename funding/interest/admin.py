"""Base rates in the admin (superusers)."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import BaseRate


@admin.register(BaseRate)
class BaseRateAdmin(SimpleHistoryAdmin):
    list_display = ["valid_from", "rate"]
