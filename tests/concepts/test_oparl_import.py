"""OParl import against a local council information system: an http.server on 127.0.0.1 started by the test,
serving documents built from the specification's examples (../shared/oparl/examples/)."""

import copy
import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from concepts import oparl_import
from concepts.models import CouncilStep, OParlImport
from tests.concepts.factories import AdoptedConceptFactory
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db

EXAMPLES = next(
    (p / "shared" / "oparl" / "examples" for p in Path(settings.BASE_DIR).parents if (p / "shared" / "oparl").is_dir()),
    Path(settings.BASE_DIR).parent / "shared" / "oparl" / "examples",
)
BODIES = [
    ("Integrationsrat der Stadt Dortmund", "Integrationsrat", "Empfehlung an den Rat"),
    ("Ausschuss für Soziales, Arbeit und Gesundheit", "Ausschuss", "Empfohlen"),
    ("Rat der Stadt Dortmund", "Rat", "Geändert beschlossen"),
]
DATES = ["2023-01-17T16:00:00+01:00", "2023-02-07T15:00:00+01:00", "2023-03-02T15:00:00+01:00"]


def _example(name):
    return json.loads((EXAMPLES / f"{name}-01.json").read_text())


def council_documents(base: str, dates=DATES) -> dict:
    """Paper-01 with three consultations; each has a meeting (Meeting-01), a body (Organization-01) and the
    agenda item of Meeting-01, re-addressed to the local server."""
    paper = _example("Paper")
    meeting_example, organization_example = _example("Meeting"), _example("Organization")
    agenda_example = meeting_example["agendaItem"][0]
    documents = {}
    consultations = []
    for n, ((name, classification, result), start) in enumerate(zip(BODIES, dates, strict=True), start=1):
        urls = {kind: f"{base}/{kind}/{n}" for kind in ("consultation", "meeting", "organization", "agendaitem")}
        consultation = copy.deepcopy(paper["consultation"][0])
        consultation.update(
            id=urls["consultation"],
            meeting=urls["meeting"],
            agendaItem=urls["agendaitem"],
            organization=[urls["organization"]],
            authoritative=n == 3,
            role="Beschlussfassung" if n == 3 else "Vorberatung",
        )
        consultations.append(consultation)
        agenda_item = {**agenda_example, "id": urls["agendaitem"], "meeting": urls["meeting"]}
        agenda_item.update(consultation=urls["consultation"], name="Integrationskonzept 2023", result=result)
        meeting = {**meeting_example, "id": urls["meeting"], "start": start, "organization": [urls["organization"]]}
        meeting["agendaItem"] = [agenda_item]
        organization = {**organization_example, "id": urls["organization"], "name": name}
        organization["classification"] = classification
        documents.update(
            {f"/meeting/{n}": meeting, f"/organization/{n}": organization, f"/agendaitem/{n}": agenda_item}
        )
    paper.update(id=f"{base}/paper/1", name="Integrationskonzept 2023", consultation=consultations)
    documents["/paper/1"] = paper
    body = {**_example("Body"), "id": f"{base}/body/1", "paper": f"{base}/body/1/papers"}
    other = {**paper, "id": f"{base}/paper/2", "name": "Bebauungsplan Nr. 12", "reference": "0815/2023"}
    older = {**paper, "id": f"{base}/paper/3", "name": "Fortschreibung Integrationskonzept", "reference": "77/2019"}
    older["date"] = "2019-03-21"
    documents["/body/1"] = body
    documents["/body/1/papers"] = {"data": [paper, other], "links": {"next": f"{base}/body/1/papers?page=2"}}
    documents["/body/1/papers?page=2"] = {"data": [older], "links": {}}
    return documents


class CouncilServer:
    """A council information system on 127.0.0.1 serving `documents` (path → object, or raw bytes)."""

    def __init__(self):
        self.documents = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                document = server.documents.get(self.path)
                if document is None:
                    self.send_error(404)
                    return
                body = document if isinstance(document, bytes) else json.dumps(document).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def council_server():
    with CouncilServer() as server:
        server.documents = council_documents(server.base)
        yield server


@pytest.fixture
def concept(dortmund):
    return AdoptedConceptFactory(municipality=dortmund, resolution_date=date(2023, 3, 2))


def _import(concept, url, user):
    record = OParlImport.objects.create(
        municipality=concept.municipality, concept=concept, source_url=url, requested_by=user
    )
    return oparl_import.run(import_id=record.pk)


def test_a_paper_with_three_consultations_becomes_three_steps(council_server, concept, lead):
    record = _import(concept, f"{council_server.base}/paper/1", lead)
    assert record.status == OParlImport.Status.DONE and record.progress == 100, record.error
    steps = list(CouncilStep.objects.filter(municipality=concept.municipality).order_by("planned_date"))
    assert [(s.body, s.body_name, s.kind, s.planned_date, s.actual_date, s.outcome) for s in steps] == [
        ("integrationsrat", "Integrationsrat der Stadt Dortmund", "beratung", date(2023, 1, 17), date(2023, 1, 17),
         "recommended"),
        ("ausschuss", "Ausschuss für Soziales, Arbeit und Gesundheit", "beratung", date(2023, 2, 7),
         date(2023, 2, 7), "recommended"),
        ("rat", "Rat der Stadt Dortmund", "beschluss", date(2023, 3, 2), date(2023, 3, 2), "amended"),
    ]  # fmt: skip
    assert [s.source_url for s in steps] == [f"{council_server.base}/consultation/{n}" for n in (1, 2, 3)]
    assert all(s.concept == concept and s.title == "Integrationskonzept 2023" for s in steps)
    assert steps[2].resolution_text == "Der Beschluss weicht wie folgt vom Antrag ab: ..."
    assert [c["created"] for c in record.changes] == [True, True, True]


