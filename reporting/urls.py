from django.urls import include, path, re_path

from . import views

app_name = "reporting"
urlpatterns = [
    path("", views.index, name="index"),
    path("anfordern/", views.document_request, name="document_request"),
    path("dokumente/<int:pk>/", views.document_detail, name="document_detail"),
    path("dokumente/<int:pk>/status/", views.document_status, name="document_status"),
    path("dokumente/<int:pk>/herunterladen/", views.document_download, name="document_download"),
    path("dokumente/<int:pk>/wiederholen/", views.document_retry, name="document_retry"),
    path("alle-kiz/", views.batch_list, name="batch_list"),
    path("alle-kiz/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("alle-kiz/<int:pk>/status/", views.batch_status, name="batch_status"),
    path("alle-kiz/<int:pk>/zip/", views.batch_download, name="batch_download"),
    path("controlling/", include("reporting.controlling.urls")),
    path("dashboard/", include("reporting.dashboards.urls")),
    re_path(r"^export/kiz\.(?P<fmt>csv|xlsx)$", views.export_municipalities, name="export_municipalities"),
]
