from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("kostensaetze/", views.payrate_list, name="payrate_list"),
    path("kostensaetze/neu/", views.payrate_create, name="payrate_create"),
    path("kostensaetze/<int:pk>/bearbeiten/", views.payrate_edit, name="payrate_edit"),
    path("stellen/<int:pk>/bearbeiten/", views.post_edit, name="post_edit"),
    path("stellen/<int:pk>/loeschen/", views.post_delete, name="post_delete"),
    path("<str:ags>/<int:year>/", views.plan_detail, name="plan_detail"),
    path("<str:ags>/<int:year>/bearbeiten/", views.plan_edit, name="plan_edit"),
    path("<str:ags>/<int:year>/kopieren/", views.plan_copy, name="plan_copy"),
    path("<str:ags>/<int:year>/loeschen/", views.plan_delete, name="plan_delete"),
    path("<str:ags>/<int:year>/stellen/neu/", views.post_create, name="post_create"),
    path("<str:ags>/<int:year>/stellen/vorschau/", views.post_preview, name="post_preview"),
]
