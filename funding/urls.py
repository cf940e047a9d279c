from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("antraege/neu/", views.application_create, name="application_create"),
    path("antraege/<int:pk>/", views.application_detail, name="application_detail"),
    path("antraege/<int:pk>/bearbeiten/", views.application_edit, name="application_edit"),
    path("antraege/<int:pk>/pruefhinweise/", views.application_findings, name="application_findings"),
    path("antraege/<int:pk>/schritt/<str:to_state>/", views.application_transition, name="application_transition"),
    path("antraege/<int:pk>/entscheidung/", views.application_decide, name="application_decide"),
    path("eingang/", views.inbox, name="inbox"),
    path("richtlinien/", views.guideline_list, name="guideline_list"),
]

# After the grant: call-offs (Mittelabrufe) and proofs of use (Verwendungsnachweise)
from . import views_money  # noqa: E402

urlpatterns += [
    path("antraege/<int:pk>/mittel/", views_money.grant_detail, name="grant_detail"),
    path("antraege/<int:pk>/mittelabrufe/neu/", views_money.calloff_create, name="calloff_create"),
    path("antraege/<int:pk>/mittelabrufe/pruefhinweise/", views_money.calloff_check, name="calloff_check"),
    path("mittelabrufe/<int:pk>/", views_money.calloff_detail, name="calloff_detail"),
    path("mittelabrufe/<int:pk>/bearbeiten/", views_money.calloff_edit, name="calloff_edit"),
    path("mittelabrufe/<int:pk>/schritt/<str:to_state>/", views_money.calloff_step, name="calloff_step"),
    path("antraege/<int:pk>/verwendungsnachweise/neu/", views_money.proof_create, name="proof_create"),
    path("verwendungsnachweise/<int:pk>/", views_money.proof_detail, name="proof_detail"),
    path("verwendungsnachweise/<int:pk>/sachbericht/", views_money.proof_report_edit, name="proof_report_edit"),
    path("verwendungsnachweise/<int:pk>/zahlen/", views_money.proof_statement_edit, name="proof_statement_edit"),
    path(
        "verwendungsnachweise/<int:pk>/schritt/<str:to_state>/", views_money.proof_transition, name="proof_transition"
    ),
    path("verwendungsnachweise/<int:pk>/pruefung/", views_money.proof_check, name="proof_check"),
    path("basiszinssaetze/", views_money.base_rates, name="base_rates"),
]
