"""The OParl 1.1 endpoint: walked from the System object, every object validated against the official JSON
Schemas (../shared/oparl/schema/), every referenced URL answering an object of the referenced type, no drafts."""

import hashlib
import json
import re
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from concepts.models import CouncilStep, IntegrationConcept
from tests.concepts.factories import AdoptedConceptFactory, ConceptFactory, CouncilStepFactory
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

# The shared folder lies beside the checkout (../shared/ in CI); a work tree may sit one level deeper.
SCHEMAS = next(
    (p / "shared" / "oparl" / "schema" for p in Path(settings.BASE_DIR).parents if (p / "shared" / "oparl").is_dir()),
    Path(settings.BASE_DIR).parent / "shared" / "oparl" / "schema",
)
OPARL = "https://schema.oparl.org/1.1/"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"

FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("url", raises=ValueError)
def _url(value):
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(value)
    return True


@FORMATS.checks("date", raises=ValueError)
def _date(value):
    date.fromisoformat(value)
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value):
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None or "T" not in value:
        raise ValueError(value)
    return True


def _schema(name):
    return json.loads((SCHEMAS / f"{name}.json").read_text())


class Walker:
    """Fetches every URL once, validates every object (embedded ones included) and follows the references."""

    def __init__(self, client):
        self.client = client
        self.seen = {}
        self.objects = []

    def get(self, url):
        if url not in self.seen:
            response = self.client.get(urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""))
            assert response.status_code == 200, (url, response.status_code)
            assert response["Content-Type"].startswith("application/json"), url
            self.seen[url] = response.json()
        return self.seen[url]

    def object(self, url, expected_type):
        data = self.get(url)
        assert data["type"] == f"{OPARL}{expected_type}", (url, data["type"], expected_type)
        assert data["id"] == url
        self.check(data, expected_type)

    def check(self, data, name):
        if any(o is data for o in self.objects):
            return
        self.objects.append(data)
        schema = _schema(name)
        jsonschema.validate(data, schema, format_checker=FORMATS)
        for key, spec in schema["properties"].items():
            if key in data:
                self.follow(data[key], spec)

    def follow(self, value, spec):
        target = spec.get("references")
        if target == "externalList":
            self.walk_list(value, spec["items"]["schema"].removesuffix(".json"))
        elif target:
            for url in value if isinstance(value, list) else [value]:
                self.object(url, target)
        elif spec.get("type") == "object" and "schema" in spec:
            self.check(value, spec["schema"].removesuffix(".json"))
        elif spec.get("type") == "array" and "schema" in spec.get("items", {}):
            for item in value:
                self.check(item, spec["items"]["schema"].removesuffix(".json"))

    def walk_list(self, url, name):
        while url:
            page = self.get(url)
            assert set(page) >= {"data", "pagination", "links"}, url
            for item in page["data"]:
                self.check(item, name)
                self.object(item["id"], name)
            url = page["links"].get("next")


@pytest.fixture
def published(dortmund, bochum):
    old = AdoptedConceptFactory(
        municipality=dortmund,
        status=IntegrationConcept.Status.SUPERSEDED,
        resolution_date=date(2019, 3, 21),
        superseded_on=date(2023, 3, 1),
        title="Integrationskonzept Dortmund 2019",
    )
    adopted = AdoptedConceptFactory(municipality=dortmund, resolution_date=date(2023, 3, 1), title="Konzept 2023")
    adopted.document.save("konzept.pdf", ContentFile(PDF), save=False)
    adopted.document_name = "Integrationskonzept-2023.pdf"
    adopted.save()
    draft = ConceptFactory(municipality=dortmund, title="Geheimer Entwurf der Fortschreibung")
    for n, (body, name, kind) in enumerate(
        [
            (CouncilStep.Body.INTEGRATION_COUNCIL, "", CouncilStep.Kind.CONSULTATION),
            (
                CouncilStep.Body.COMMITTEE,
                "Ausschuss für Soziales, Arbeit und Gesundheit",
                CouncilStep.Kind.CONSULTATION,
            ),
            (CouncilStep.Body.COUNCIL, "", CouncilStep.Kind.DECISION),
        ]
    ):
        CouncilStepFactory(
            municipality=dortmund,
            concept=adopted,
            body=body,
            body_name=name,
            kind=kind,
            title=f"Integrationskonzept 2023, Beratung {n + 1}",
            planned_date=date(2023, 1, 10 + n),
            actual_date=date(2023, 1, 10 + n),
            outcome=CouncilStep.Outcome.ADOPTED
            if kind == CouncilStep.Kind.DECISION
            else CouncilStep.Outcome.RECOMMENDED,
        )
    old_step = CouncilStepFactory(
        municipality=dortmund, concept=old, title="Beschluss 2019", planned_date=date(2019, 3, 21)
    )
    # the version of 2019 was last changed in 2019 (its audit history says so)
    long_ago = timezone.make_aware(datetime(2019, 3, 22, 9, 0))
    IntegrationConcept.history.filter(id=old.pk).update(history_date=long_ago)
    CouncilStep.history.filter(id=old_step.pk).update(history_date=long_ago)
    CouncilStepFactory(municipality=dortmund, concept=draft, title="Geheime Vorberatung des Entwurfs")
    CouncilStepFactory(municipality=dortmund, concept=None, title="Geheimer Schritt ohne Konzept")
    bochum_draft = ConceptFactory(municipality=bochum, title="Geheimer Entwurf Bochum")
    CouncilStepFactory(municipality=bochum, concept=bochum_draft, title="Geheime Beratung Bochum")
    MunicipalityFactory(name="Kreis Lippe", ags="05766000", kind="kreis", district="detmold")
    return adopted, old, draft


