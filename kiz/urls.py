from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from . import twofactor, views

urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("anmelden/code/", twofactor.code_step, name="second_factor"),
    path("konto/zwei-faktor/", twofactor.enrol, name="second_factor_enrol"),
    path("konto/zwei-faktor/wiederherstellungscodes/", twofactor.recovery_codes, name="second_factor_codes"),
    path("kommune-wechseln/", views.switch, name="switch_municipality"),
    path("kommunen/<str:ags>/", views.municipality_detail, name="municipality_detail"),
    path("api-zugaenge/", views.api_tokens, name="api_tokens"),
    path("api-zugaenge/<int:pk>/widerrufen/", views.api_token_revoke, name="api_token_revoke"),
    path("sprache/", login_not_required(set_language), name="set_language"),
    path("gesundheit/", views.health, name="health"),
    path("barrierefreiheit/", views.accessibility, name="accessibility"),
    path("konzepte/", include("concepts.urls")),
    path("personal/", include("staffing.urls")),
    path("foerderung/", include("funding.urls")),
    path("berichte/", include("reporting.urls")),
    path("api/v1/", include("kiz.api.urls")),
    path("oparl/v1/", include("concepts.oparl_urls")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_FLOOR_VIEW:
    urlpatterns.append(path("messung/boden/", views.bench_floor, name="bench_floor"))
