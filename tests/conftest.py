import os

import pytest
from django.core.cache import cache

from kiz import freshness
from kiz.celery import app as celery_app
from tests.factories import MunicipalityFactory, login_verified, user_with_role


@pytest.fixture(autouse=True)
def _eager_celery(request, settings):
    """Tasks run in-process in tests, except those marked celery_worker, which need the real worker."""
    eager = request.node.get_closest_marker("celery_worker") is None
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = eager
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _new_data_generation():
    """A shared cache (Redis in CI) outlives each test's rolled-back database: every test starts a new data
    generation, so no cached figures of an earlier test are served."""
    cache.delete(freshness.KEY)


@pytest.fixture(autouse=True)
def _no_login_throttling(settings):
    """Login throttling is tested on its own; elsewhere repeated logins must not lock anybody out."""
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _media_root(request, settings, tmp_path):
    """Each test writes files to its own folder, except worker tests, which share MEDIA_ROOT with the worker."""
    if request.node.get_closest_marker("celery_worker") is None:
        settings.MEDIA_ROOT = tmp_path / "media"


def pytest_collection_modifyitems(config, items):
    """Worker tests need Redis and the worker that .ci/run starts; without REDIS_URL they are skipped."""
    if os.environ.get("REDIS_URL"):
        return
    skip = pytest.mark.skip(reason="REDIS_URL fehlt: kein Celery-Worker verfügbar (siehe .ci/run).")
    for item in items:
        if item.get_closest_marker("celery_worker"):
            item.add_marker(skip)


@pytest.fixture
def dortmund(db):
    return MunicipalityFactory(name="Dortmund", ags="05913000")


@pytest.fixture
def bochum(db):
    return MunicipalityFactory(name="Bochum", ags="05911000")


@pytest.fixture
def editor(dortmund):
    return user_with_role("editor", dortmund)


@pytest.fixture
def lead(dortmund):
    return user_with_role("lead", dortmund)


@pytest.fixture
def council(dortmund):
    return user_with_role("council", dortmund)


@pytest.fixture
def coordination(db):
    return user_with_role("coordination")


@pytest.fixture
def authority(db):
    return user_with_role("authority")


@pytest.fixture
def bochum_editor(bochum):
    return user_with_role("editor", bochum)


@pytest.fixture
def client_for(client):
    """client_for(user) logs the test client in as that user, with the second factor where the role needs one."""

    def login(user):
        return login_verified(client, user)

    return login
