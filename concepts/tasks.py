"""Celery tasks of the concepts app: they take ids, re-fetch, and call one service."""

from celery import shared_task

from . import oparl_import


@shared_task(acks_late=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def import_council_process(import_id: int) -> str:
    return oparl_import.run(import_id=import_id).status
