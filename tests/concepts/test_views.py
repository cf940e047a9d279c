from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from concepts.models import CouncilStep, IntegrationConcept
from kiz.concurrency import STALE_MESSAGE
from tests.concepts.factories import ConceptFactory, CouncilStepFactory, WorkPlanItemFactory, full_concept

pytestmark = pytest.mark.django_db


def _one_page_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


PDF = _one_page_pdf()


def url(name, concept=None, **kwargs):
    if concept is not None:
        kwargs.setdefault("ags", concept.municipality.ags)
        kwargs.setdefault("number", concept.number)
    return reverse(f"concepts:{name}", kwargs=kwargs)


def concept_form_data(**overrides):
    data = {
        "title": "Integrationskonzept Dortmund 2026",
        "based_on": "Masterplan Migration/Integration",
        "plan_start": "2026-01-01",
        "education_text": "Sprachbildung",
        "cross_cutting_text": "Querschnitt",
        "anchoring_text": "Fachbereich I / Geschäftsbereich III",
        "priorities_start_year": "2026",
        "priorities_text": "Übergang Schule–Beruf",
        "fields_of_action": ["bildung", "gesundheit"],
        "education_stages": ["uebergang"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def bochum_concept(bochum):
    concept = full_concept(bochum, title="Bochumer Geheimkonzept")
    CouncilStepFactory(municipality=bochum, concept=concept, title="Bochumer Ratssitzung")
    return concept


# --- isolation -------------------------------------------------------------------------------------------------


def test_bochum_never_appears_and_its_urls_answer_404(client_for, editor, dortmund, bochum_concept):
    mine = full_concept(dortmund)
    CouncilStepFactory(municipality=dortmund, concept=mine, title="Dortmunder Integrationsrat")
    client = client_for(editor)
    page = client.get(url("municipality", ags="05913000")).content.decode()
    assert "Dortmunder Integrationsrat" in page
    assert "Bochum" not in page
    step = bochum_concept.council_steps.get()
    item = bochum_concept.work_plan.first()
    bochum_urls = [
        url("municipality", ags="05911000"),
        url("create", ags="05911000"),
        url("compare", ags="05911000"),
        url("timeline", ags="05911000"),
        url("step_create", ags="05911000"),
        url("step_edit", ags="05911000", pk=step.pk),
        url("step_delete", ags="05911000", pk=step.pk),
        url("detail", bochum_concept),
        url("edit", bochum_concept),
        url("resolution", bochum_concept),
        url("document", bochum_concept),
        url("document_download", bochum_concept),
        url("item_create", bochum_concept),
        url("item_edit", bochum_concept, pk=item.pk),
        url("item_delete", bochum_concept, pk=item.pk),
    ]
    for target in bochum_urls:
        assert client.get(target).status_code == 404, target
        assert client.post(target, {}).status_code == 404, target
    assert client.post(url("new_version", bochum_concept)).status_code == 404
    # a Dortmund URL with a Bochum work plan item or step answers 404 as well
    assert client.get(url("step_edit", ags="05913000", pk=step.pk)).status_code == 404
    assert IntegrationConcept.objects.filter(municipality__ags="05911000").count() == 1


def test_state_wide_list_for_coordination_only(client_for, coordination, editor, dortmund, bochum_concept):
    full_concept(dortmund, resolution_date=date(2019, 5, 16))
    page = client_for(coordination).get(url("overview")).content.decode()
    assert "Dortmund" in page and "Bochum" in page
    assert "16.05.2019" in page and "zu alt" in page
    assert "21.03.2024" in page  # Bochum's resolution
    assert client_for(editor).get(url("overview")).status_code == 403


# --- roles -----------------------------------------------------------------------------------------------------


def test_council_member_reads_but_cannot_edit(client_for, council, dortmund):
    concept = full_concept(dortmund)
    step = CouncilStepFactory(municipality=dortmund, concept=concept)
    client = client_for(council)
    page = client.get(url("detail", concept)).content.decode()
    assert concept.education_text in page
    for label in ("Abschnitte bearbeiten", "Ratsbeschluss erfassen", "Neue Fassung", "Ziel hinzufügen", "hochladen"):
        assert label not in page
    timeline = client.get(url("timeline", ags=dortmund.ags)).content.decode()
    assert step.title in timeline and "Schritt planen" not in timeline
    forbidden = [
        url("edit", concept),
        url("new_version", concept),
        url("resolution", concept),
        url("document", concept),
        url("item_create", concept),
        url("create", ags=dortmund.ags),
        url("step_create", ags=dortmund.ags),
        url("step_edit", ags=dortmund.ags, pk=step.pk),
        url("step_delete", ags=dortmund.ags, pk=step.pk),
    ]
    for target in forbidden:
        assert client.post(target, concept_form_data()).status_code == 403, target
    concept.refresh_from_db()
    assert concept.title != "Integrationskonzept Dortmund 2026"
    assert CouncilStep.objects.filter(pk=step.pk).exists()


def test_only_the_lead_records_the_resolution(client_for, editor, dortmund):
    concept = full_concept(dortmund, factory_class=ConceptFactory)
    assert client_for(editor).get(url("resolution", concept)).status_code == 403


def test_authority_reads_but_cannot_edit(client_for, authority, dortmund):
    concept = full_concept(dortmund)
    client = client_for(authority)
    assert client.get(url("detail", concept)).status_code == 200
    assert client.post(url("new_version", concept)).status_code == 403


# --- writing a concept -----------------------------------------------------------------------------------------


def test_editor_writes_a_concept(client_for, editor, dortmund):
    client = client_for(editor)
    response = client.post(url("create", ags=dortmund.ags), concept_form_data())
    concept = IntegrationConcept.objects.get(municipality=dortmund)
    assert response.url == concept.get_absolute_url()
    assert (concept.number, concept.status, concept.created_by) == (1, "draft", editor)
    assert concept.fields_of_action == ["bildung", "gesundheit"]
    response = client.post(
        url("item_create", concept),
        {
            "theme": "bildung",
            "goal": "Sprachbildung",
            "measures": "Fortbildung",
            "responsible_unit": "Team Bildung",
            "target_date": "2026-06-30",
        },
    )
    assert response.status_code == 302
    page = client.get(url("detail", concept)).content.decode()
    assert "Sprachbildung" in page
    assert "Integration als kommunale Querschnittsaufgabe" in page
    assert "hat keinen Arbeitsplan" in page  # the check of this version
    assert "Erstellt: Sprachbildung" in page  # the work plan's change log


def test_municipality_page_offers_the_next_version_to_editors_only(client_for, editor, council, dortmund):
    adopted = full_concept(dortmund)
    start = url("new_version", adopted)
    page = client_for(editor).get(url("municipality", ags=dortmund.ags)).content.decode()
    assert f'action="{start}"' in page
    assert f"Neue Fassung auf Grundlage von Fassung {adopted.number} anlegen" in page
    assert start not in client_for(council).get(url("municipality", ags=dortmund.ags)).content.decode()
    response = client_for(editor).post(start)
    draft = IntegrationConcept.objects.get(municipality=dortmund, status="draft")
    assert response.url == draft.get_absolute_url()
    page = client_for(editor).get(url("municipality", ags=dortmund.ags)).content.decode()
    assert start not in page  # one draft at a time: the page leads to it instead
    assert f"Am Entwurf weiterarbeiten (Fassung {draft.number})" in page


def test_editor_changes_and_removes_a_goal_of_the_work_plan(client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund, plan_start=date(2026, 1, 1))
    item = WorkPlanItemFactory(concept=concept, goal="Sprachbildung", target_date=date(2026, 6, 30))
    client = client_for(editor)
    edit = url("item_edit", concept, pk=item.pk)
    page = client.get(edit)
    assert page.status_code == 200
    assert 'value="Sprachbildung"' in page.content.decode()
    data = {
        "theme": item.theme,
        "goal": "Durchgängige Sprachbildung",
        "measures": item.measures,
        "responsible_unit": item.responsible_unit,
        "target_date": "2026-09-30",
        "expected_version": item.version,
    }
    response = client.post(edit, data)
    assert response.url == f"{concept.get_absolute_url()}#arbeitsplan"
    item.refresh_from_db()
    assert (item.goal, item.target_date) == ("Durchgängige Sprachbildung", date(2026, 9, 30))
    remove = url("item_delete", concept, pk=item.pk)
    assert "Durchgängige Sprachbildung" in client.get(remove).content.decode()
    assert client.post(remove).status_code == 302
    assert not concept.work_plan.exists()


def test_target_date_before_plan_start_is_refused(client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund, plan_start=date(2026, 1, 1))
    data = {
        "theme": "querschnitt",
        "goal": "Sprachmittlerpool",
        "measures": "Aufbau",
        "responsible_unit": "Team Querschnitt",
        "target_date": "2025-12-31",
    }
    response = client_for(editor).post(url("item_create", concept), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["target_date"] == [
        "Der Zieltermin darf nicht vor dem Beginn des Arbeitsplans (01.01.2026) liegen."
    ]
    page = response.content.decode()
    assert 'value="Sprachmittlerpool"' in page  # nothing typed is lost
    assert concept.work_plan.count() == 0


@pytest.mark.parametrize("year", ["-5", "1999", "99999"])
def test_priorities_year_out_of_range_names_the_allowed_years(client_for, editor, dortmund, year):
    concept = ConceptFactory(municipality=dortmund)
    data = concept_form_data(priorities_start_year=year, expected_version=concept.version)
    response = client_for(editor).post(url("edit", concept), data)
    assert response.status_code == 200
    assert response.context["form"].errors["priorities_start_year"] == [
        "Bitte geben Sie ein Jahr zwischen 2000 und 2100 an."
    ]
    assert f'value="{year}"' in response.content.decode()


def test_stale_form_keeps_the_input_and_says_why(client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund)
    loaded_version = concept.version
    concept.title = "Von einer Kollegin geändert"
    concept.version += 1
    concept.save()
    data = concept_form_data(title="Meine Fassung des Titels", expected_version=loaded_version)
    response = client_for(editor).post(url("edit", concept), data)
    assert response.status_code == 200
    assert str(STALE_MESSAGE) in [str(e) for e in response.context["form"].non_field_errors()]
    page = response.content.decode()
    assert "error-summary" in page
    assert 'value="Meine Fassung des Titels"' in page
    concept.refresh_from_db()
    assert concept.title == "Von einer Kollegin geändert"


def test_lead_records_resolution_and_concept_becomes_adopted(client_for, lead, dortmund):
    old = full_concept(dortmund, resolution_date=date(2020, 2, 1))
    client = client_for(lead)
    client.post(url("new_version", old))
    draft = IntegrationConcept.objects.get(municipality=dortmund, number=2)
    response = client.post(
        url("resolution", draft),
        {
            "resolution_body": "rat",
            "resolution_date": "2025-09-18",
            "resolution_paper": "12345-25",
            "resolution_outcome": "adopted",
            "expected_version": draft.version,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    old.refresh_from_db()
    assert (draft.status, draft.adopted_on, draft.resolution_paper) == ("adopted", date(2025, 9, 18), "12345-25")
    assert (old.status, old.superseded_on) == ("superseded", date(2025, 9, 18))


def test_resolution_in_the_future_is_refused(client_for, lead, dortmund):
    draft = ConceptFactory(municipality=dortmund)
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for(lead).post(
        url("resolution", draft),
        {
            "resolution_body": "rat",
            "resolution_date": tomorrow.isoformat(),
            "resolution_paper": "999-26",
            "resolution_outcome": "adopted",
            "expected_version": draft.version,
        },
    )
    assert response.context["form"].errors["resolution_date"] == [
        "Das Datum des Beschlusses darf nicht in der Zukunft liegen."
    ]
    assert 'value="999-26"' in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_compare_marks_changes_per_section(client_for, editor, dortmund):
    first = full_concept(dortmund, anchoring_text="Stabsstelle im Dezernat 5")
    client = client_for(editor)
    client.post(url("new_version", first))
    second = IntegrationConcept.objects.get(municipality=dortmund, number=2)
    second.anchoring_text = "Stabsstelle im Dezernat 3"
    second.save()
    page = client.get(url("compare", ags=dortmund.ags) + "?alt=1&neu=2").content.decode()
    assert '<del class="kiz-diff__del"><span class="kiz-diff__label">[entfernt:</span> 5' in page
    assert '<ins class="kiz-diff__ins"><span class="kiz-diff__label">[eingefügt:</span> 3' in page
    assert "Integration durch Bildung – unverändert" in page


# --- upload ----------------------------------------------------------------------------------------------------


def test_pdf_upload_and_download(client_for, editor, council, bochum_editor, dortmund):
    concept = full_concept(dortmund)
    upload = SimpleUploadedFile("beschluss.pdf", PDF, content_type="application/pdf")
    response = client_for(editor).post(
        url("document", concept), {"document": upload, "expected_version": concept.version}
    )
    assert response.status_code == 302
    concept.refresh_from_db()
    assert concept.document_name == "beschluss.pdf"
    assert concept.document.name.startswith("concepts/05913000/")
    download = client_for(council).get(url("document_download", concept))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF
    assert client_for(bochum_editor).get(url("document_download", concept)).status_code == 404


def test_upload_checks_content_not_name(client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund)
    fake = SimpleUploadedFile("konzept.pdf", b"PK\x03\x04 this is a zip", content_type="application/pdf")
    response = client_for(editor).post(
        url("document", concept), {"document": fake, "expected_version": concept.version}
    )
    assert response.context["form"].errors["document"] == [
        "Die Datei ist kein PDF-Dokument. Bitte laden Sie das Dokument als PDF hoch."
    ]
    concept.refresh_from_db()
    assert not concept.document


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4<html><script>alert(document.cookie)</script></html>",
        b"%PDF-1.4\n%%EOF\n",
        PDF[: len(PDF) // 2],  # cut off: no cross-reference table
    ],
)
def test_a_file_that_only_starts_like_a_pdf_is_refused(content, client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund)
    fake = SimpleUploadedFile("beschluss.pdf", content, content_type="application/pdf")
    response = client_for(editor).post(
        url("document", concept), {"document": fake, "expected_version": concept.version}
    )
    assert response.context["form"].errors["document"] == [
        "Die Datei ist kein PDF-Dokument. Bitte laden Sie das Dokument als PDF hoch."
    ]
    concept.refresh_from_db()
    assert not concept.document


def test_upload_over_the_limit_is_refused(client_for, editor, dortmund, settings):
    settings.CONCEPT_UPLOAD_MAX_BYTES = 1024
    concept = ConceptFactory(municipality=dortmund)
    big = SimpleUploadedFile("gross.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = client_for(editor).post(url("document", concept), {"document": big, "expected_version": concept.version})
    assert response.context["form"].errors["document"] == ["Die Datei ist 0,0 MB groß; erlaubt sind höchstens 0,0 MB."]
    concept.refresh_from_db()
    assert not concept.document


# --- council process -------------------------------------------------------------------------------------------


def test_timeline_marks_done_upcoming_and_overdue(client_for, council, dortmund):
    today = timezone.localdate()
    CouncilStepFactory(
        municipality=dortmund, title="Erledigt", planned_date=date(2024, 1, 1), actual_date=date(2024, 1, 2)
    )
    CouncilStepFactory(municipality=dortmund, title="Überfällig", planned_date=today - timedelta(days=1))
    CouncilStepFactory(municipality=dortmund, title="Anstehend", planned_date=today + timedelta(days=10))
    response = client_for(council).get(url("timeline", ags=dortmund.ags))
    states = [(entry.step.title, entry.state_label) for entry in response.context["timeline"]]
    assert states == [("Erledigt", "erledigt"), ("Überfällig", "überfällig"), ("Anstehend", "anstehend")]
    page = response.content.decode()
    assert '<ol class="kiz-timeline">' in page
    assert page.index("Erledigt") < page.index("Überfällig") < page.index("Anstehend")


def test_editor_plans_a_step(client_for, editor, dortmund):
    concept = ConceptFactory(municipality=dortmund)
    response = client_for(editor).post(
        url("step_create", ags=dortmund.ags),
        {
            "title": "Beratung im Integrationsrat",
            "concept": concept.pk,
            "body": "integrationsrat",
            "kind": "beratung",
            "planned_date": "2026-12-08",
        },
    )
    assert response.status_code == 302
    step = CouncilStep.objects.get(municipality=dortmund)
    assert (step.title, step.concept, step.actual_date) == ("Beratung im Integrationsrat", concept, None)


def test_decision_that_took_place_needs_an_outcome(client_for, editor, dortmund):
    response = client_for(editor).post(
        url("step_create", ags=dortmund.ags),
        {
            "title": "Ratsbeschluss",
            "body": "rat",
            "kind": "beschluss",
            "planned_date": "2025-06-01",
            "actual_date": "2025-06-01",
        },
    )
    assert response.context["form"].errors["outcome"] == ["Bitte erfassen Sie das Ergebnis der Beschlussfassung."]
    assert not CouncilStep.objects.exists()
