from django.urls import include, path

app_name = "funding"
# The sub-packages' patterns are mounted without a namespace of their own: every name stays "funding:<name>".
urlpatterns = [
    path("", include("funding.applications.urls")),
    path("", include("funding.grants.urls")),
    path("", include("funding.proofs.urls")),
    path("", include("funding.guidelines.urls")),
    path("", include("funding.interest.urls")),
]
