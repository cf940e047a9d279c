"""Which report kinds can be generated: for each, the print template, the function that gathers its content and
who may request and read it.

A new kind is one `register(...)` call with a template extending pdf/base.html and a context function; the
request, the task, the status page, the download and the batch need no change.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kiz import policy

from .models import ReportKind


@dataclass(frozen=True)
class ReportContent:
    """What a context function returns: the document title, the data's as-of date and the template context."""

    title: str
    as_of: date
    context: dict


class SubjectMissing(Exception):
    """The report is about an object (an application, a report …) that the municipality does not have (yet).

    The message is German and shown to the user on the failed document.
    """


@dataclass(frozen=True)
class ReportType:
    kind: str
    template: str
    build: Callable[..., ReportContent]  # build(document) -> ReportContent
    may_view: Callable[..., bool]  # may_view(user, municipality_or_None) -> bool
    per_municipality: bool = True
    # find_subject(municipality, subject_id) -> the reported object of that municipality, or None. Kinds about one
    # object (an application, a report) have it; without a subject id it gives the latest suitable object.
    find_subject: Callable[..., object] | None = None
    # subject_holders() -> the ids of the municipalities that have such an object; with it, `missing` says (German,
    # lazily translated) why a municipality without one gets no report. Kinds without a subject: every municipality.
    subject_holders: Callable[[], set[int]] | None = None
    missing: str = ""

    def has_subject(self, municipality, subject_id: int | None = None) -> bool:
        """Whether the report has something to be about: the given object, or the latest suitable one."""
        return self.find_subject is None or self.find_subject(municipality, subject_id) is not None

    def may_request(self, user, municipality) -> bool:
        """Whoever may read a kind may have it generated; the state overview has no municipality."""
        if self.per_municipality and municipality is None:
            return False
        return self.may_view(user, municipality)


_REGISTRY: dict[str, ReportType] = {}


def register(report_type: ReportType) -> ReportType:
    if report_type.kind not in ReportKind.values:
        raise ValueError(f"Unknown report kind: {report_type.kind}")
    _REGISTRY[report_type.kind] = report_type
    return report_type


def get(kind: str) -> ReportType | None:
    _load_kinds()
    return _REGISTRY.get(kind)


def available(*, per_municipality: bool | None = None) -> list[ReportType]:
    """The registered kinds, in the order of ReportKind."""
    _load_kinds()
    types = [_REGISTRY[kind] for kind in ReportKind.values if kind in _REGISTRY]
    if per_municipality is not None:
        types = [t for t in types if t.per_municipality == per_municipality]
    return types


def may_view_document(user, document) -> bool:
    report_type = get(document.kind)
    return report_type is not None and report_type.may_view(user, document.municipality)


def _load_kinds():
    # The kinds register themselves on import; imported lazily, as they read other apps' data.
    from . import contents  # noqa: F401


def state_only(user, municipality) -> bool:
    return policy.is_state_user(user)
