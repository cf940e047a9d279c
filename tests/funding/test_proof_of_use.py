"""Proof of use: lines derived from the financing plan, the comparison in € and %, the grant due by financing
type, the workflow with the check (repayment and interest), roles, isolation, bad input and query counts."""

from datetime import date
from decimal import Decimal as D
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from funding.interest.calculation import Payout
from funding.models import ProofLine, ProofOfUse, ProofState, extra_item_key
from funding.proofs.rules import proof_findings
from funding.proofs.services import proof_check, proof_create, proof_move, statement_for
from funding.proofs.statement import proof_statement
from kiz.models import WorkflowEvent
from kiz.workflow import TransitionBlocked
from tests.factories import MunicipalityFactory, user_with_role

from .factories import application_for, dortmund_2012_plan, edition
from .money_fixtures import call_off, grant

ACTUALS = {
    "Pädagogische Fachkraft (MIA-DO)": (D("58000.00"), 12),
    "Pädagogische Fachkraft (Schulverwaltung)": (D("40000.00"), 12),
    "Verwaltungsfachkraft": (D("61000.00"), 12),
    "Verwaltungsassistenz": (D("15000.00"), 9),
}


@pytest.fixture
def paid_twice(granted, lead):
    """Two paid call-offs: 100.000,00 € on 28.03.2014 and 65.000,00 € on 15.11.2014."""
    call_off(granted, lead, "100000.00", paid=date(2014, 3, 28))
    call_off(granted, lead, "65000.00", requested_on=date(2014, 11, 1), paid=date(2014, 11, 15))
    return granted


def fill(proof, actuals=ACTUALS, own_funds=D("9000.00")):
    for line in proof.lines.all():
        if line.label in actuals:
            line.actual, line.months = actuals[line.label]
        else:
            line.actual = D("0.00")
        line.save()
    proof.own_funds_actual = own_funds
    proof.save()
    return proof


@pytest.fixture
def proof(paid_twice, editor):
    return fill(proof_create(application=paid_twice, year=2014, user=editor))


# --- derived lines and the comparison -----------------------------------------------------------------------


def test_lines_derive_from_the_financing_plan_with_months_from_the_staff_plan(paid_twice, editor):
    proof = proof_create(application=paid_twice, year=2014, user=editor)
    lines = [(line.kind, line.label, line.planned, line.months) for line in proof.lines.all()]
    assert lines == [
        ("post", "Pädagogische Fachkraft (MIA-DO)", D("60000.00"), 12),
        ("post", "Pädagogische Fachkraft (Schulverwaltung)", D("45000.00"), 12),
        ("post", "Verwaltungsfachkraft", D("60000.00"), 12),
        ("post", "Verwaltungsassistenz", D("22500.00"), 12),
        ("own", "Räume", D("0.00"), None),
        ("own", "Verwaltungs- und Reisekosten", D("0.00"), None),
        ("own", "Lehr- und Lernmittel", D("0.00"), None),
        ("own", "Projektmittel", D("0.00"), None),
    ]


def test_comparison_in_euro_and_percent(proof):
    statement = statement_for(proof)
    rows = [(r.line.label, r.planned, r.actual, r.percent, r.eligible) for r in statement.expenses[:4]]
    assert rows == [
        ("Pädagogische Fachkraft (MIA-DO)", D("60000.00"), D("58000.00"), D("96.67"), D("50000.00")),
        ("Pädagogische Fachkraft (Schulverwaltung)", D("45000.00"), D("40000.00"), D("88.89"), D("40000.00")),
        ("Verwaltungsfachkraft", D("60000.00"), D("61000.00"), D("101.67"), D("50000.00")),
        ("Verwaltungsassistenz", D("22500.00"), D("15000.00"), D("66.67"), D("15000.00")),
    ]
    assert (statement.planned_expenses, statement.actual_expenses, statement.expenses_percent) == (
        D("187500.00"),
        D("174000.00"),
        D("92.80"),
    )
    income = [(i.label, i.planned, i.actual, i.percent) for i in statement.income]
    assert income == [
        ("Zuwendung", D("165000.00"), D("165000.00"), D("100.00")),
        ("Eigenmittel", D("22500.00"), D("9000.00"), D("40.00")),
        ("Drittmittel", D("0.00"), D("0.00"), None),
    ]
    # 2012 edition, capped share of actual costs: min(actual, 50.000 € × FTE × months/12) per post
    assert statement.personnel_eligible == D("155000.00")
    assert statement.eligible == D("155000.00")
    assert statement.due == D("155000.00")
    assert statement.paid == D("165000.00")
    assert statement.overpayment == D("10000.00")
    assert [f.code for f in proof_findings(statement)] == ["overpayment"]


