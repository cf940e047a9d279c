from django.urls import path

from . import views

# mounted in funding.urls, in the namespace "funding"
urlpatterns = [
    path("antraege/<int:pk>/mittel/", views.grant_detail, name="grant_detail"),
    path("antraege/<int:pk>/mittelabrufe/neu/", views.calloff_create, name="calloff_create"),
    path("antraege/<int:pk>/mittelabrufe/pruefhinweise/", views.calloff_check, name="calloff_check"),
    path("mittelabrufe/<int:pk>/", views.calloff_detail, name="calloff_detail"),
    path("mittelabrufe/<int:pk>/bearbeiten/", views.calloff_edit, name="calloff_edit"),
    path("mittelabrufe/<int:pk>/schritt/<str:to_state>/", views.calloff_step, name="calloff_step"),
]
