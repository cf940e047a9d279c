from django.urls import path

from . import views

# mounted in funding.urls, in the namespace "funding"
urlpatterns = [
    path("basiszinssaetze/", views.base_rates, name="base_rates"),
]