def _line(kind, key, actual, *, category="", source="landeszuschuss", fte=None, months=None, planned=D("0")):
    return SimpleNamespace(
        kind=kind,
        key=key,
        label=key,
        actual=actual,
        planned=planned,
        category=category,
        funding_source=source,
        fte=fte,
        months=months,
        pk=None,
    )


def _statement(year, lines, approved, paid, third=None):
    application = SimpleNamespace(guideline=edition(year), municipality=SimpleNamespace(kind="kreisfreie_stadt"))
    proof = SimpleNamespace(third_party_actual=third, own_funds_actual=None)
    notice = SimpleNamespace(approved_amount=approved)
    return proof_statement(proof=proof, application=application, notice=notice, lines=lines, paid=paid)


def test_fixed_amount_edition_uses_the_fixed_amounts_for_the_months_in_post(db):
    guideline = edition(2019)
    pool = extra_item_key(guideline.extra_items.get().pk)
    lines = [
        _line("post", "a", D("48000.00"), category="paed_fachkraft", fte=D("1.00"), months=12),
        _line("post", "b", D("30000.00"), category="paed_fachkraft", fte=D("1.00"), months=6),
        _line("post", "c", D("18000.00"), category="verwaltungsassistenz", fte=D("0.50"), months=12),
        _line("post", "d", D("9000.00"), category="paed_fachkraft", source="kommunal", fte=D("0.20"), months=12),
        _line("extra", pool, D("10000.00")),
    ]
    statement = _statement(2019, lines, D("110000.00"), D("110000.00"))
    assert [r.eligible for r in statement.expenses] == [
        D("50000.00"),  # fixed 50.000 € × 1,00 × 12/12, although the actual costs were lower
        D("25000.00"),  # 50.000 € × 1,00 × 6/12
        D("20000.00"),  # 40.000 € × 0,50 × 12/12
        D("0.00"),  # paid from municipal funds
        D("10000.00"),  # the pool at its actual costs, at most 50.000 €
    ]
    assert statement.eligible == D("105000.00")
    assert statement.due == D("105000.00")
    assert statement.overpayment == D("5000.00")


def test_fixed_amount_is_reduced_when_the_actual_expenses_fall_below_it(db):
    lines = [_line("post", "a", D("30000.00"), category="paed_fachkraft", fte=D("1.00"), months=12)]
    statement = _statement(2019, lines, D("50000.00"), D("50000.00"))
    assert statement.eligible == D("50000.00")
    assert statement.due == D("30000.00")
    assert statement.overpayment == D("20000.00")


def test_full_financing_is_reduced_by_third_party_funds(db):
    guideline = edition(2024)
    pool = extra_item_key(guideline.extra_items.get().pk)
    lines = [
        _line("post", "a", D("60000.00"), category="paed_fachkraft", fte=D("1.00"), months=12),
        _line("extra", pool, D("20000.00")),
    ]
    statement = _statement(2024, lines, D("100000.00"), D("80000.00"), third=D("5000.00"))
    assert statement.eligible == D("77000.00")  # 57.000 € (maximum) + 20.000 €
    assert statement.due == D("72000.00")  # 77.000 € − 5.000 € third-party funds
    assert statement.overpayment == D("8000.00")


