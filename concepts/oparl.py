"""OParl 1.1 (read-only, public): the published part of the integration concepts and their council process.

Published is what the council has adopted: the adopted (and the later superseded) versions of a concept, each
a Paper with its document as File, and the steps of its council process, each a Meeting of an Organization
(Integrationsrat, committee, council) with one AgendaItem and a Consultation of the Paper. Drafts and the steps
of drafts never appear. Every municipality is a Body with its AGS. Lists are OParl external lists with
pagination and the filters created_since/until and modified_since/until.
"""

import hashlib
from datetime import datetime, time

from django.db.models import Max, Min
from django.http import Http404, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kiz import policy

from .models import CouncilStep, IntegrationConcept

OPARL = "https://schema.oparl.org/1.1/"
PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")


class BadRequest(Exception):
    pass


def published_concepts(municipality=None):
    """The versions the council adopted (kiz.policy.published: adopted, later superseded)."""
    concepts = policy.published(IntegrationConcept.objects.select_related("municipality"))
    if municipality is not None:
        concepts = concepts.filter(municipality=municipality)
    return concepts.order_by("municipality__name", "number")


def published_steps(municipality=None):
    """The council process of the published versions; steps of drafts and steps without a version stay inside."""
    steps = CouncilStep.objects.filter(concept__in=published_concepts().values("pk"))
    steps = steps.select_related("municipality", "concept")
    if municipality is not None:
        steps = steps.filter(municipality=municipality)
    return steps.order_by("planned_date", "pk")


def changes(model, pks) -> dict:
    """pk → (created, modified) from the audit history (one query)."""
    rows = (
        model.history.model.objects.filter(id__in=list(pks))
        .values("id")
        .annotate(first=Min("history_date"), last=Max("history_date"))
    )
    return {row["id"]: (row["first"], row["last"]) for row in rows}


def stamp(value) -> str:
    return timezone.localtime(value).isoformat(timespec="seconds")


class Site:
    """Builds the OParl objects of one request (absolute URLs, change times loaded once per model)."""

    def __init__(self, request):
        self.request = request
        self._times = {}

    def url(self, name, **kwargs):
        return self.request.build_absolute_uri(reverse(f"oparl:{name}", kwargs=kwargs))

    def times(self, obj):
        model = type(obj)
        if (model, obj.pk) not in self._times:
            for pk, value in changes(model, [obj.pk]).items():
                self._times[(model, pk)] = value
        now = timezone.now()
        return self._times.get((model, obj.pk), (now, now))

    def preload(self, objects):
        by_model = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj.pk)
        for model, pks in by_model.items():
            for pk, value in changes(model, pks).items():
                self._times[(model, pk)] = value

    def dated(self, data, *objects):
        created = min(self.times(o)[0] for o in objects)
        modified = max(self.times(o)[1] for o in objects)
        data.update(created=stamp(created), modified=stamp(modified))
        return data

    # --- the objects ---------------------------------------------------------------------------------

    def system(self):
        return {
            "id": self.url("system"),
            "type": f"{OPARL}System",
            "oparlVersion": OPARL,
            "body": self.url("bodies"),
            "name": _("KIZ administration – integration concepts of the municipal integration centres in NRW"),
        }

    def body(self, municipality):
        ags = municipality.ags
        data = {
            "id": self.url("body", ags=ags),
            "type": f"{OPARL}Body",
            "system": self.url("system"),
            "name": municipality.name,
            "shortName": municipality.name,
            "ags": ags,
            "organization": self.url("organizations", ags=ags),
            "person": self.url("persons", ags=ags),
            "meeting": self.url("meetings", ags=ags),
            "paper": self.url("papers", ags=ags),
            "file": self.url("files", ags=ags),
            "legislativeTerm": [],
            "classification": municipality.get_kind_display(),
        }
        return self.dated(data, municipality)

    def organization(self, municipality, key, steps):
        step = steps[0]
        data = {
            "id": self.url("organization", ags=municipality.ags, key=key),
            "type": f"{OPARL}Organization",
            "body": self.url("body", ags=municipality.ags),
            "name": step.body_label,
            "organizationType": _("Body"),
            "classification": step.get_body_display(),
        }
        return self.dated(data, *steps)

    def meeting(self, step):
        day = step.actual_date or step.planned_date
        data = {
            "id": self.url("meeting", pk=step.pk),
            "type": f"{OPARL}Meeting",
            "name": f"{step.body_label}, {day:%d.%m.%Y}",
            "meetingState": _("held") if step.actual_date else _("planned"),
            "start": stamp(timezone.make_aware(datetime.combine(day, time.min))),
            "organization": [self.url("organization", ags=step.municipality.ags, key=organization_key(step))],
            "agendaItem": [self.agenda_item(step)],
        }
        return self.dated(data, step)

    def agenda_item(self, step):
        data = {
            "id": self.url("agenda_item", pk=step.pk),
            "type": f"{OPARL}AgendaItem",
            "meeting": self.url("meeting", pk=step.pk),
            "number": "1",
            "order": 1,
            "name": step.title,
            "public": True,
            "consultation": self.url("consultation", pk=step.pk),
        }
        if step.outcome:
            data["result"] = step.get_outcome_display()
        if step.resolution_text:
            data["resolutionText"] = step.resolution_text
        return self.dated(data, step)

    def consultation(self, step):
        data = {
            "id": self.url("consultation", pk=step.pk),
            "type": f"{OPARL}Consultation",
            "paper": self.url("paper", pk=step.concept_id),
            "agendaItem": self.url("agenda_item", pk=step.pk),
            "meeting": self.url("meeting", pk=step.pk),
            "organization": [self.url("organization", ags=step.municipality.ags, key=organization_key(step))],
            "authoritative": step.kind == CouncilStep.Kind.DECISION,
            "role": step.get_kind_display(),
        }
        return self.dated(data, step)

    def paper(self, concept, steps):
        data = {
            "id": self.url("paper", pk=concept.pk),
            "type": f"{OPARL}Paper",
            "body": self.url("body", ags=concept.municipality.ags),
            "name": concept.title,
            "paperType": _("Integration concept"),
            "consultation": [self.consultation(step) for step in steps],
        }
        if concept.resolution_paper:
            data["reference"] = concept.resolution_paper
        if concept.resolution_date:
            data["date"] = concept.resolution_date.isoformat()
        if concept.document:
            data["mainFile"] = self.file(concept)
        return self.dated(data, concept, *steps)

    def file(self, concept):
        with concept.document.open("rb") as handle:
            content = handle.read()
        data = {
            "id": self.url("file", pk=concept.pk),
            "type": f"{OPARL}File",
            "name": _("Integration concept %(municipality)s, version %(number)s")
            % {"municipality": concept.municipality.name, "number": concept.number},
            "fileName": file_name(concept),
            "mimeType": "application/pdf",
            "size": len(content),
            "sha512Checksum": hashlib.sha512(content).hexdigest(),
            "accessUrl": self.url("file_access", pk=concept.pk),
            "downloadUrl": self.url("file_download", pk=concept.pk),
            "paper": [self.url("paper", pk=concept.pk)],
        }
        if concept.adopted_on:
            data["date"] = concept.adopted_on.isoformat()
        return self.dated(data, concept)


