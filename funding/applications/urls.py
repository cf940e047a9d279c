from django.urls import path

from . import views

# mounted in funding.urls, in the namespace "funding"
urlpatterns = [
    path("", views.application_list, name="application_list"),
    path("antraege/neu/", views.application_create, name="application_create"),
    path("antraege/<int:pk>/", views.application_detail, name="application_detail"),
    path("antraege/<int:pk>/bearbeiten/", views.application_edit, name="application_edit"),
    path("antraege/<int:pk>/pruefhinweise/", views.application_findings, name="application_findings"),
    path("antraege/<int:pk>/schritt/<str:to_state>/", views.application_transition, name="application_transition"),
    path("antraege/<int:pk>/entscheidung/", views.application_decide, name="application_decide"),
    path("eingang/", views.inbox, name="inbox"),
]
