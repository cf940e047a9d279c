import os

import pytest

from kiz.models import Municipality
from kiz.services import municipalities_load


def pytest_collection_modifyitems(items):
    """Tests needing the real worker run only where .ci/run started one (REDIS_URL set)."""
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="REDIS_URL ist nicht gesetzt: kein Celery-Worker für diesen Test.")
    for item in items:
        if item.get_closest_marker("celery_worker") and "tests/reporting" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture
def nrw(db):
    """The 54 municipalities of NRW with their centres; Dortmund and Bochum among them."""
    municipalities_load()
    return Municipality.objects.all()