def organization_key(step) -> str:
    """The key of the body a step goes to: its kind, and for a named committee the name as well."""
    if step.body_name:
        return f"{step.body}-{slugify(step.body_name)}"[:80]
    return step.body


def file_name(concept) -> str:
    return concept.document_name or f"Integrationskonzept-{concept.municipality.ags}-Fassung-{concept.number}.pdf"


# --- lists ------------------------------------------------------------------------------------------------


def _parse_time(value: str):
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "+"))
    except ValueError as exc:
        raise BadRequest(_("“%(value)s” is not a date and time (ISO 8601).") % {"value": value}) from exc
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)


def _filtered(request, objects):
    """Keep the objects whose created/modified lie within the filters of the request."""
    bounds = {name: _parse_time(request.GET[name]) for name in FILTERS if request.GET.get(name)}
    kept = []
    for obj in objects:
        created = datetime.fromisoformat(obj["created"])
        modified = datetime.fromisoformat(obj["modified"])
        if "created_since" in bounds and created < bounds["created_since"]:
            continue
        if "created_until" in bounds and created > bounds["created_until"]:
            continue
        if "modified_since" in bounds and modified < bounds["modified_since"]:
            continue
        if "modified_until" in bounds and modified > bounds["modified_until"]:
            continue
        kept.append(obj)
    return kept


def _number(request, name, default, maximum=None):
    value = request.GET.get(name, "")
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(_("“%(name)s” must be a whole number of at least 1.") % {"name": name})
    return min(int(value), maximum) if maximum else int(value)


def external_list(request, objects):
    """An OParl external list: one page of the (filtered) objects, with pagination and links."""
    objects = _filtered(request, objects)
    limit = _number(request, "limit", PAGE_SIZE, MAX_PAGE_SIZE)
    page = _number(request, "page", 1)
    total_pages = max(1, -(-len(objects) // limit))
    if page > total_pages:
        raise Http404
    base = request.build_absolute_uri(request.path)
    params = {k: v for k, v in request.GET.items() if k != "page"}

    def link(number):
        return f"{base}?{urlencode({**params, 'page': number})}"

    links = {"first": link(1), "last": link(total_pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < total_pages:
        links["next"] = link(page + 1)
    return {
        "data": objects[(page - 1) * limit : page * limit],
        "pagination": {
            "totalElements": len(objects),
            "elementsPerPage": limit,
            "currentPage": page,
            "totalPages": total_pages,
        },
        "links": links,
    }


def respond(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