def test_walk_the_whole_endpoint_from_the_system_object(client, published):
    adopted, old, draft = published
    walker = Walker(client)
    walker.object("http://testserver/oparl/v1/", "System")
    by_type = {}
    for obj in {o["id"]: o for o in walker.objects}.values():
        by_type.setdefault(obj["type"].removeprefix(OPARL), []).append(obj)
    assert sorted({o["ags"] for o in by_type["Body"]}) == ["05766000", "05911000", "05913000"]
    papers = {o["id"]: o for o in by_type["Paper"]}
    assert sorted(p["name"] for p in papers.values()) == ["Integrationskonzept Dortmund 2019", "Konzept 2023"]
    paper = papers[f"http://testserver/oparl/v1/papers/{adopted.pk}/"]
    assert paper["reference"] == "1234/2024" and paper["date"] == "2023-03-01"
    assert [c["role"] for c in paper["consultation"]] == ["Beratung", "Beratung", "Beschluss"]
    assert [c["authoritative"] for c in paper["consultation"]] == [False, False, True]
    organizations = sorted({o["name"] for o in by_type["Organization"]})
    assert organizations == ["Ausschuss für Soziales, Arbeit und Gesundheit", "Integrationsrat", "Rat / Kreistag"]
    file = paper["mainFile"]
    assert file["mimeType"] == "application/pdf" and file["size"] == len(PDF)
    assert file["sha512Checksum"] == hashlib.sha512(PDF).hexdigest()
    assert client.get(urlsplit(file["accessUrl"]).path).getvalue() == PDF
    download = client.get(urlsplit(file["downloadUrl"]).path)
    assert download["Content-Disposition"].startswith("attachment") and download.getvalue() == PDF
    assert len(by_type["Meeting"]) == 4 and len(by_type["AgendaItem"]) == 4 and len(by_type["Consultation"]) == 4
    everything = json.dumps(walker.seen, ensure_ascii=False)
    assert "Geheim" not in everything
    assert f"/papers/{draft.pk}/" not in everything


def test_drafts_and_their_steps_answer_404(client, published):
    _adopted, _old, draft = published
    secret_step = CouncilStep.objects.get(title="Geheime Vorberatung des Entwurfs")
    assert client.get(f"/oparl/v1/papers/{draft.pk}/").status_code == 404
    for kind in ("meetings", "agenda-items", "consultations"):
        assert client.get(f"/oparl/v1/{kind}/{secret_step.pk}/").status_code == 404
    assert client.get(f"/oparl/v1/files/{draft.pk}/").status_code == 404


def test_lists_are_paged_and_filtered_by_modification_time(client, published):
    first = client.get("/oparl/v1/bodies/?limit=2").json()
    assert first["pagination"] == {"totalElements": 3, "elementsPerPage": 2, "currentPage": 1, "totalPages": 2}
    assert "next" in first["links"] and "prev" not in first["links"]
    second = client.get(urlsplit(first["links"]["next"]).path + "?" + urlsplit(first["links"]["next"]).query).json()
    assert [b["name"] for b in first["data"] + second["data"]] == ["Bochum", "Dortmund", "Kreis Lippe"]
    papers = client.get("/oparl/v1/bodies/05913000/papers/").json()
    latest = max(p["modified"] for p in papers["data"])
    assert sorted(p["modified"][:4] for p in papers["data"]) == ["2019", str(timezone.now().year)]
    recent = client.get("/oparl/v1/bodies/05913000/papers/", {"modified_since": latest}).json()
    assert [p["name"] for p in recent["data"]] == ["Konzept 2023"]
    old = client.get("/oparl/v1/bodies/05913000/papers/", {"modified_until": "2020-01-01T00:00:00+01:00"}).json()
    assert [p["name"] for p in old["data"]] == ["Integrationskonzept Dortmund 2019"]
    future = client.get("/oparl/v1/bodies/05913000/papers/", {"modified_since": "2999-01-01T00:00:00+01:00"})
    assert future.json()["data"] == [] and future.json()["pagination"]["totalElements"] == 0
    assert client.get("/oparl/v1/bodies/05913000/papers/", {"modified_since": "gestern"}).status_code == 400


def test_the_endpoint_is_public_and_read_only(client, published):
    response = client.get("/oparl/v1/")
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"
    assert response.json()["oparlVersion"] == OPARL
    assert client.post("/oparl/v1/").status_code == 405
    assert client.get("/oparl/v1/bodies/99999999/").status_code == 404
