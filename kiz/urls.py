from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("kommune-wechseln/", views.switch, name="switch_municipality"),
    path("kommunen/<str:ags>/", views.municipality_detail, name="municipality_detail"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("admin/", admin.site.urls),
]
