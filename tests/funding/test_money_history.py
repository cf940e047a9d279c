"""The change history covers every figure that changes money, named as the page names it: the amounts
requested for extra items (the interpreter pool) and the actual amounts and months of a proof of use."""

from decimal import Decimal as D

import pytest
from django.utils.html import strip_tags

from funding.models import ProofLine
from funding.proofs.services import proof_create

pytestmark = pytest.mark.django_db


def _history_text(client, url) -> str:
    page = client.get(url).content.decode()
    return " ".join(strip_tags(page[page.index("Änderungsverlauf") :]).split())


def test_the_interpreter_pool_amount_is_in_the_application_history(granted_2024, lead, client_for):
    item = granted_2024.items.get()
    item.amount = D("25000.00")
    item.save()
    text = _history_text(client_for(lead), granted_2024.get_absolute_url())
    assert "Laiensprachmittlerpool: – → 30.000,00" in text
    assert "Laiensprachmittlerpool: 30.000,00 → 25.000,00" in text


def test_the_application_history_uses_the_page_labels(ready, lead, client_for):
    ready.requested_grant = D("150000.00")
    ready.save()
    text = _history_text(client_for(lead), ready.get_absolute_url())
    assert "Beantragte Zuwendung: – → 150.000,00" in text


def test_the_actual_amounts_and_months_are_in_the_proof_history(granted, editor, client_for):
    proof = proof_create(application=granted, year=2014, user=editor)
    line = ProofLine.objects.get(proof=proof, label="Pädagogische Fachkraft (MIA-DO)")
    line.actual = D("58000.00")
    line.save(update_fields=["actual"])
    line.months = 10
    line.save(update_fields=["months"])
    text = _history_text(client_for(editor), proof.get_absolute_url())
    assert "Pädagogische Fachkraft (MIA-DO): – → 58.000,00" in text
    assert "Pädagogische Fachkraft (MIA-DO): Monate besetzt: 12 → 10" in text
