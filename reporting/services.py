"""Requesting, rendering and bundling PDF reports.

The status of a ReportDocument is written here only: requested → queued; the worker takes it with a
conditional UPDATE queued → running (the lock), and finishes it with one UPDATE to done (file, checksum)
or failed (German explanation, technical detail kept apart).

A worker can die in the middle of a document (killed, out of memory, restarted). Then:
- the broker delivers the task again (acks late, rejected on worker loss, visibility timeout just above the
  hard time limit), and a redelivered task may take over the dead worker's lock;
- the sweeper (`reports_sweep`, run every minute by Celery beat) queues a document whose lock is older than
  the hard time limit again, or marks it failed after MAX_ATTEMPTS;
- a batch is complete when none of its documents is pending, whoever finished the last one: its ZIP holds the
  documents that succeeded, its page lists those that failed, and each of them can be retried.
"""

import hashlib
import logging
import os
import re
import tempfile
import traceback
import zipfile
from datetime import timedelta
from pathlib import Path

from celery import group
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db import OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kiz import policy
from kiz.models import Municipality

from . import registry
from .models import ReportBatch, ReportDocument, ReportKind, ReportStatus
from .pdf import render_pdf

logger = logging.getLogger(__name__)

# Errors worth another attempt: the database or the file system was briefly unavailable.
TRANSIENT_ERRORS = (OperationalError, OSError)
# Time limits of one rendering (seconds); a lock older than the hard limit belongs to a worker that died,
# and a redelivered task may take it over.
RENDER_SOFT_LIMIT = 120
RENDER_HARD_LIMIT = 180
STALE_LOCK_AFTER = timedelta(seconds=RENDER_HARD_LIMIT + 60)
# Attempts (renderings started) after which the sweeper stops queuing a document whose worker keeps dying.
MAX_ATTEMPTS = 3

GENERIC_FAILURE = _(
    "The report could not be generated. The error has been recorded; please try again. If it fails again, "
    "please contact the support team."
)
TIMEOUT_FAILURE = _("Generating the report took too long and was stopped. Please try again later.")
TRANSIENT_FAILURE = _(
    "The report could not be generated because the database or the file storage was temporarily unavailable. "
    "Please try again later."
)


STALE_FAILURE = _(
    "Generating the report was interrupted several times because the server process doing it stopped. "
    "Please try again later; if it fails again, please contact the support team."
)


class ReportNotAvailable(Exception):
    """The kind cannot be generated (not yet available, or not for this subject)."""


def report_request(*, kind: str, municipality: Municipality | None, user, subject_id: int | None = None):
    """Create a document for the user and queue its rendering once the transaction has committed."""
    report_type = registry.get(kind)
    if report_type is None:
        raise ReportNotAvailable(kind)
    if not report_type.may_request(user, municipality):
        raise PermissionDenied
    if not report_type.per_municipality:
        municipality = None
    if subject_id is not None and report_type.find_subject is None:
        raise ReportNotAvailable(kind)
    if report_type.per_municipality and not report_type.has_subject(municipality, subject_id):
        raise ReportNotAvailable(kind)  # nothing to report on: no document that could only fail
    with transaction.atomic():
        document = ReportDocument.objects.create(
            kind=kind, municipality=municipality, subject_id=subject_id, requested_by=user
        )
        _queue(document.pk)
    return document


def _stale_lock() -> Q:
    return Q(status=ReportStatus.RUNNING, started__lt=timezone.now() - STALE_LOCK_AFTER)


def is_stale(document: ReportDocument) -> bool:
    """Running for longer than a rendering may take: its worker died (the sweeper will act, or the user)."""
    return (
        document.status == ReportStatus.RUNNING
        and document.started is not None
        and document.started < timezone.now() - STALE_LOCK_AFTER
    )


