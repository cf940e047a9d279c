from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import IntegrationCentre, Membership, Municipality


class CentreInline(admin.StackedInline):
    model = IntegrationCentre
    extra = 0


@admin.register(Municipality)
class MunicipalityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "ags", "district"]
    list_filter = ["district", "kind"]
    search_fields = ["name", "ags"]
    inlines = [CentreInline]


@admin.register(IntegrationCentre)
class IntegrationCentreAdmin(SimpleHistoryAdmin):
    list_display = ["name", "municipality", "org_unit", "opened_on", "former_raa"]
    list_select_related = ["municipality"]
    search_fields = ["name", "municipality__name"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "municipality"]
    list_filter = ["role"]
    list_select_related = ["user", "municipality"]
    search_fields = ["user__username", "municipality__name"]
    autocomplete_fields = ["municipality"]
