from django.urls import path, re_path

from . import views

FMT = r"(?P<fmt>csv|xlsx)"

app_name = "dashboards"
urlpatterns = [
    path("", views.index, name="index"),
    path("kommune/<str:ags>/", views.council, name="council"),
    path("land/", views.state, name="state"),
    re_path(rf"^land/export\.{FMT}$", views.state_export, name="state_export"),
    re_path(rf"^export/konzepte\.{FMT}$", views.concepts_export, name="concepts_export"),
    re_path(rf"^export/controlling\.{FMT}$", views.controlling_export, name="controlling_export"),
    re_path(rf"^export/antraege\.{FMT}$", views.inbox_export, name="inbox_export"),
    re_path(
        rf"^export/antraege/(?P<pk>\d+)/finanzierungsplan\.{FMT}$",
        views.financing_plan_export,
        name="financing_plan_export",
    ),
    re_path(
        rf"^export/verwendungsnachweise/(?P<pk>\d+)/zahlen\.{FMT}$",
        views.proof_statement_export,
        name="proof_statement_export",
    ),
    re_path(rf"^export/stellenplaene/(?P<pk>\d+)\.{FMT}$", views.staff_plan_export, name="staff_plan_export"),
    re_path(
        rf"^export/controlling/(?P<pk>\d+)/aktivitaeten\.{FMT}$", views.activities_export, name="activities_export"
    ),
]
