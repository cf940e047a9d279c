"""The OParl 1.1 endpoint (/oparl/v1/): public, read-only, only what the councils have adopted (concepts.oparl)."""

from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from kiz.models import Municipality

from .oparl import BadRequest, Site, external_list, file_name, organization_key, published_concepts, published_steps
from .oparl import respond as _respond


def oparl_view(view):
    """Public, GET only; a bad filter is a 400 with the message as JSON."""

    @login_not_required
    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, Site(request), *args, **kwargs)
        except BadRequest as exc:
            return _respond({"error": str(exc)}, status=400)

    return wrapper


def _municipality(ags):
    return get_object_or_404(Municipality, ags=ags)


def _organizations(site, municipality):
    groups = {}
    for step in published_steps(municipality):
        groups.setdefault(organization_key(step), []).append(step)
    site.preload(step for steps in groups.values() for step in steps)
    return groups


@oparl_view
def system(request, site):
    return _respond(site.system())


@oparl_view
def bodies(request, site):
    municipalities = list(Municipality.objects.order_by("name"))
    site.preload(municipalities)
    return _respond(external_list(request, [site.body(m) for m in municipalities]))


@oparl_view
def body(request, site, ags):
    return _respond(site.body(_municipality(ags)))


@oparl_view
def organizations(request, site, ags):
    municipality = _municipality(ags)
    groups = _organizations(site, municipality)
    return _respond(external_list(request, [site.organization(municipality, k, s) for k, s in groups.items()]))


@oparl_view
def organization(request, site, ags, key):
    municipality = _municipality(ags)
    steps = _organizations(site, municipality).get(key)
    if not steps:
        raise Http404
    return _respond(site.organization(municipality, key, steps))


@oparl_view
def persons(request, site, ags):
    _municipality(ags)
    return _respond(external_list(request, []))


@oparl_view
def meetings(request, site, ags):
    steps = list(published_steps(_municipality(ags)))
    site.preload(steps)
    return _respond(external_list(request, [site.meeting(step) for step in steps]))


def _step(pk):
    return get_object_or_404(published_steps(), pk=pk)


@oparl_view
def meeting(request, site, pk):
    return _respond(site.meeting(_step(pk)))


@oparl_view
def agenda_item(request, site, pk):
    return _respond(site.agenda_item(_step(pk)))


@oparl_view
def consultation(request, site, pk):
    return _respond(site.consultation(_step(pk)))


def _papers(site, municipality):
    concepts = list(published_concepts(municipality))
    steps = list(published_steps(municipality))
    site.preload([*concepts, *steps])
    return [site.paper(c, [s for s in steps if s.concept_id == c.pk]) for c in concepts]


@oparl_view
def papers(request, site, ags):
    return _respond(external_list(request, _papers(site, _municipality(ags))))


def _concept(pk):
    return get_object_or_404(published_concepts(), pk=pk)


@oparl_view
def paper(request, site, pk):
    concept = _concept(pk)
    return _respond(site.paper(concept, list(published_steps(concept.municipality).filter(concept=concept))))


@oparl_view
def files(request, site, ags):
    concepts = [c for c in published_concepts(_municipality(ags)) if c.document]
    site.preload(concepts)
    return _respond(external_list(request, [site.file(c) for c in concepts]))


def _document(pk):
    concept = _concept(pk)
    if not concept.document:
        raise Http404
    return concept


@oparl_view
def file(request, site, pk):
    return _respond(site.file(_document(pk)))


def _file_response(pk, *, as_attachment):
    concept = _document(pk)
    response = FileResponse(
        concept.document.open("rb"),
        content_type="application/pdf",
        as_attachment=as_attachment,
        filename=file_name(concept),
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_not_required
@require_safe
def file_access(request, pk):
    return _file_response(pk, as_attachment=False)


@login_not_required
@require_safe
def file_download(request, pk):
    return _file_response(pk, as_attachment=True)
