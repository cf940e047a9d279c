"""/oparl/v1/: the OParl 1.1 endpoint of the published integration concepts and their council process."""

from django.urls import path

from . import oparl_views as views

app_name = "oparl"

urlpatterns = [
    path("", views.system, name="system"),
    path("bodies/", views.bodies, name="bodies"),
    path("bodies/<str:ags>/", views.body, name="body"),
    path("bodies/<str:ags>/organizations/", views.organizations, name="organizations"),
    path("bodies/<str:ags>/organizations/<slug:key>/", views.organization, name="organization"),
    path("bodies/<str:ags>/persons/", views.persons, name="persons"),
    path("bodies/<str:ags>/meetings/", views.meetings, name="meetings"),
    path("bodies/<str:ags>/papers/", views.papers, name="papers"),
    path("bodies/<str:ags>/files/", views.files, name="files"),
    path("meetings/<int:pk>/", views.meeting, name="meeting"),
    path("agenda-items/<int:pk>/", views.agenda_item, name="agenda_item"),
    path("consultations/<int:pk>/", views.consultation, name="consultation"),
    path("papers/<int:pk>/", views.paper, name="paper"),
    path("files/<int:pk>/", views.file, name="file"),
    path("files/<int:pk>/inhalt/", views.file_access, name="file_access"),
    path("files/<int:pk>/download/", views.file_download, name="file_download"),
]
