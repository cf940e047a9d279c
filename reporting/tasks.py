"""Celery tasks of the reporting app: they take ids, re-fetch, and call one service."""

from celery import Task, shared_task

from . import services


class ReportTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Retries are used up or the time limit was hit: the document ends as failed, with the reason."""
        if args:
            services.report_fail(document_id=args[0], exc=exc)


@shared_task(
    bind=True,
    base=ReportTask,
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=3,
    soft_time_limit=services.RENDER_SOFT_LIMIT,
    time_limit=services.RENDER_HARD_LIMIT,
)
def render_report(self, document_id: int) -> bool:
    redelivered = bool((self.request.delivery_info or {}).get("redelivered"))
    return services.report_render(document_id=document_id, redelivered=redelivered)


@shared_task(
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=True,
    max_retries=3,
    time_limit=services.RENDER_HARD_LIMIT,
)
def build_batch_archive(batch_id: int) -> int:
    return services.batch_archive_build(batch_id=batch_id).pk


@shared_task(acks_late=True, time_limit=services.RENDER_HARD_LIMIT)
def sweep_reports() -> dict:
    """Run every minute by Celery beat (CELERY_BEAT_SCHEDULE): see services.reports_sweep."""
    return services.reports_sweep()