def test_missing_actual_amounts_block_the_submission(paid_twice, editor, lead):
    proof = proof_create(application=paid_twice, year=2014, user=editor)
    findings = proof_findings(statement_for(proof))
    assert [f.code for f in findings].count("actual_missing") == 8
    with pytest.raises(TransitionBlocked) as exc:
        proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    assert "Der zahlenmäßige Nachweis ist unvollständig" in str(exc.value)


def test_year_outside_the_grant_is_refused(paid_twice, editor):
    with pytest.raises(ValidationError) as exc:
        proof_create(application=paid_twice, year=2015, user=editor)
    assert exc.value.message_dict["year"] == [
        "Das Jahr 2015 liegt außerhalb des Bewilligungszeitraums (01.01.2014 – 31.12.2014)."
    ]


# --- the workflow and the check ---------------------------------------------------------------------------


def test_submit_review_check_with_repayment_and_interest_then_close(proof, lead, authority):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof.refresh_from_db()
    assert proof.submitted_on == timezone.localdate()
    assert proof.retention_until == proof.submitted_on.replace(year=proof.submitted_on.year + 5)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    payouts = [Payout(date(2014, 3, 28), D("100000.00")), Payout(date(2014, 11, 15), D("65000.00"))]
    proof_check(
        proof=proof,
        user=authority,
        payouts=payouts,
        repaid_on=date(2015, 3, 15),
        repayment_due_on=date(2015, 4, 15),
        note="Vakanz der Assistenz.",
    )
    proof.refresh_from_db()
    assert proof.state == ProofState.CHECKED
    assert (proof.eligible_costs, proof.grant_due, proof.paid_total) == (
        D("155000.00"),
        D("155000.00"),
        D("165000.00"),
    )
    assert (proof.repayment_amount, proof.repayment_due_on) == (D("10000.00"), date(2015, 4, 15))
    # 10.000 € from the payout of 15.11.2014: 46 days at −0,73 + 3 = 2,27 %, 74 days at −0,83 + 3 = 2,17 %
    assert proof.interest_amount == D("72.60")
    assert proof.interest_until == date(2015, 3, 15)
    proof_move(proof=proof, to_state=ProofState.CLOSED, user=authority)
    states = list(
        WorkflowEvent.objects.filter(content_type__model="proofofuse", object_id=proof.pk).values_list(
            "to_state", flat=True
        )
    )
    assert states == ["eingereicht", "in_pruefung", "geprueft", "abgeschlossen"]


def test_check_without_overpayment_records_no_repayment(paid_twice, editor, lead, authority):
    actuals = {**ACTUALS, "Verwaltungsassistenz": (D("15000.00"), 12)}
    actuals["Pädagogische Fachkraft (Schulverwaltung)"] = (D("55000.00"), 12)
    proof = fill(proof_create(application=paid_twice, year=2014, user=editor), actuals)
    statement = statement_for(proof)
    assert statement.due == D("165000.00") and statement.overpayment == D("0.00")
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    proof_check(proof=proof, user=authority, payouts=[], repaid_on=None, repayment_due_on=None)
    proof.refresh_from_db()
    assert proof.state == ProofState.CHECKED and proof.repayment_amount == D("0.00") and proof.interest_amount is None


def test_editor_cannot_submit(proof, editor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=editor)


# --- pages --------------------------------------------------------------------------------------------------


def test_create_page_refuses_a_year_outside_the_grant_next_to_the_field(client_for, editor, paid_twice):
    client = client_for(editor)
    url = reverse("funding:proof_create", kwargs={"pk": paid_twice.pk})
    page = client.post(url, {"year": "2015"}).content.decode()
    error = page.split('id="id_year-error"')[1].split("</div>")[0]
    assert "Das Jahr 2015 liegt außerhalb des Bewilligungszeitraums (01.01.2014 – 31.12.2014)." in error
    assert 'value="2015"' in page
    assert client.post(url, {"year": "2014"}).status_code == 302
    assert client.post(url, {"year": "2014"}).status_code == 200  # a second one for the year is refused
    assert ProofOfUse.objects.count() == 1