def report_retry(*, document: ReportDocument, user) -> bool:
    """Queue a failed document, or one whose worker died (stale lock), again: the same row, so links to it stay
    valid. True if it was queued; False if there was nothing to retry (it is done, or still in progress)."""
    report_type = registry.get(document.kind)
    if report_type is None or not report_type.may_request(user, document.municipality):
        raise PermissionDenied
    if not can_succeed(document):
        raise ReportNotAvailable(document.kind)
    with transaction.atomic():
        updated = ReportDocument.objects.filter(Q(status=ReportStatus.FAILED) | _stale_lock(), pk=document.pk).update(
            status=ReportStatus.QUEUED, error="", error_detail="", started=None, finished=None
        )
        if updated:
            _queue(document.pk)
    document.refresh_from_db()
    return bool(updated)


def reports_sweep() -> dict:
    """Documents whose worker died: queue them again, or give up after MAX_ATTEMPTS; complete batches whose
    last document was finished without the batch noticing. Run periodically (Celery beat)."""
    stale = list(ReportDocument.objects.filter(_stale_lock()).values_list("pk", "attempts"))
    requeued, failed = [], []
    for document_id, attempts in stale:
        if attempts >= MAX_ATTEMPTS:
            if _mark_failed(document_id, STALE_FAILURE, RuntimeError("worker lost"), stale_only=True):
                failed.append(document_id)
            continue
        with transaction.atomic():
            if ReportDocument.objects.filter(_stale_lock(), pk=document_id).update(
                status=ReportStatus.QUEUED, started=None
            ):
                _queue(document_id)
                requeued.append(document_id)
    completed = [
        batch_id
        for batch_id in ReportBatch.objects.filter(finished__isnull=True).values_list("pk", flat=True)
        if _complete_batch(batch_id)
    ]
    if requeued or failed or completed:
        logger.warning("Report sweep: requeued %s, failed %s, batches completed %s", requeued, failed, completed)
    return {"requeued": requeued, "failed": failed, "batches": completed}


def can_succeed(document: ReportDocument) -> bool:
    """Whether generating the document again could succeed: its kind exists and so does what it reports on."""
    report_type = registry.get(document.kind)
    if report_type is None:
        return False
    return not report_type.per_municipality or report_type.has_subject(document.municipality, document.subject_id)


def batch_municipalities(report_type) -> tuple[list[Municipality], list[Municipality]]:
    """The municipalities a batch of this kind covers, and those it leaves out for want of a subject."""
    municipalities = list(Municipality.objects.order_by("name"))
    if report_type.subject_holders is None:
        return municipalities, []
    holders = report_type.subject_holders()
    return [m for m in municipalities if m.pk in holders], [m for m in municipalities if m.pk not in holders]


def _queue(document_id: int):
    from .tasks import render_report

    transaction.on_commit(lambda: render_report.delay(document_id))


def batch_request(*, kind: str, user) -> ReportBatch:
    """One document of `kind` for every municipality that has its subject, each rendered by its own task; the one
    that finishes the last document builds the ZIP. The municipalities without a subject are left out (the batch
    page names them and why)."""
    if not policy.can_run_report_batches(user):
        raise PermissionDenied
    report_type = registry.get(kind)
    if report_type is None or not report_type.per_municipality:
        raise ReportNotAvailable(kind)
    covered, _skipped = batch_municipalities(report_type)
    if not covered:
        raise ReportNotAvailable(kind)
    with transaction.atomic():
        batch = ReportBatch.objects.create(kind=kind, requested_by=user)
        ReportDocument.objects.bulk_create(
            ReportDocument(kind=kind, municipality=municipality, requested_by=user, batch=batch)
            for municipality in covered
        )
        document_ids = list(batch.documents.order_by("pk").values_list("pk", flat=True))
        transaction.on_commit(lambda: _run_batch(batch.pk, document_ids))
    return batch


