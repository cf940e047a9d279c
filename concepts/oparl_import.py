"""Import of a council paper's consultations from a council information system (OParl 1.1).

The lead enters the URL of the paper (Drucksache), or of the city's body: then the papers about integration are
listed, and the lead picks the one to import. Everything is fetched and checked first: the paper, and for
each consultation its meeting (date), its organization (the body) and its agenda item (result, resolution).
Only then are the steps written, in one transaction, so that a network error or an invalid document leaves
the council process as it was. Each step remembers the consultation it came from; a later import updates
those steps and lists what changed.

Only the address the lead entered and addresses on the same server (scheme, host and port) are fetched,
over http or https, without following redirects, with a timeout and a size limit.
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CouncilStep, OParlImport

logger = logging.getLogger(__name__)
OPARL = "https://schema.oparl.org/1.1/"
TIMEOUT_SECONDS = 10
MAX_BYTES = 2 * 1024 * 1024
MAX_CONSULTATIONS = 50
MAX_LIST_PAGES = 20
PAPER_KEYWORDS = ("integration",)


class ImportFailed(Exception):
    """The import cannot go on; the message is German and meant for the lead."""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise ImportFailed(
            _("The server answered %(url)s with a redirect; redirects are not followed.") % {"url": req.full_url}
        )


_OPENER = urllib.request.build_opener(_NoRedirect)


def check_url(url: str, origin: str | None = None) -> str:
    """An http(s) address; with `origin`, one on the same server as the address the lead entered."""
    parts = urlsplit(url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImportFailed(_("“%(url)s” is not an http or https address.") % {"url": url})
    if origin is not None and _origin(url) != origin:
        raise ImportFailed(
            _("“%(url)s” lies on another server than the paper; only the paper's server is asked.") % {"url": url}
        )
    return url


def _origin(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port


def fetch_json(url: str, *, origin) -> dict:
    """One JSON document from the paper's server, or ImportFailed with a German reason."""
    check_url(url, origin)
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (scheme checked)
    try:
        with _OPENER.open(request, timeout=TIMEOUT_SECONDS) as response:
            content = response.read(MAX_BYTES + 1)
    except ImportFailed:
        raise
    except urllib.error.HTTPError as exc:
        raise ImportFailed(_("%(url)s answered with the error %(code)s.") % {"url": url, "code": exc.code}) from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise ImportFailed(_("%(url)s cannot be reached (%(reason)s).") % {"url": url, "reason": exc}) from exc
    if len(content) > MAX_BYTES:
        raise ImportFailed(_("The document at %(url)s is larger than 2 MB.") % {"url": url})
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise ImportFailed(_("The document at %(url)s is not valid JSON.") % {"url": url}) from exc
    if not isinstance(data, dict):
        raise ImportFailed(_("The document at %(url)s is not valid JSON.") % {"url": url})
    return data


def fetch(url: str, *, origin, expected: str) -> dict:
    """One OParl object of the type `expected`, or ImportFailed with a German reason."""
    data = fetch_json(url, origin=origin)
    if data.get("type") != f"{OPARL}{expected}":
        raise ImportFailed(_("The document at %(url)s is not an OParl %(type)s.") % {"url": url, "type": expected})
    return data


def find_papers(body: dict, *, origin) -> list[dict]:
    """The papers of a body (its external list, at most MAX_LIST_PAGES pages) that deal with integration."""
    url, pages, found = body.get("paper"), 0, []
    while url and pages < MAX_LIST_PAGES:
        page = fetch_json(url, origin=origin)
        pages += 1
        items = page.get("data")
        if not isinstance(items, list):
            raise ImportFailed(_("The list at %(url)s is not an OParl list.") % {"url": url})
        for paper in items:
            if not isinstance(paper, dict) or paper.get("type") != f"{OPARL}Paper" or not paper.get("id"):
                continue
            text = f"{paper.get('name', '')} {paper.get('reference', '')}".lower()
            if any(word in text for word in PAPER_KEYWORDS):
                found.append(
                    {
                        "url": check_url(paper["id"], origin),
                        "name": str(paper.get("name") or "")[:300],
                        "reference": str(paper.get("reference") or "")[:50],
                        "date": str(paper.get("date") or "")[:10],
                    }
                )
        url = (page.get("links") or {}).get("next")
    return found