def _statement_data(proof, **overrides):
    data = {"expected_version": proof.version, "own_funds_actual": "9000,00", "third_party_actual": ""}
    for line in proof.lines.all():
        data[f"actual_{line.pk}"] = str(line.actual or "0").replace(".", ",")
    data.update(overrides)
    return data


def test_negative_actual_amount_is_refused_next_to_the_field_and_kept(client_for, editor, proof):
    line = proof.lines.get(label="Verwaltungsfachkraft")
    client = client_for(editor)
    url = reverse("funding:proof_statement_edit", kwargs={"pk": proof.pk})
    page = client.post(url, _statement_data(proof, **{f"actual_{line.pk}": "-100,00"})).content.decode()
    error = page.split(f'id="id_actual_{line.pk}-error"')[1].split("</div>")[0]
    assert "Ein Ist-Betrag kann nicht negativ sein" in error
    assert 'value="-100,00"' in page
    line.refresh_from_db()
    assert line.actual == D("61000.00")


def test_statement_form_saves_and_the_page_shows_euro_and_percent(client_for, editor, proof):
    line = proof.lines.get(label="Verwaltungsfachkraft")
    client = client_for(editor)
    url = reverse("funding:proof_statement_edit", kwargs={"pk": proof.pk})
    assert client.post(url, _statement_data(proof, **{f"actual_{line.pk}": "54000,00"})).status_code == 302
    line.refresh_from_db()
    assert line.actual == D("54000.00")
    page = client.get(proof.get_absolute_url()).content.decode()
    assert "54.000,00\u00a0€" in page and "90,00 %" in page and "96,67 %" in page
    assert "Ist in %" in page


def test_stale_statement_form_keeps_the_input(client_for, editor, proof):
    line = proof.lines.get(label="Verwaltungsfachkraft")
    client = client_for(editor)
    url = reverse("funding:proof_statement_edit", kwargs={"pk": proof.pk})
    data = _statement_data(proof, **{f"actual_{line.pk}": "54321,00"})
    ProofOfUse.objects.filter(pk=proof.pk).update(version=proof.version + 1)
    page = client.post(url, data).content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert" in page and 'value="54321,00"' in page
    line.refresh_from_db()
    assert line.actual == D("61000.00")


def test_narrative_report_with_months_in_post(client_for, editor, proof):
    client = client_for(editor)
    url = reverse("funding:proof_report_edit", kwargs={"pk": proof.pk})
    page = client.get(url).content.decode()
    assert "Verwaltungsassistenz: Monate besetzt" in page and "Lehrkraft" not in page
    data = {
        "expected_version": proof.version,
        "activities": "Beratung von 12 Schulen.",
        "results": "",
        "deviations": "",
    }
    for line in proof.lines.filter(kind="post"):
        data[f"months_{line.pk}"] = "13" if line.label == "Verwaltungsassistenz" else "12"
    page = client.post(url, data).content.decode()
    assert "Zwischen 0 und 12 Monaten." in page and "Beratung von 12 Schulen." in page
    assistant = proof.lines.get(label="Verwaltungsassistenz")
    data[f"months_{assistant.pk}"] = "8"
    assert client.post(url, data).status_code == 302
    assistant.refresh_from_db()
    proof.refresh_from_db()
    assert assistant.months == 8 and proof.activities == "Beratung von 12 Schulen."


def test_submitted_proof_is_read_only_for_the_city(client_for, editor, lead, proof):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    for user in (editor, lead):
        client = client_for(user)
        for name in ("proof_statement_edit", "proof_report_edit"):
            url = reverse(f"funding:{name}", kwargs={"pk": proof.pk})
            assert client.get(url).status_code == 403
            assert client.post(url, _statement_data(proof)).status_code == 403
    page = client_for(lead).get(proof.get_absolute_url()).content.decode()
    retention = (timezone.localdate().replace(year=timezone.localdate().year + 5)).strftime("%d.%m.%Y")
    assert retention in page and "Zahlenmäßigen Nachweis bearbeiten" not in page


