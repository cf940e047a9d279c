"""Render a Django template to a tagged PDF with WeasyPrint, from local files only.

Reports go into the authority's electronic file, so they are produced as PDF/UA-1 (tagged, with a structure
tree, title, author and language). Every resource a report needs (style sheet, fonts) is shipped with the
application and read from the static files; the fetcher refuses everything else, so rendering never touches
the network and a missing asset stops the render instead of silently changing the typeface.
"""

import os
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_VARIANT = "pdf/ua-1"
PRINT_STYLESHEET = "css/print.css"
# Relative URLs in the print templates ({% static %} gives "/static/…") resolve against this base; the host
# is reserved (RFC 2606), so nothing could be fetched from it even if the fetcher allowed the network.
BASE_URL = "https://kiz.invalid/"

_MEDIA_TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".svg": "image/svg+xml",
    ".png": "image/png",
}


class StaticFileFetcher(URLFetcher):
    """Serves the application's static files and data: URLs; any other URL is a fatal error."""

    def __init__(self):
        super().__init__(allowed_protocols=["https", "data"], fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = static_path(url)
        if path is None:
            raise ValueError(f"Only the application's static files may be used in a report: {url}")
        media_type = _MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": media_type})


def static_path(url: str) -> Path | None:
    """The local file behind a static URL of the print templates, or None when it is not one."""
    parts = urlsplit(url)
    base = urlsplit(BASE_URL)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or not parts.path.startswith(prefix):
        return None
    relative = parts.path.removeprefix(prefix)
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / relative
    return collected if collected.is_file() else None


@dataclass(frozen=True)
class RenderedPdf:
    content: bytes
    page_count: int


class _Shared:
    """The font configuration and the parsed print stylesheet of this process, made on first use.

    A worker renders many documents: loading the fonts and parsing the stylesheet once saves time and keeps the
    worker's memory flat (a font configuration per document is never given back). Keyed by the process id, so a
    forked child (the prefork pool) makes its own instead of sharing the parent's Pango objects.
    """

    pid: int | None = None
    fonts: FontConfiguration | None = None
    stylesheet: CSS | None = None


def shared_style() -> tuple[FontConfiguration, CSS]:
    if _Shared.pid != os.getpid() or _Shared.stylesheet is None:
        fonts = FontConfiguration()
        url = BASE_URL.rstrip("/") + settings.STATIC_URL.rstrip("/") + "/" + PRINT_STYLESHEET
        stylesheet = CSS(url=url, url_fetcher=StaticFileFetcher(), font_config=fonts)
        _Shared.pid, _Shared.fonts, _Shared.stylesheet = os.getpid(), fonts, stylesheet
    return _Shared.fonts, _Shared.stylesheet


def render_html(template_name: str, context: dict, *, title: str, author: str, as_of: date) -> str:
    """The HTML of a report: `template_name` (extending pdf/base.html), in German.

    The template receives `title`, `author`, `as_of` and `generated` (now, local time) besides `context`.
    """
    generated = timezone.localtime()
    full_context = {
        **context,
        "title": title,
        "author": author,
        "as_of": as_of,
        "generated": generated,
    }
    with translation.override("de"):
        return render_to_string(template_name, full_context)


def html_to_pdf(html: str) -> RenderedPdf:
    """PDF/UA-1 bytes of report HTML, with the print stylesheet and fonts shared by this process."""
    fonts, stylesheet = shared_style()
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFileFetcher()).render(
        font_config=fonts,
        stylesheets=[stylesheet],
        pdf_variant=PDF_VARIANT,
        custom_metadata=True,
    )
    content = document.write_pdf(pdf_variant=PDF_VARIANT, custom_metadata=True)
    return RenderedPdf(content=content, page_count=len(document.pages))


def render_pdf(template_name: str, context: dict, *, title: str, author: str, as_of: date) -> RenderedPdf:
    """Render `template_name` (extending pdf/base.html) to PDF/UA-1 bytes, in German."""
    return html_to_pdf(render_html(template_name, context, title=title, author=author, as_of=as_of))


def iso_timestamp(value: datetime) -> str:
    """The form WeasyPrint expects in <meta name="dcterms.created">."""
    return value.isoformat(timespec="seconds")
