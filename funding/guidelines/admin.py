"""Guideline editions in the admin (superusers): a new edition is added here; one in use is read-only."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ExtraItemRule, Guideline, PostRule


def _in_use(obj) -> bool:
    return obj is not None and obj.pk is not None and obj.is_in_use()


class LockedInline(admin.TabularInline):
    extra = 0

    def has_add_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)


class PostRuleInline(LockedInline):
    model = PostRule
    fields = ["label", "categories", "municipality_kind", "funded", "max_fte", "amount_per_fte"]


class ExtraItemRuleInline(LockedInline):
    model = ExtraItemRule
    fields = ["name", "max_amount"]


@admin.register(Guideline)
class GuidelineAdmin(SimpleHistoryAdmin):
    list_display = ["name", "valid_from", "valid_until", "financing_type", "annual_cap_kreis", "annual_cap_city"]
    inlines = [PostRuleInline, ExtraItemRuleInline]

    def get_readonly_fields(self, request, obj=None):
        if _in_use(obj):
            return [f.name for f in Guideline._meta.concrete_fields if f.name not in Guideline.MUTABLE_IN_USE]
        return []

    def has_delete_permission(self, request, obj=None):
        return not _in_use(obj) and super().has_delete_permission(request, obj)
