from django.urls import path

from . import import_views, views

app_name = "concepts"
urlpatterns = [
    path("", views.index, name="index"),
    path("landesweit/", views.overview, name="overview"),
    path("<str:ags>/", views.municipality_concepts, name="municipality"),
    path("<str:ags>/neu/", views.concept_create, name="create"),
    path("<str:ags>/vergleich/", views.concept_compare, name="compare"),
    path("<str:ags>/gremienlauf/", views.timeline, name="timeline"),
    path("<str:ags>/gremienlauf/neu/", views.council_step_form, name="step_create"),
    path("<str:ags>/gremienlauf/oparl-import/", import_views.oparl_import, name="oparl_import"),
    path("<str:ags>/gremienlauf/oparl-import/<int:pk>/", import_views.oparl_import_detail, name="oparl_import_detail"),
    path("<str:ags>/gremienlauf/<int:pk>/", views.council_step_form, name="step_edit"),
    path("<str:ags>/gremienlauf/<int:pk>/loeschen/", views.council_step_delete, name="step_delete"),
    path("<str:ags>/fassung/<int:number>/", views.concept_detail, name="detail"),
    path("<str:ags>/fassung/<int:number>/bearbeiten/", views.concept_edit, name="edit"),
    path("<str:ags>/fassung/<int:number>/neue-fassung/", views.concept_new_version, name="new_version"),
    path("<str:ags>/fassung/<int:number>/beschluss/", views.concept_resolution, name="resolution"),
    path("<str:ags>/fassung/<int:number>/dokument/", views.concept_document, name="document"),
    path("<str:ags>/fassung/<int:number>/dokument.pdf", views.concept_document_download, name="document_download"),
    path("<str:ags>/fassung/<int:number>/arbeitsplan/neu/", views.work_plan_item_form, name="item_create"),
    path("<str:ags>/fassung/<int:number>/arbeitsplan/<int:pk>/", views.work_plan_item_form, name="item_edit"),
    path(
        "<str:ags>/fassung/<int:number>/arbeitsplan/<int:pk>/loeschen/",
        views.work_plan_item_delete,
        name="item_delete",
    ),
]