@dataclass
class Consultation:
    source_url: str
    title: str
    body: str
    body_name: str
    kind: str
    planned_date: date
    actual_date: date | None
    outcome: str
    resolution_text: str


BODIES = [
    ("integrationsrat", CouncilStep.Body.INTEGRATION_COUNCIL),
    ("integrationsausschuss", CouncilStep.Body.INTEGRATION_COUNCIL),
    ("ausschuss", CouncilStep.Body.COMMITTEE),
    ("verwaltungsvorstand", CouncilStep.Body.EXECUTIVE_BOARD),
    ("kreistag", CouncilStep.Body.COUNCIL),
    ("rat", CouncilStep.Body.COUNCIL),
]
OUTCOMES = [
    ("abgelehnt", CouncilStep.Outcome.REJECTED),
    ("vertagt", CouncilStep.Outcome.DEFERRED),
    ("geändert beschlossen", CouncilStep.Outcome.ADOPTED_AMENDED),
    ("mit änderung", CouncilStep.Outcome.ADOPTED_AMENDED),
    ("beschlossen", CouncilStep.Outcome.ADOPTED),
    ("angenommen", CouncilStep.Outcome.ADOPTED),
    ("empfohlen", CouncilStep.Outcome.RECOMMENDED),
    ("empfehlung", CouncilStep.Outcome.RECOMMENDED),
    ("kenntnis", CouncilStep.Outcome.NOTED),
]


def _body(organization: dict) -> str:
    """The kind of body, from the organization's classification, else from its name."""
    for key in ("classification", "name", "shortName"):
        text = str(organization.get(key) or "").lower()
        code = next((code for word, code in BODIES if word in text), None)
        if code is not None:
            return code
    return CouncilStep.Body.OTHER


def _outcome(result: str) -> str:
    text = (result or "").lower()
    return next((code for word, code in OUTCOMES if word in text), "")


def _day(value, url) -> date:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise ImportFailed(_("The meeting %(url)s has no valid start date.") % {"url": url}) from exc
    if moment.tzinfo is not None:
        moment = timezone.localtime(moment)
    return moment.date()


def read_paper(paper: dict, *, origin, progress=lambda share: None) -> list[Consultation]:
    """Fetch and check everything the paper's consultations refer to; nothing is written."""
    url = paper.get("id", "")
    consultations = paper.get("consultation") or []
    if not isinstance(consultations, list) or not consultations:
        raise ImportFailed(_("The paper %(url)s lists no consultations.") % {"url": url})
    if len(consultations) > MAX_CONSULTATIONS:
        raise ImportFailed(_("The paper lists more than %(n)s consultations.") % {"n": MAX_CONSULTATIONS})
    read = []
    for number, item in enumerate(consultations, start=1):
        if isinstance(item, str):
            item = fetch(item, origin=origin, expected="Consultation")
        if not isinstance(item, dict) or not item.get("id") or not item.get("meeting"):
            raise ImportFailed(_("A consultation of the paper names no meeting."))
        meeting = fetch(item["meeting"], origin=origin, expected="Meeting")
        if not meeting.get("start"):
            raise ImportFailed(_("The meeting %(url)s has no valid start date.") % {"url": item["meeting"]})
        organizations = item.get("organization") or meeting.get("organization") or []
        organization = fetch(organizations[0], origin=origin, expected="Organization") if organizations else {}
        agenda_item = {}
        if item.get("agendaItem"):
            agenda_item = fetch(item["agendaItem"], origin=origin, expected="AgendaItem")
        day = _day(meeting["start"], item["meeting"])
        read.append(
            Consultation(
                source_url=check_url(item["id"], origin),
                title=(agenda_item.get("name") or paper.get("name") or "")[:200],
                body=_body(organization),
                body_name=(organization.get("name") or "")[:200],
                kind=CouncilStep.Kind.DECISION if item.get("authoritative") else CouncilStep.Kind.CONSULTATION,
                planned_date=day,
                actual_date=day if day <= timezone.localdate() and not meeting.get("cancelled") else None,
                outcome=_outcome(agenda_item.get("result", "")),
                resolution_text=agenda_item.get("resolutionText") or "",
            )
        )
        progress(number / len(consultations))
    return read