def test_editor_cannot_submit_on_the_page(client_for, editor, proof):
    url = reverse("funding:proof_transition", kwargs={"pk": proof.pk, "to_state": "eingereicht"})
    assert client_for(editor).post(url).status_code == 403
    proof.refresh_from_db()
    assert proof.state == ProofState.DRAFT


def test_lead_submits_on_the_page(client_for, lead, proof):
    url = reverse("funding:proof_transition", kwargs={"pk": proof.pk, "to_state": "eingereicht"})
    assert client_for(lead).post(url, {"comment": ""}).status_code == 302
    proof.refresh_from_db()
    assert proof.state == ProofState.SUBMITTED


def test_council_reads_but_cannot_edit(client_for, council, lead, proof):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)  # the council reads it once published
    client = client_for(council)
    page = client.get(proof.get_absolute_url()).content.decode()
    assert "58.000,00\u00a0€" in page and "Sachbericht bearbeiten" not in page
    assert client.post(reverse("funding:proof_statement_edit", kwargs={"pk": proof.pk}), {}).status_code == 403
    assert client.post(reverse("funding:proof_create", kwargs={"pk": proof.application_id}), {}).status_code == 403


def test_authority_check_page_computes_interest_per_period_and_records(client_for, lead, authority, proof):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    client = client_for(authority)
    assert client.get(reverse("funding:proof_check", kwargs={"pk": proof.pk})).status_code == 403  # not in review
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    proof.refresh_from_db()
    url = reverse("funding:proof_check", kwargs={"pk": proof.pk})
    page = client.get(url).content.decode()
    assert "Zurückzuzahlende Überzahlung: 10.000,00\u00a0€" in page
    paid = {c.paid_on: c.pk for c in proof.application.call_offs.all()}
    data = {
        f"payout_{paid[date(2014, 3, 28)]}": "2014-03-28",
        f"payout_{paid[date(2014, 11, 15)]}": "2014-11-15",
        "repaid_on": "2015-03-15",
        "repayment_due_on": "2015-04-15",
        "note": "",
        "expected_version": proof.version,
        "action": "preview",
    }
    page = client.post(url, data).content.decode()
    assert "16.11.2014 – 31.12.2014" in page and "2,27 %" in page and "28,61\u00a0€" in page
    assert "01.01.2015 – 15.03.2015" in page and "2,17 %" in page and "43,99\u00a0€" in page
    assert "Zinsen: 72,60\u00a0€" in page
    assert ProofOfUse.objects.get(pk=proof.pk).state == ProofState.IN_REVIEW
    missing = {**data, "repaid_on": "", "action": "record"}
    assert "Dieses Feld ist zwingend erforderlich." in client.post(url, missing).content.decode()
    assert client.post(url, {**data, "action": "record"}).status_code == 302
    proof.refresh_from_db()
    assert proof.state == ProofState.CHECKED and proof.interest_amount == D("72.60")
    page = client.get(proof.get_absolute_url()).content.decode()
    assert "72,60\u00a0€" in page and "15.04.2015" in page and "10.000,00\u00a0€" in page


def test_check_form_stale_version(client_for, lead, authority, proof):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    proof_move(proof=proof, to_state=ProofState.IN_REVIEW, user=authority)
    proof.refresh_from_db()
    paid = [c.pk for c in proof.application.call_offs.all()]
    data = {f"payout_{pk}": "2014-11-15" for pk in paid}
    data.update({"repaid_on": "2015-03-15", "repayment_due_on": "2015-04-15", "action": "record"})
    data["expected_version"] = proof.version - 1
    page = client_for(authority).post(reverse("funding:proof_check", kwargs={"pk": proof.pk}), data).content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert" in page
    assert ProofOfUse.objects.get(pk=proof.pk).state == ProofState.IN_REVIEW


