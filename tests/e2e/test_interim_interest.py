"""Journey of the authority's check with interim interest (§ 49a Abs. 4 VwVfG NRW): money paid out on 28.03.2014
was used only on 30.06.2014; the authority computes the interim interest, waives part of it with a reason, records
the check, and the repayment notice (the proof-of-use PDF with the result of the check) shows both. Every page
passes axe-core."""

import io
from datetime import date
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from playwright.sync_api import expect
from pypdf import PdfReader

from funding.models import ProofOfUse, ProofState
from funding.proofs.services import proof_create, proof_move
from tests.e2e.conftest import expect_accessible, login
from tests.factories import PASSWORD, MunicipalityFactory, user_with_role
from tests.funding.conftest import load_editions
from tests.funding.factories import application_for, concepts_every_three_years, dortmund_2012_plan
from tests.funding.money_fixtures import call_off, grant
from tests.funding.test_proof_of_use import fill

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def proof_in_review(db):
    load_editions()  # transactional tests start from an empty database
    import_module("funding.migrations.0004_base_rates").load(apps, None)
    dortmund = MunicipalityFactory(name="Dortmund", ags="05913000")
    concepts_every_three_years(dortmund)
    dortmund_2012_plan(dortmund, 2014)
    editor = user_with_role("editor", dortmund, username="redaktion.dortmund")
    lead = user_with_role("lead", dortmund, username="leitung.dortmund")
    authority = user_with_role("authority", username="bewilligung")
    granted = grant(application_for(dortmund, 2014), authority, Decimal("165000.00"))
    first = call_off(granted, lead, "100000.00", paid=date(2014, 3, 28))
    call_off(granted, lead, "65000.00", requested_on=date(2014, 11, 1), paid=date(2014, 11, 15))
    proof = fill(proof_create(application=granted, year=2014, user=editor))
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    return proof, first


def test_authority_waives_part_of_the_interim_interest_and_the_pdf_shows_both(page, proof_in_review):
    proof, first = proof_in_review
    login(page, "bewilligung", PASSWORD)
    page.goto(proof.get_absolute_url())
    page.get_by_role("link", name="Prüfung erfassen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verwendungsnachweis prüfen")
    page.get_by_label("Rückzahlung am").fill("2015-03-15")
    page.get_by_label("Rückzahlung fällig am").fill("2015-04-15")
    page.locator(f"#id_used_{first.pk}").fill("2014-06-30")
    page.get_by_role("button", name="Zinsen berechnen").click()
    # 100.000 € from 28.03. to 30.06.2014: 94 days at −0,63 % + 3 = 2,37 %: 2.370 € × 94/365 = 610,36 €
    interim = page.locator("#interim-interest")
    expect(interim).to_contain_text("Zwischenzinsen: 610,36 €")
    expect(interim).to_contain_text("29.03.2014 – 30.06.2014")
    expect(page.locator("#interest")).to_contain_text("Zinsen: 72,60 €")  # the repayment interest beside it
    expect_accessible(page, "interim-check-computed")

    page.get_by_label("Erlassene Zwischenzinsen").fill("300,00")
    page.get_by_role("button", name="Prüfung erfassen").click()
    expect(page.locator("#error-summary")).to_contain_text("Bitte begründen Sie den Verzicht")
    expect(page.get_by_label("Erlassene Zwischenzinsen")).to_have_value("300,00")
    expect_accessible(page, "interim-check-reason-missing")
    page.get_by_label("Begründung des Verzichts").fill("Verzögerte Stellenbesetzung, nicht zu vertreten.")
    page.get_by_role("button", name="Prüfung erfassen").click()
    expect(page.get_by_role("status").first).to_contain_text("Die Prüfung wurde erfasst.")
    result = page.locator("#check-result")
    expect(result).to_contain_text("610,36 €, davon 300,00 € erlassen")
    expect(result).to_contain_text("310,36 €")
    expect(result).to_contain_text("Verzögerte Stellenbesetzung, nicht zu vertreten.")
    expect(result).to_contain_text("72,60 €")
    expect_accessible(page, "interim-proof-checked")
    checked = ProofOfUse.objects.get(pk=proof.pk)
    assert (checked.interim_interest_amount, checked.interim_interest_waived) == (
        Decimal("610.36"),
        Decimal("300.00"),
    )

    page.get_by_role("button", name="Als PDF erzeugen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Bericht ist fertig.")
    expect_accessible(page, "interim-pdf-ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF herunterladen").click()
    with open(download_info.value.path(), "rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    assert "Zwischenzinsen (§ 49a Abs. 4 VwVfG NRW)" in text and "610,36\u00a0€" in text
    assert "Erlassene Zwischenzinsen" in text and "300,00\u00a0€" in text
    assert "Erhobene Zwischenzinsen" in text and "310,36\u00a0€" in text
    assert "Verzögerte Stellenbesetzung" in text
    assert "72,60\u00a0€" in text
