"""The REST API's shared base (keys, pagination, throttling, filters, tenancy) and the core's endpoints."""


def register(router):
    from .views import MunicipalityViewSet

    router.register("municipalities", MunicipalityViewSet, basename="municipality")
