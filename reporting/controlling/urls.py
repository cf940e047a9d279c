from django.urls import path

from . import views

app_name = "controlling"
urlpatterns = [
    path("", views.report_list, name="report_list"),
    path("alle-kiz/", views.state_overview, name="state_overview"),
    path("<int:pk>/", views.report_detail, name="report_detail"),
    path("<int:pk>/bericht/", views.report_edit, name="report_edit"),
    path("<int:pk>/personal/", views.staffing_edit, name="staffing_edit"),
    path("<int:pk>/einreichen/", views.report_submit, name="report_submit"),
    path("<int:pk>/aktivitaeten/neu/", views.activity_create, name="activity_create"),
    path("aktivitaeten/<int:pk>/bearbeiten/", views.activity_edit, name="activity_edit"),
    path("aktivitaeten/<int:pk>/loeschen/", views.activity_delete, name="activity_delete"),
]
