"""Interim interest (§ 49a Abs. 4 VwVfG NRW): money not used within two months of payout, charged or waived."""

import io
from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse
from pypdf import PdfReader

from funding.interest.calculation import Use, interim_interest, total_interest
from funding.interest.services import base_rates
from funding.models import ProofOfUse, ProofState
from funding.proofs.services import proof_move
from reporting import pdf
from reporting.contents import build_proof_of_use
from reporting.models import ReportDocument, ReportKind
from reporting.registry import get

from .test_proof_of_use import fill, paid_twice, proof  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_30000_paid_on_15_march_and_used_on_14_june():
    """Base rate 01.01.–30.06.2024: 3,62 %; interest rate 3,62 + 3 = 6,62 %.

    Days after the payout up to and including the day of use: 16 (March) + 30 + 31 + 14 = 91.
    30.000 € × 6,62 % × 91/365 = 1.986 € × 91/365 = 495,139… € → 495,14 €.
    """
    (calc,) = interim_interest(uses=[Use(date(2024, 3, 15), D("30000.00"), date(2024, 6, 14))], base_rates=base_rates())
    assert [(p.first_day, p.last_day, p.days, p.rate, p.amount) for p in calc.periods] == [
        (date(2024, 3, 16), date(2024, 6, 14), 91, D("6.62"), D("495.14"))
    ]
    assert total_interest([calc]) == D("495.14")


def test_money_used_within_two_months_carries_no_interim_interest():
    uses = [
        Use(date(2024, 3, 15), D("30000.00"), date(2024, 5, 15)),  # exactly two months: in time
        Use(date(2024, 12, 31), D("1000.00"), date(2025, 2, 28)),  # the end of February is two months on
    ]
    assert interim_interest(uses=uses, base_rates=base_rates()) == []
    late = interim_interest(uses=[Use(date(2024, 3, 15), D("30000.00"), date(2024, 5, 16))], base_rates=base_rates())
    assert late[0].days == 62  # 16 + 30 + 16 days


def _check_data(checked, **extra):
    paid = {c.paid_on: c.pk for c in checked.application.call_offs.all()}
    return {
        f"payout_{paid[date(2014, 3, 28)]}": "2014-03-28",
        f"payout_{paid[date(2014, 11, 15)]}": "2014-11-15",
        f"used_{paid[date(2014, 3, 28)]}": "2014-06-30",
        "repaid_on": "2015-03-15",
        "repayment_due_on": "2015-04-15",
        "note": "",
        "expected_version": checked.version,
        **extra,
    }


def test_authority_waives_part_of_the_interim_interest_with_a_reason(client_for, lead, authority, proof):  # noqa: F811
    """100.000 € paid out on 28.03.2014, used on 30.06.2014 (more than two months later): 3 + 30 + 31 + 30 = 94
    days at −0,63 % + 3 = 2,37 %: 100.000 € × 2,37 % × 94/365 = 2.370 € × 94/365 = 610,356… € → 610,36 €."""
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    proof.refresh_from_db()
    client = client_for(authority)
    url = reverse("funding:proof_check", kwargs={"pk": proof.pk})
    page = client.post(url, _check_data(proof, action="preview")).content.decode()
    assert "Zwischenzinsen: 610,36\u00a0€" in page
    assert "29.03.2014 – 30.06.2014" in page and "2,37 %" in page
    no_reason = client.post(url, _check_data(proof, action="record", interim_waived="300,00")).content.decode()
    assert "Bitte begründen Sie den Verzicht auf die Zwischenzinsen." in no_reason
    too_much = _check_data(proof, action="record", interim_waived="700,00", interim_reason="x")
    assert "höchstens die Zwischenzinsen von 610,36\u00a0€" in client.post(url, too_much).content.decode()
    assert ProofOfUse.objects.get(pk=proof.pk).state == ProofState.IN_REVIEW
    reason = "Verzögerte Stellenbesetzung, von der Kommune nicht zu vertreten."
    response = client.post(url, _check_data(proof, action="record", interim_waived="300,00", interim_reason=reason))
    assert response.status_code == 302
    proof.refresh_from_db()
    assert proof.state == ProofState.CHECKED
    assert (proof.interim_interest_amount, proof.interim_interest_waived) == (D("610.36"), D("300.00"))
    assert proof.interim_interest_charged == D("610.36") - D("300.00")  # 310,36 €
    assert proof.interim_waiver_reason == reason
    assert proof.interest_amount == D("72.60")  # the repayment interest as before
    page = client.get(proof.get_absolute_url()).content.decode()
    assert "610,36\u00a0€, davon 300,00\u00a0€ erlassen" in page and "310,36\u00a0€" in page and reason in page
    # the repayment notice (the proof-of-use PDF with the result of the check) shows both
    document = ReportDocument(kind=ReportKind.PROOF_OF_USE, municipality=proof.municipality, subject_id=proof.pk)
    content = build_proof_of_use(document)
    rendered = pdf.render_pdf(
        get(ReportKind.PROOF_OF_USE).template, content.context, title=content.title, author="A", as_of=content.as_of
    )
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered.content)).pages)
    assert "Zwischenzinsen (§ 49a Abs. 4 VwVfG NRW)" in text and "610,36\u00a0€" in text
    assert "Erlassene Zwischenzinsen" in text and "300,00\u00a0€" in text
    assert "Erhobene Zwischenzinsen" in text and "310,36\u00a0€" in text
    assert "72,60\u00a0€" in text  # the repayment interest
    assert "Verzögerte Stellenbesetzung" in text