def _run_batch(batch_id: int, document_ids: list[int]):
    """Every document is its own task; whoever finishes the last one builds the ZIP (no chord to wait for)."""
    from .tasks import render_report

    group(render_report.si(document_id) for document_id in document_ids).apply_async()


def report_render(*, document_id: int, redelivered: bool = False) -> bool:
    """Render one document if it is queued (or its lock is stale); False when there was nothing to do.

    Safe to run twice: a document that is done, failed, or being rendered by a live worker is left alone.
    A task the broker delivered again (`redelivered`: the worker that had it died, or it outlived the
    visibility timeout, which is above the hard time limit) takes over the running document's lock.
    Transient errors put the document back to queued and propagate, so the task is retried.
    """
    now = timezone.now()
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, started__lt=now - STALE_LOCK_AFTER)
    if redelivered:
        claimable |= Q(status=ReportStatus.RUNNING)
    claimed = ReportDocument.objects.filter(claimable, pk=document_id).update(
        status=ReportStatus.RUNNING, started=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return False
    document = ReportDocument.objects.select_related("municipality").get(pk=document_id)
    try:
        content, page_count = _render(document)
        name = _store(document, content)
    except TRANSIENT_ERRORS:
        ReportDocument.objects.filter(pk=document_id, status=ReportStatus.RUNNING).update(status=ReportStatus.QUEUED)
        raise
    except (KeyboardInterrupt, SystemExit):
        raise  # the worker is shutting down: the redelivered task takes the document over
    except BaseException as exc:  # noqa: B036 - WeasyPrint's FatalURLFetchingError is a BaseException
        _mark_failed(document_id, _failure_message(exc), exc)
        return True
    ReportDocument.objects.filter(pk=document_id, status=ReportStatus.RUNNING).update(
        status=ReportStatus.DONE,
        file=name,
        sha256=hashlib.sha256(content).hexdigest(),
        page_count=page_count,
        finished=timezone.now(),
        error="",
        error_detail="",
    )
    if document.batch_id:
        _complete_batch(document.batch_id)
    return True


def report_fail(*, document_id: int, exc: BaseException):
    """Give up on a document (retries of a transient error are exhausted, or the time limit was hit)."""
    message = TIMEOUT_FAILURE if _is_timeout(exc) else TRANSIENT_FAILURE
    _mark_failed(document_id, message, exc, pending_only=True)


def _render(document):
    report_type = registry.get(document.kind)
    if report_type is None:
        raise ReportNotAvailable(document.kind)
    with translation.override("de"):
        content = report_type.build(document)
        author = str(document.municipality.centre.name if _has_centre(document) else gettext("KIZ administration"))
        rendered = render_pdf(
            report_type.template,
            content.context,
            title=document_title(document, content),
            author=author,
            as_of=content.as_of,
        )
    return rendered.content, rendered.page_count


def document_title(document, content) -> str:
    """The PDF's title names its municipality, so that each document of a batch has a title of its own."""
    title = str(content.title)
    if document.municipality_id and document.municipality.name not in title:
        title = f"{title} – {document.municipality.name}"
    return title


def _has_centre(document) -> bool:
    return document.municipality is not None and hasattr(document.municipality, "centre")


def _store(document, content: bytes) -> str:
    """Write the complete file under a temporary name in the target directory, then rename it into place."""
    name = f"reports/{document.created:%Y/%m}/{document.kind}-{_subject_slug(document)}-{document.pk}.pdf"
    _write_atomically(name, lambda handle: handle.write(content))
    return name


def _write_atomically(name: str, write):
    """Write a storage file under a temporary name in its directory, then rename it into place.

    Readers see the old file or the complete new one, never a part; a crash leaves only a stray temp file.
    """
    path = Path(default_storage.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", suffix=path.suffix, delete=False)  # noqa: SIM115
    try:
        with handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)  # noqa: S103 - readable by the web server, like storage uploads
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _subject_slug(document) -> str:
    return document.municipality.ags if document.municipality_id else "nrw"


def _mark_failed(
    document_id: int, message, exc: BaseException, *, pending_only: bool = False, stale_only: bool = False
) -> bool:
    detail = "".join(traceback.format_exception(exc)).strip()
    if isinstance(exc, registry.SubjectMissing):
        logger.warning("Report %s not generated: %s", document_id, exc)  # explained to the user; no fault
    else:
        logger.error("Report %s failed", document_id, exc_info=exc)
    documents = ReportDocument.objects.filter(pk=document_id)
    if pending_only:
        documents = documents.filter(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])
    if stale_only:
        documents = documents.filter(_stale_lock())
    with translation.override("de"):
        text = str(message)
    updated = documents.update(
        status=ReportStatus.FAILED, error=text, error_detail=detail[-10000:], finished=timezone.now()
    )
    batch_id = ReportDocument.objects.filter(pk=document_id).values_list("batch_id", flat=True).first()
    if batch_id:
        _complete_batch(batch_id)
    return bool(updated)