FIELDS = ("title", "body", "body_name", "kind", "planned_date", "actual_date", "outcome", "resolution_text")


def _shown(step, name) -> str:
    value = getattr(step, name)
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    display = getattr(step, f"get_{name}_display", None)
    return str(display()) if display and value else str(value or "–")


@transaction.atomic
def apply(*, oparl_import: OParlImport, consultations: list[Consultation], user) -> list[dict]:
    """Create or update one step per consultation; returns what changed, for the lead to read."""
    changes = []
    for consultation in consultations:
        step = (
            CouncilStep.objects.select_for_update()
            .filter(municipality=oparl_import.municipality, source_url=consultation.source_url)
            .first()
        )
        created = step is None
        if created:
            step = CouncilStep(municipality=oparl_import.municipality, source_url=consultation.source_url)
        step.concept = oparl_import.concept
        fields = []
        for name in FIELDS:
            new = getattr(consultation, name)
            if created or getattr(step, name) != new:
                old = "" if created else _shown(step, name)
                setattr(step, name, new)
                fields.append({"field": str(CouncilStep._meta.get_field(name).verbose_name), "old": old,
                               "new": _shown(step, name)})  # fmt: skip
        if not fields:
            continue
        if not created:
            step.version += 1
        step._history_user = user
        step.save()
        changes.append({"step": step.title, "created": created, "fields": fields})
    return changes


def run(*, import_id: int) -> OParlImport:
    """Run one import: fetch and check, then write everything or nothing; the record says how it went."""
    oparl_import = OParlImport.objects.select_related("municipality", "concept", "requested_by").get(pk=import_id)
    if oparl_import.is_finished:
        return oparl_import
    OParlImport.objects.filter(pk=import_id).update(status=OParlImport.Status.RUNNING, progress=5)

    def progress(share):
        OParlImport.objects.filter(pk=import_id).update(progress=5 + int(share * 85))

    try:
        origin = _origin(check_url(oparl_import.source_url))
        document = fetch_json(oparl_import.source_url, origin=origin)
        if document.get("type") == f"{OPARL}Body":
            oparl_import.candidates = find_papers(document, origin=origin)
            if not oparl_import.candidates:
                raise ImportFailed(_("The council information system lists no paper about integration."))
            changes = []
        elif document.get("type") == f"{OPARL}Paper":
            consultations = read_paper(document, origin=origin, progress=progress)
            changes = apply(oparl_import=oparl_import, consultations=consultations, user=oparl_import.requested_by)
        else:
            raise ImportFailed(
                _("The document at %(url)s is neither an OParl body nor a paper.") % {"url": oparl_import.source_url}
            )
    except ImportFailed as exc:
        oparl_import.status, oparl_import.error = OParlImport.Status.FAILED, str(exc)
    except Exception:
        logger.exception("OParl import %s failed", import_id)
        oparl_import.status = OParlImport.Status.FAILED
        oparl_import.error = _("The import failed unexpectedly; nothing was changed. Please try again later.")
    else:
        oparl_import.status, oparl_import.changes, oparl_import.progress = OParlImport.Status.DONE, changes, 100
    oparl_import.finished_at = timezone.now()
    oparl_import.save(update_fields=["status", "error", "changes", "candidates", "progress", "finished_at"])
    return oparl_import