def test_city_cannot_open_the_check(client_for, lead, proof):
    assert client_for(lead).get(reverse("funding:proof_check", kwargs={"pk": proof.pk})).status_code == 403


# --- isolation, inbox, panels, query counts -----------------------------------------------------------------


@pytest.fixture
def bochum_proof(bochum_granted, bochum):
    editor = user_with_role("editor", bochum)
    return proof_create(application=bochum_granted, year=2014, user=editor)


def test_bochums_proofs_never_appear_and_answer_404(client_for, editor, proof, bochum_proof):
    client = client_for(editor)
    page = client.get(reverse("funding:grant_detail", kwargs={"pk": proof.application_id})).content.decode()
    assert page.count("Verwendungsnachweis 2014") == 1
    assert f"/foerderung/verwendungsnachweise/{bochum_proof.pk}/" not in page
    for name in ("proof_detail", "proof_report_edit", "proof_statement_edit", "proof_check"):
        assert client.get(reverse(f"funding:{name}", kwargs={"pk": bochum_proof.pk})).status_code == 404, name
    url = reverse("funding:proof_transition", kwargs={"pk": bochum_proof.pk, "to_state": "eingereicht"})
    assert client.post(url).status_code == 404
    assert client.post(reverse("funding:proof_create", kwargs={"pk": bochum_proof.application_id})).status_code == 404


def test_inbox_lists_submitted_proofs(client_for, lead, authority, proof, bochum_proof):
    proof_move(proof=proof, to_state=ProofState.SUBMITTED, user=lead)
    page = client_for(authority).get(reverse("funding:inbox")).content.decode()
    section = page.split('id="waiting-proofs"')[1]
    assert "Dortmund: Verwendungsnachweis 2014" in section and "Bochum" not in section  # Bochum's is a draft
    assert "1 Verwendungsnachweis wartet auf Prüfung." in client_for(authority).get("/").content.decode()


def test_home_city_shows_the_proof_due(client_for, lead, paid_twice):
    page = client_for(lead).get("/").content.decode()
    assert "Verwendungsnachweis 2014 fällig bis 31.03.2015" in page and "überfällig" in page


def test_proof_lines_are_not_typed_twice(proof):
    assert ProofLine.objects.filter(proof=proof).count() == 8
    assert {line.key for line in proof.lines.all()} >= {"own_rooms", "own_project_funds"}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_proof_page_query_count_is_constant(client_for, lead, proof):
    client = client_for(lead)
    url = proof.get_absolute_url()
    client.get(url)
    small = _count(client, url)
    for n in range(30):
        ProofLine.objects.create(proof=proof, kind="own", key=f"more:{n}", label=f"Weitere {n}", planned=D("1.00"))
        call_off(proof.application, lead, "0.00", paid=date(2014, 12, 1))
    assert _count(client, url) == small


def test_inbox_query_count_is_constant_with_proofs(client_for, authority):
    def grow(n):
        for _ in range(n):
            municipality = MunicipalityFactory()
            dortmund_2012_plan(municipality, 2014)
            application = grant(application_for(municipality, 2014), authority, D("1000.00"))
            proof = proof_create(application=application, year=2014, user=user_with_role("lead", municipality))
            ProofOfUse.objects.filter(pk=proof.pk).update(state=ProofState.SUBMITTED, submitted_on=date(2015, 3, 1))

    grow(2)
    client = client_for(authority)
    client.get(reverse("funding:inbox"))
    small = _count(client, reverse("funding:inbox"))
    grow(18)
    assert _count(client, reverse("funding:inbox")) == small


def test_retention_date_on_29_february():
    proof = ProofOfUse(submitted_on=date(2024, 2, 29))
    assert proof.retention_until == date(2029, 2, 28)
    assert ProofOfUse(submitted_on=None).retention_until is None
    assert ProofOfUse(submitted_on=date(2025, 3, 31)).retention_until == date(2030, 3, 31)
