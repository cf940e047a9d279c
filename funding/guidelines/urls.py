from django.urls import path

from . import views

# mounted in funding.urls, in the namespace "funding"
urlpatterns = [
    path("richtlinien/", views.guideline_list, name="guideline_list"),
]
