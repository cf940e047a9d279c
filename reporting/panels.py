"""Sections the reporting app adds to the core's pages (see kiz.extensions)."""

from kiz import policy

from .controlling import panels as controlling
from .models import ReportKind


def home_city(*, user, municipality):
    return controlling.home_city(user=user, municipality=municipality)


def home_state(*, user):
    return controlling.home_state(user=user)


def proof_of_use(*, user, proof):
    """The downloads of a proof of use's financial statement on its page (the same statement as page and PDF)."""
    return [{"template": "reporting/_panel_exports.html", "name": "proof_statement_export", "pk": proof.pk}]


_PDF = "reporting/_request_button.html"
_EXPORT = "reporting/_export_links.html"


def _pdf(kind, municipality, subject_id):
    return {"template": _PDF, "kind": kind, "municipality": municipality, "subject": subject_id}


def _export(name, pk=None, query=""):
    return {"template": _EXPORT, "name": name, "pk": pk, "query": query}


def downloads(*, user, page, subject=None, query=""):
    """The PDF and table downloads offered on other apps' pages. A PDF is made of published documents only
    (kiz.policy.published); the report subjects are checked again when the PDF is requested."""
    if page == "concepts:overview":
        return [_export("concepts_export")]
    if page == "staffing:plan":
        return [_export("staff_plan_export", subject.pk)]
    if page == "funding:inbox":
        return [_export("inbox_export", query=query)]
    if page == "funding:application":
        pdf = [_pdf(ReportKind.APPLICATION, subject.municipality, subject.pk)] if policy.published(subject) else []
        return [*pdf, _export("financing_plan_export", subject.pk)]
    if page == "funding:grant":
        return [_pdf(ReportKind.GRANT_NOTICE, subject.municipality, subject.pk)]
    if page == "funding:proof" and policy.published(subject):
        return [_pdf(ReportKind.PROOF_OF_USE, subject.application.municipality, subject.pk)]
    return []
