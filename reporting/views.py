"""Pages of the reporting app: request a PDF, follow its progress, download it; batches; exports."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kiz import policy
from kiz.models import Municipality
from kiz.tenancy import current_municipality

from . import exports, registry, services
from .forms import BatchRequestForm, ReportRequestForm
from .models import ReportBatch, ReportDocument, ReportStatus
from .tables import kiz_overview_table

RECENT_DOCUMENTS = 30


def index(request):
    """The user's recent documents and the form to request a new one."""
    user = request.user
    municipality = current_municipality(request)
    form = ReportRequestForm(user=user, initial={"municipality": municipality.ags if municipality else None})
    return render(request, "reporting/document_list.html", _index_context(user, form))


def _index_context(user, form):
    documents = (
        ReportDocument.objects.for_user(user)
        .filter(batch__isnull=True)
        .select_related("municipality", "requested_by")
        .order_by("-created", "-pk")[:RECENT_DOCUMENTS]
    )
    return {
        "form": form,
        "documents": [d for d in documents if registry.may_view_document(user, d)],
        "can_run_batches": policy.can_run_report_batches(user),
        "can_export": policy.is_state_user(user),
    }


@require_POST
def document_request(request):
    form = ReportRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, "reporting/document_list.html", _index_context(request.user, form), status=400)
    try:
        document = services.report_request(
            kind=form.cleaned_data["kind"],
            municipality=form.cleaned_data["municipality"],
            user=request.user,
            subject_id=form.cleaned_data.get("subject"),
        )
    except services.ReportNotAvailable:
        messages.error(request, _("This report cannot be generated yet."))
        return redirect("reporting:index")
    return redirect(document)


def _visible_document(request, pk) -> ReportDocument:
    """A document of the user's municipalities whose kind the user may read; anything else is a 404."""
    document = policy.get_visible_or_404(
        ReportDocument.objects.select_related("municipality", "requested_by", "batch"), request.user, pk=pk
    )
    if not registry.may_view_document(request.user, document):
        raise Http404
    return document


def document_detail(request, pk):
    document = _visible_document(request, pk)
    return render(request, "reporting/document_detail.html", _document_context(request, document))


def document_status(request, pk):
    """The status fragment the detail page polls (htmx) while the document is queued or running."""
    document = _visible_document(request, pk)
    return render(request, "reporting/_document_status.html", _document_context(request, document))


def _document_context(request, document):
    report_type = registry.get(document.kind)
    return {
        "document": document,
        "can_retry": report_type is not None
        and report_type.may_request(request.user, document.municipality)
        and services.can_succeed(document),
        "is_stale": services.is_stale(document),
        "filename": services.download_filename(document),
    }


def document_download(request, pk):
    document = _visible_document(request, pk)
    if document.status != ReportStatus.DONE or not document.file:
        raise Http404
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=services.download_filename(document),
        content_type="application/pdf",
    )


@require_POST
def document_retry(request, pk):
    document = _visible_document(request, pk)
    try:
        queued = services.report_retry(document=document, user=request.user)
    except services.ReportNotAvailable:
        messages.error(request, _("This report cannot be generated again: what it reports on no longer exists."))
        return redirect(document)
    if queued:
        messages.success(request, _("The report has been queued again."))
    elif document.status == ReportStatus.DONE:
        messages.info(request, _("The report is ready already; there was nothing to retry."))
    else:
        messages.info(request, _("The report is still being generated; there was nothing to retry."))
    return redirect(document)


def _batches_visible(user):
    if not policy.is_state_user(user):
        raise Http404


def batch_list(request):
    """Generate one report for all municipalities; the coordination office starts, state roles look on."""
    _batches_visible(request.user)
    if request.method == "POST":
        if not policy.can_run_report_batches(request.user):
            raise PermissionDenied
        form = BatchRequestForm(request.POST)
        if form.is_valid():
            batch = services.batch_request(kind=form.cleaned_data["kind"], user=request.user)
            return redirect(batch)
    else:
        form = BatchRequestForm()
    batches = ReportBatch.objects.select_related("requested_by").order_by("-created", "-pk")[:20]
    return render(
        request,
        "reporting/batch_list.html",
        {"form": form, "batches": batches, "can_run_batches": policy.can_run_report_batches(request.user)},
        status=400 if form.is_bound else 200,
    )


def _batch_context(batch):
    counts = dict.fromkeys(ReportStatus.values, 0)
    for status in batch.documents.values_list("status", flat=True):
        counts[status] += 1
    total = sum(counts.values())
    finished = counts[ReportStatus.DONE] + counts[ReportStatus.FAILED]
    failed = batch.documents.filter(status=ReportStatus.FAILED).select_related("municipality").order_by("municipality")
    return {
        "batch": batch,
        "total": total,
        "done": counts[ReportStatus.DONE],
        "failed_count": counts[ReportStatus.FAILED],
        "finished": finished,
        "pending": total - finished,
        "failed": failed,
        "filename": services.batch_filename(batch),
    }


def _visible_batch(request, pk):
    _batches_visible(request.user)
    try:
        return ReportBatch.objects.select_related("requested_by").get(pk=pk)
    except ReportBatch.DoesNotExist as exc:
        raise Http404 from exc


def batch_detail(request, pk):
    batch = _visible_batch(request, pk)
    report_type = registry.get(batch.kind)
    skipped = Municipality.objects.exclude(pk__in=batch.documents.values("municipality_id")).order_by("name")
    context = {
        **_batch_context(batch),
        "skipped": list(skipped),
        "skipped_reason": report_type.missing if report_type is not None else "",
    }
    return render(request, "reporting/batch_detail.html", context)


def batch_status(request, pk):
    batch = _visible_batch(request, pk)
    return render(request, "reporting/_batch_status.html", _batch_context(batch))


def batch_download(request, pk):
    batch = _visible_batch(request, pk)
    if not batch.archive:
        raise Http404
    return FileResponse(
        batch.archive.open("rb"),
        as_attachment=True,
        filename=services.batch_filename(batch),
        content_type="application/zip",
    )


def export_municipalities(request, fmt):
    """The state-wide list of all KIZ as CSV or XLSX."""
    if not policy.is_state_user(request.user):
        raise Http404
    table = kiz_overview_table(Municipality.objects.for_user(request.user))
    return exports.download(table, filename_stem=_("integration-centres-NRW"), fmt=fmt)
