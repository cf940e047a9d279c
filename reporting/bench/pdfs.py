"""PDF figures of `manage.py bench`: every report kind next to plain WeasyPrint on the same HTML, and a worker's
memory over many renders."""

import time

from .measure import proc_memory, timed

WARM_RENDERS = 5
MEMORY_RENDERS = 200


def _document(kind):
    from kiz.models import Municipality
    from reporting import registry
    from reporting.models import ReportDocument

    report_type = registry.get(kind)
    municipality = Municipality.objects.get(ags="05913000") if report_type.per_municipality else None
    return report_type, ReportDocument(kind=kind, municipality=municipality)


def report_html(kind) -> str:
    """The HTML of a report as the worker renders it (Dortmund for the kinds about one municipality)."""
    from reporting.pdf import render_html

    report_type, document = _document(kind)
    content = report_type.build(document)
    return render_html(report_type.template, content.context, title=str(content.title), author="A", as_of=content.as_of)


def plain_weasyprint(html: str):
    """WeasyPrint as it comes: the same HTML without the print stylesheet, shared fonts or PDF/UA tagging."""
    from weasyprint import HTML

    from reporting.pdf import BASE_URL, StaticFileFetcher

    return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher()).write_pdf()


def plain_text(pages: int):
    from weasyprint import HTML

    text = "".join(
        f'<section style="break-after: page"><h1>Seite {n}</h1><p>{"Text " * 300}</p></section>' for n in range(pages)
    )
    return HTML(string=f"<html lang='de'><body>{text}</body></html>").write_pdf()


def pdf_rows(repeat: int = WARM_RENDERS) -> list[tuple]:
    from reporting import registry
    from reporting.models import ReportKind
    from reporting.pdf import html_to_pdf

    rows = []
    for report_type in registry.available():
        html = report_html(report_type.kind)
        cold, warm, rendered = timed(lambda html=html: html_to_pdf(html), repeat)
        _cold, plain, _pdf = timed(lambda html=html: plain_weasyprint(html), repeat)
        _cold, text, _pdf = timed(lambda pages=rendered.page_count: plain_text(pages), repeat)
        pages = rendered.page_count
        rows.append(
            (
                f"PDF {ReportKind(report_type.kind).label} ({pages} S.)",
                f"{warm * 1000:.0f} ms (Median aus {repeat}; erster {cold * 1000:.0f} ms), "
                f"{warm / pages * 1000:.0f} ms/Seite",
                f"gleiches HTML ohne Stylesheet {plain * 1000:.0f} ms; Fließtext {pages} S. {text * 1000:.0f} ms",
                f"{warm / plain:.2f} × gleiches HTML; {warm / text:.1f} × Fließtext",
            )
        )
    return rows


def state_overview_once() -> tuple[float, int]:
    """Seconds and pages of one state overview with everything a worker does (data, template, PDF)."""
    from reporting.models import ReportKind
    from reporting.pdf import render_pdf

    report_type, document = _document(ReportKind.STATE_OVERVIEW)
    start = time.perf_counter()
    content = report_type.build(document)
    rendered = render_pdf(report_type.template, content.context, title="T", author="A", as_of=content.as_of)
    return time.perf_counter() - start, rendered.page_count


def memory_run(count: int = MEMORY_RENDERS) -> str:
    """Grant notices of all KIZ in turn, as one pool process renders them: resident memory after 1 and `count`."""
    import os

    from kiz.models import Municipality
    from reporting import registry
    from reporting.models import ReportDocument, ReportKind
    from reporting.pdf import render_pdf

    report_type = registry.get(ReportKind.GRANT_NOTICE)
    municipalities = list(Municipality.objects.filter(ags__startswith="05").order_by("name"))
    first = 0
    start = time.monotonic()
    for n in range(count):
        document = ReportDocument(kind=report_type.kind, municipality=municipalities[n % len(municipalities)])
        content = report_type.build(document)
        render_pdf(report_type.template, content.context, title=str(content.title), author="A", as_of=content.as_of)
        if n == 0:
            first = proc_memory(os.getpid(), "VmRSS")
    last = proc_memory(os.getpid(), "VmRSS")
    return f"RSS1={first} RSSN={last} HWM={proc_memory(os.getpid())} SECONDS={time.monotonic() - start:.1f}"
