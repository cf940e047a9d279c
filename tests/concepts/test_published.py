"""The integration council reads the adopted concept, not the draft versions nor their uploaded documents."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from concepts.models import IntegrationConcept
from concepts.services import concept_new_version
from kiz import policy
from tests.concepts.factories import full_concept

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture
def versions(dortmund, lead):
    """Version 1 adopted (with its document), version 2 a draft with a document of its own."""
    adopted = full_concept(dortmund, title="Beschlossenes Konzept")
    adopted.document.save("beschluss.pdf", ContentFile(PDF))
    draft = concept_new_version(concept=adopted, user=lead)
    draft.title = "Entwurf in Arbeit"
    draft.document.save("entwurf.pdf", ContentFile(PDF + b"% draft"))
    return adopted, draft


def detail(concept, suffix=""):
    return reverse(f"concepts:{suffix or 'detail'}", kwargs={"ags": concept.municipality.ags, "number": concept.number})


def test_council_sees_the_adopted_version_and_not_the_draft(client_for, council, versions):
    adopted, draft = versions
    client = client_for(council)
    assert client.get(detail(draft)).status_code == 404
    assert client.get(detail(draft, "document_download")).status_code == 404
    page = client.get(detail(adopted)).content.decode()
    assert "Beschlossenes Konzept" in page and "Entwurf in Arbeit" not in page
    assert b"".join(client.get(detail(adopted, "document_download")).streaming_content) == PDF
    listing = client.get(reverse("concepts:municipality", kwargs={"ags": "05913000"})).content.decode()
    assert "Beschlossenes Konzept" in listing
    assert "Entwurf in Arbeit" not in listing and "Fassung 2" not in listing
    home = client.get(reverse("home")).content.decode()
    assert "Gültig: Fassung 1" in home and "Fassung 2 ist in Bearbeitung" not in home


def test_those_who_prepare_it_see_the_draft(client_for, editor, coordination, versions):
    _adopted, draft = versions
    for user in (editor, coordination):
        page = client_for(user).get(detail(draft)).content.decode()
        assert "Entwurf in Arbeit" in page
    assert b"".join(client_for(editor).get(detail(draft, "document_download")).streaming_content) == PDF + b"% draft"
    assert "Fassung 2 ist in Bearbeitung" in client_for(editor).get(reverse("home")).content.decode()


def test_council_of_another_municipality_sees_nothing(client_for, bochum, versions):
    from tests.factories import user_with_role

    adopted, _draft = versions
    bochum_council = user_with_role("council", bochum)
    client = client_for(bochum_council)
    assert client.get(detail(adopted)).status_code == 404
    assert client.get(detail(adopted, "document_download")).status_code == 404
    assert client.get(reverse("concepts:municipality", kwargs={"ags": "05913000"})).status_code == 404


def test_published_is_one_rule_for_objects_and_querysets(dortmund, council, versions):
    adopted, draft = versions
    assert policy.published(adopted) and not policy.published(draft)
    assert list(policy.published(IntegrationConcept.objects.all())) == [adopted]
    assert list(IntegrationConcept.objects.for_user(council)) == [adopted]
    items = draft.work_plan.model.objects.for_user(council)
    assert set(items.values_list("concept_id", flat=True)) == {adopted.pk}
    assert policy.published(draft.work_plan.first()) is False