def _failure_message(exc: BaseException):
    if isinstance(exc, registry.SubjectMissing):
        return str(exc)
    return TIMEOUT_FAILURE if _is_timeout(exc) else GENERIC_FAILURE


def _is_timeout(exc: BaseException) -> bool:
    from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded

    return isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded)


def _complete_batch(batch_id: int) -> bool:
    """Build (or, after a retry, rebuild) the batch's ZIP once none of its documents is pending."""
    if ReportDocument.objects.filter(batch_id=batch_id).pending().exists():
        return False
    batch_archive_build(batch_id=batch_id)
    return True


def batch_archive_build(*, batch_id: int) -> ReportBatch:
    """Pack every finished document of the batch into one ZIP, written atomically like the PDFs."""
    batch = ReportBatch.objects.get(pk=batch_id)
    documents = batch.documents.filter(status=ReportStatus.DONE).select_related("municipality").order_by("pk")
    name = f"reports/batches/{batch.kind}-{batch.pk}.zip"

    def write(handle):
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for document in documents:
                archive.write(default_storage.path(document.file.name), arcname=download_filename(document))

    _write_atomically(name, write)
    ReportBatch.objects.filter(pk=batch_id).update(archive=name, finished=timezone.now())
    batch.refresh_from_db()
    return batch


def download_filename(document: ReportDocument) -> str:
    """A German file name, e.g. "Information-Integrationsrat_05913000_Dortmund_2026-11-25.pdf"."""
    with translation.override("de"):
        label = str(FILENAME_LABELS.get(document.kind, document.get_kind_display()))
    parts = [label]
    if document.municipality_id:
        parts += [document.municipality.ags, document.municipality.name]
    else:
        parts.append("NRW")
    parts.append(timezone.localdate(document.finished or document.created).isoformat())
    return "_".join(_filename_part(part) for part in parts) + ".pdf"


def batch_filename(batch: ReportBatch) -> str:
    with translation.override("de"):
        label = str(FILENAME_LABELS.get(batch.kind, batch.get_kind_display()))
    stamp = timezone.localdate(batch.finished or batch.created).isoformat()
    return f"{_filename_part(label)}_alle-KIZ_{stamp}.zip"


def _filename_part(text: str) -> str:
    """Letters (umlauts included), digits and hyphens; anything else becomes a hyphen."""
    return re.sub(r"[^\w-]+|_", "-", str(text)).strip("-")


FILENAME_LABELS = {
    ReportKind.APPLICATION: _("Funding-application"),
    ReportKind.GRANT_NOTICE: _("Grant-notice"),
    ReportKind.CONTROLLING_REPORT: _("Controlling-report"),
    ReportKind.PROOF_OF_USE: _("Proof-of-use"),
    ReportKind.COUNCIL_BRIEFING: _("Integration-council-briefing"),
    ReportKind.STATE_OVERVIEW: _("State-overview-KIZ"),
}
