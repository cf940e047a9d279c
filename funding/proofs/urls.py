from django.urls import path

from . import views

# mounted in funding.urls, in the namespace "funding"
urlpatterns = [
    path("antraege/<int:pk>/verwendungsnachweise/neu/", views.proof_create, name="proof_create"),
    path("verwendungsnachweise/<int:pk>/", views.proof_detail, name="proof_detail"),
    path("verwendungsnachweise/<int:pk>/sachbericht/", views.proof_report_edit, name="proof_report_edit"),
    path("verwendungsnachweise/<int:pk>/zahlen/", views.proof_statement_edit, name="proof_statement_edit"),
    path("verwendungsnachweise/<int:pk>/schritt/<str:to_state>/", views.proof_transition, name="proof_transition"),
    path("verwendungsnachweise/<int:pk>/pruefung/", views.proof_check, name="proof_check"),
]
