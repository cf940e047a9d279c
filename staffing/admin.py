from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import PayRate, Post, StaffPlan


class PostInline(admin.TabularInline):
    model = Post
    extra = 0
    exclude = ["occupant_name"]


@admin.register(StaffPlan)
class StaffPlanAdmin(SimpleHistoryAdmin):
    list_display = ["municipality", "year"]
    list_filter = ["year"]
    list_select_related = ["municipality"]
    search_fields = ["municipality__name"]
    inlines = [PostInline]


@admin.register(PayRate)
class PayRateAdmin(SimpleHistoryAdmin):
    list_display = ["year", "pay_scheme", "pay_grade", "annual_cost"]
    list_filter = ["year", "pay_scheme"]