def test_a_second_import_updates_the_step_whose_date_changed(council_server, concept, lead):
    url = f"{council_server.base}/paper/1"
    _import(concept, url, lead)
    before = {s.pk: (s.version, s.planned_date) for s in CouncilStep.objects.all()}
    council_server.documents["/meeting/2"]["start"] = "2023-02-14T15:00:00+01:00"
    record = _import(concept, url, lead)
    assert record.status == OParlImport.Status.DONE
    assert record.changes == [
        {
            "step": "Integrationskonzept 2023",
            "created": False,
            "fields": [
                {"field": "Geplanter Termin", "old": "07.02.2023", "new": "14.02.2023"},
                {"field": "Tatsächlicher Termin", "old": "07.02.2023", "new": "14.02.2023"},
            ],
        }
    ]
    after = {s.pk: (s.version, s.planned_date) for s in CouncilStep.objects.all()}
    assert after.keys() == before.keys()
    changed = [pk for pk in after if after[pk] != before[pk]]
    assert len(changed) == 1 and after[changed[0]] == (before[changed[0]][0] + 1, date(2023, 2, 14))
    assert _import(concept, url, lead).changes == []


@pytest.mark.parametrize(
    ("path", "document", "message"),
    [
        ("/paper/1", b'{"id": "kaputt', "ist kein gültiges JSON"),
        ("/meeting/3", None, "antwortete mit dem Fehler 404"),
        (
            "/organization/2",
            {"type": "https://schema.oparl.org/1.1/Person"},
            "ist kein OParl-Objekt vom Typ Organization",
        ),
    ],
)
def test_a_broken_document_leaves_the_council_process_unchanged(council_server, concept, lead, path, document, message):
    url = f"{council_server.base}/paper/1"
    _import(concept, url, lead)
    before = list(CouncilStep.objects.order_by("pk").values())
    council_server.documents["/meeting/1"]["start"] = "2024-01-01T10:00:00+01:00"  # would change a step
    if document is None:
        del council_server.documents[path]
    else:
        council_server.documents[path] = document
    record = _import(concept, url, lead)
    assert record.status == OParlImport.Status.FAILED
    assert message in record.error
    assert list(CouncilStep.objects.order_by("pk").values()) == before


def test_only_http_addresses_on_the_papers_server_are_fetched(council_server, concept, lead):
    assert (
        _import(concept, "file:///etc/passwd", lead).error == "„file:///etc/passwd“ ist keine http- oder https-Adresse."
    )
    council_server.documents["/paper/1"]["consultation"][0]["meeting"] = "http://localhost:9/meeting/1"
    record = _import(concept, f"{council_server.base}/paper/1", lead)
    assert record.status == OParlImport.Status.FAILED
    assert "liegt auf einem anderen Server als die Drucksache" in record.error
    assert not CouncilStep.objects.exists()


def test_the_lead_imports_through_the_page(
    council_server, concept, lead, client_for, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    page = reverse("concepts:oparl_import", kwargs={"ags": "05913000"})
    assert client.get(page).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page, {"source_url": f"{council_server.base}/paper/1", "concept": concept.pk})
    record = OParlImport.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    shown = client.get(record.get_absolute_url()).content.decode()
    assert "Der Import ist abgeschlossen: 3 Schritte geändert." in shown
    assert "Ausschuss für Soziales, Arbeit und Gesundheit" in shown
    refused = client.post(page, {"source_url": "ftp://ratsinfo.example.de/paper/1", "concept": concept.pk})
    assert "ist keine http- oder https-Adresse" in refused.content.decode() or "gültige URL" in refused.content.decode()


def test_only_the_lead_of_the_municipality_imports(concept, client_for, editor, bochum):
    page = reverse("concepts:oparl_import", kwargs={"ags": "05913000"})
    assert client_for(editor).get(page).status_code == 403
    assert client_for(user_with_role("lead", bochum)).get(page).status_code == 404


def test_a_body_address_lists_its_papers_about_integration(council_server, concept, lead, client_for):
    record = _import(concept, f"{council_server.base}/body/1", lead)
    assert record.status == OParlImport.Status.DONE, record.error
    assert record.candidates == [
        {"url": f"{council_server.base}/paper/1", "name": "Integrationskonzept 2023", "reference": "1234/2014",
         "date": "2014-04-04"},
        {"url": f"{council_server.base}/paper/3", "name": "Fortschreibung Integrationskonzept", "reference": "77/2019",
         "date": "2019-03-21"},
    ]  # fmt: skip
    assert not CouncilStep.objects.exists()
    shown = client_for(lead).get(record.get_absolute_url()).content.decode()
    assert "Das Ratsinformationssystem nennt 2 Drucksachen zur Integration." in shown
    assert "Bebauungsplan" not in shown
    council_server.documents["/body/1/papers"] = {
        "data": [{"type": "https://schema.oparl.org/1.1/Paper", "id": "x", "name": "Haushalt"}],
        "links": {},
    }
    nothing = _import(concept, f"{council_server.base}/body/1", lead)
    assert nothing.status == OParlImport.Status.FAILED
    assert nothing.error == "Das Ratsinformationssystem nennt keine Drucksache zur Integration."
