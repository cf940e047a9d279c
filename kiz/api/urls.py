"""/api/v1/: the endpoints of every app (each app's `api.register(router)`), the schema and its documentation.

The views answer without the login redirect: a request authenticates with its key or its session, and an
unauthenticated one gets 401 from the API itself.
"""

from django.urls import path
from rest_framework.routers import DefaultRouter

from kiz.extensions import app_modules

from .views import DocsView, SchemaView

app_name = "api"


class Router(DefaultRouter):
    include_format_suffixes = False


router = Router()
for module in app_modules("api", project_only=True):
    module.register(router)


def _open(patterns):
    for pattern in patterns:
        pattern.callback.login_required = False
    return patterns


urlpatterns = _open(
    [
        path("schema/", SchemaView.as_view(), name="schema"),
        path("docs/", DocsView.as_view(), name="docs"),
        *router.urls,
    ]
)
