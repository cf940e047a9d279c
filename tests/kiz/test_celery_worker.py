"""The web side enqueues, the real worker (started by .ci/run on Redis) runs the task against the same database."""

import pytest
from celery.result import EagerResult
from django.db import transaction

from kiz.tasks import ping
from tests.factories import MunicipalityFactory

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_task_enqueued_after_commit_runs_in_the_worker():
    results = []
    with transaction.atomic():
        MunicipalityFactory(name="Dortmund", ags="05913000")
        MunicipalityFactory(name="Bochum", ags="05911000")
        transaction.on_commit(lambda: results.append(ping.delay()))
        assert results == []  # nothing is queued before the data is committed

    assert not isinstance(results[0], EagerResult)
    payload = results[0].get(timeout=60)

    assert payload["municipalities"] == 2  # the worker reads what the web side committed
    assert results[0].status == "SUCCESS"
