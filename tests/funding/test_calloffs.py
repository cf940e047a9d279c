"""Call-offs: limits per guideline item with exact euro amounts, mixed items, late payments, the workflow,
the grant page, isolation, roles, stale forms and query counts."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.grants.budget import GrantBudget, ItemBudget, granted_by_item
from funding.grants.rules import PaymentEntry, add_months, calloff_findings, expected_payout
from funding.grants.services import budget_for, calloff_mark_paid, calloff_move, calloff_request
from funding.models import CallOff, CallOffState, extra_item_key
from kiz.models import WorkflowEvent
from kiz.workflow import TransitionBlocked
from tests.factories import MunicipalityFactory, user_with_role

from .factories import application_for
from .money_fixtures import call_off, grant

P = "personnel"


# --- pure rules ---------------------------------------------------------------------------------------------


def _budget(approved=D("165000.00"), called=D("0.00")):
    return GrantBudget([ItemBudget(P, "Personalkosten", approved, called)])


def test_add_months_keeps_the_day_or_takes_the_month_end():
    assert add_months(date(2014, 3, 15), 2) == date(2014, 5, 15)
    assert add_months(date(2013, 12, 31), 2) == date(2014, 2, 28)
    assert add_months(date(2015, 12, 31), 2) == date(2016, 2, 29)
    assert add_months(date(2014, 11, 30), 2) == date(2015, 1, 30)


def test_expected_payout_is_request_plus_processing_time_or_the_payout_day():
    assert expected_payout(date(2014, 3, 1)) == date(2014, 3, 15)
    assert expected_payout(date(2014, 3, 1), date(2014, 3, 5)) == date(2014, 3, 5)


def test_calloff_within_the_remainder_has_no_error():
    payments = [PaymentEntry("Gehälter", D("5000.00"), date(2014, 4, 1))]
    findings = calloff_findings(
        budget=_budget(called=D("160000.00")),
        amount=D("5000.00"),
        payments=payments,
        payout_on=date(2014, 3, 15),
        labels={P: "Personalkosten"},
    )
    assert findings == []


def test_calloff_above_the_remainder_is_an_error_with_the_numbers():
    payments = [PaymentEntry("Gehälter", D("5000.01"), date(2014, 4, 1))]
    (finding,) = calloff_findings(
        budget=_budget(called=D("160000.00")),
        amount=D("5000.01"),
        payments=payments,
        payout_on=date(2014, 3, 15),
        labels={P: "Personalkosten"},
    )
    assert finding.code == "calloff_above_remaining" and finding.is_error and finding.field == "amount"
    assert finding.numbers == {
        "granted": D("165000.00"),
        "called_off": D("160000.00"),
        "amount": D("5000.01"),
        "remaining": D("5000.00"),
    }


def test_an_edited_calloff_does_not_count_twice():
    payments = [PaymentEntry("Gehälter", D("65000.00"), date(2014, 4, 1))]
    findings = calloff_findings(
        budget=_budget(called=D("165000.00")),
        amount=D("65000.00"),
        payments=payments,
        payout_on=date(2014, 3, 15),
        labels={},
        own_amount=D("65000.00"),
    )
    assert findings == []


def test_mixing_items_is_an_error():
    budget = GrantBudget([ItemBudget(P, "Personalkosten", D("1000")), ItemBudget("extra:1", "Pool", D("1000"))])
    payments = [
        PaymentEntry("Gehälter", D("10.00"), date(2024, 4, 1), P),
        PaymentEntry("Honorare", D("10.00"), date(2024, 4, 1), "extra:1"),
    ]
    findings = calloff_findings(
        budget=budget, amount=D("20.00"), payments=payments, payout_on=date(2024, 3, 15), labels={}
    )
    assert [f.code for f in findings] == ["calloff_items_mixed"]


def test_payment_due_more_than_two_months_after_payout_is_a_warning_with_the_date():
    payments = [
        PaymentEntry("Gehälter Mai", D("10.00"), date(2014, 5, 15)),
        PaymentEntry("Gehälter Juni", D("10.00"), date(2014, 5, 16)),
    ]
    (finding,) = calloff_findings(
        budget=_budget(), amount=D("20.00"), payments=payments, payout_on=date(2014, 3, 15), labels={}
    )
    assert finding.code == "payment_due_late" and not finding.is_error
    assert "16.05.2014" in finding.message and "15.03.2014" in finding.message and "15.05.2014" in finding.message


def test_granted_by_item_full_grant(granted_2024):
    pool = extra_item_key(granted_2024.items.get().rule_id)
    assert granted_by_item(granted_2024, granted_2024.notice) == {P: D("181500.00"), pool: D("30000.00")}


def test_granted_by_item_partial_grant_scales_the_items(dortmund, authority, granted_2024):
    pool = extra_item_key(granted_2024.items.get().rule_id)
    notice = granted_2024.notice
    notice.approved_amount = D("190350.00")  # 90 % of 211.500,00 €
    assert granted_by_item(granted_2024, notice) == {P: D("163350.00"), pool: D("27000.00")}


# --- the service: limits per item with exact amounts ------------------------------------------------------


@pytest.fixture
def lead_user(lead):
    return lead


def test_two_calloffs_and_the_third_above_the_remainder_is_refused(granted, lead):
    call_off(granted, lead, "100000.00")
    call_off(granted, lead, "60000.00", requested_on=date(2014, 5, 20))
    with pytest.raises(ValidationError) as exc:
        call_off(granted, lead, "5000.01", requested_on=date(2014, 7, 20))
    (message,) = exc.value.message_dict["amount"]
    assert "Bewilligt 165.000,00\u00a0€, bereits abgerufen 160.000,00\u00a0€, verbleibend 5.000,00\u00a0€" in message
    assert CallOff.objects.filter(application=granted).count() == 2
    call_off(granted, lead, "5000.00", requested_on=date(2014, 7, 20))
    budget = budget_for(granted)
    assert (budget.granted, budget.called_off, budget.remaining) == (D("165000.00"), D("165000.00"), D("0.00"))


def test_rejected_calloffs_do_not_count(granted, lead, authority):
    first = call_off(granted, lead, "165000.00")
    calloff_move(call_off=first, to_state=CallOffState.REJECTED, user=authority, comment="Bedarf nicht belegt.")
    call_off(granted, lead, "165000.00")
    assert budget_for(granted).called_off == D("165000.00")


def test_limits_hold_per_item(granted_2024, dortmund):
    lead = user_with_role("lead", dortmund)
    pool = extra_item_key(granted_2024.items.get().rule_id)
    call_off(granted_2024, lead, "30000.00", requested_on=date(2024, 3, 20), item=pool)
    with pytest.raises(ValidationError) as exc:
        call_off(granted_2024, lead, "0.01", requested_on=date(2024, 3, 20), item=pool)
    assert "Laiensprachmittlerpool" in exc.value.message_dict["amount"][0]
    call_off(granted_2024, lead, "181500.00", requested_on=date(2024, 3, 20))
    budget = budget_for(granted_2024)
    assert [(i.label, i.granted, i.called_off, i.remaining) for i in budget.items] == [
        ("Personalkosten", D("181500.00"), D("181500.00"), D("0.00")),
        ("Laiensprachmittlerpool", D("30000.00"), D("30000.00"), D("0.00")),
    ]


def test_editor_cannot_call_off(granted, editor):
    with pytest.raises(PermissionDenied):
        call_off(granted, editor, "10.00")


def test_authority_marks_paid_with_the_date_and_the_event_is_logged(granted, lead, authority):
    request = call_off(granted, lead, "100000.00")
    calloff_mark_paid(call_off=request, user=authority, paid_on=date(2014, 3, 28))
    request.refresh_from_db()
    assert request.state == CallOffState.PAID and request.paid_on == date(2014, 3, 28)
    event = WorkflowEvent.objects.get(object_id=request.pk, content_type__model="calloff")
    assert (event.from_state, event.to_state, event.user) == ("beantragt", "ausgezahlt", authority)
    assert budget_for(granted).paid == D("100000.00")


def test_rejecting_needs_a_comment_and_the_lead_cannot_mark_paid(granted, lead):
    request = call_off(granted, lead, "100.00")
    with pytest.raises(PermissionDenied):
        calloff_mark_paid(call_off=request, user=lead, paid_on=date(2014, 3, 28))
    authority = user_with_role("authority")
    with pytest.raises(TransitionBlocked):
        calloff_move(call_off=request, to_state=CallOffState.REJECTED, user=authority)


def test_calloff_needs_a_granted_application(ready, lead):
    with pytest.raises(ValidationError):
        calloff_request(
            application=ready,
            user=lead,
            payments=[PaymentEntry("x", D("1.00"), date(2014, 4, 1))],
            justification="x",
        )


# --- pages --------------------------------------------------------------------------------------------------


def _post_calloff(client, application, payments, amount="", justification="Gehälter März und April"):
    data = {
        "amount": amount,
        "justification": justification,
        "payments-TOTAL_FORMS": "3",
        "payments-INITIAL_FORMS": "0",
        "payments-MIN_NUM_FORMS": "0",
        "payments-MAX_NUM_FORMS": "1000",
    }
    for index, (item, description, value, due) in enumerate(payments):
        data.update(
            {
                f"payments-{index}-item": item,
                f"payments-{index}-description": description,
                f"payments-{index}-amount": value,
                f"payments-{index}-due_on": due,
            }
        )
    return client.post(reverse("funding:calloff_create", kwargs={"pk": application.pk}), data)


def test_lead_requests_on_the_page_and_the_grant_page_shows_the_sums(client_for, lead, granted):
    client = client_for(lead)
    response = _post_calloff(
        client,
        granted,
        [(P, "Gehälter März", "50000,00", "2014-03-31"), (P, "Gehälter April", "50000,00", "2014-04-30")],
    )
    assert response.status_code == 302
    request = CallOff.objects.get()
    assert request.amount == D("100000.00") and request.payments.count() == 2 and request.requested_by == lead
    page = client.get(reverse("funding:grant_detail", kwargs={"pk": granted.pk})).content.decode()
    row = page.split('data-item="personnel"')[1].split("</tr>")[0]
    cells = [c.split("<")[0] for c in row.split('numeric">')[1:]]
    assert cells == ["165.000,00\u00a0€", "100.000,00\u00a0€", "0,00\u00a0€", "65.000,00\u00a0€"]
    calloff_mark_paid(call_off=request, user=user_with_role("authority"), paid_on=date(2014, 3, 28))
    page = client.get(reverse("funding:grant_detail", kwargs={"pk": granted.pk})).content.decode()
    row = page.split('data-item="total"')[1].split("</tr>")[0]
    assert row.count("100.000,00\u00a0€") == 2 and "65.000,00\u00a0€" in row


def test_above_the_remainder_on_the_page_shows_the_error_next_to_the_field_and_keeps_the_input(
    client_for, lead, granted
):
    call_off(granted, lead, "160000.00")
    response = _post_calloff(client_for(lead), granted, [(P, "Gehälter Mai", "6000,00", "2014-05-31")])
    assert response.status_code == 200
    page = response.content.decode()
    error = page.split('id="id_amount-error"')[1].split("</div>")[0]
    assert "verbleibend 5.000,00\u00a0€" in error
    assert 'value="Gehälter Mai"' in page and "6000,00" in page
    assert CallOff.objects.count() == 1


def test_amounts_are_typed_as_the_page_shows_them_or_with_a_point(client_for, lead, granted):
    response = _post_calloff(
        client_for(lead),
        granted,
        [(P, "Gehälter März", "50.000,00", "2014-03-31"), (P, "Gehälter April", "25000.50", "2014-04-30")],
        amount="75.000,50",
    )
    assert response.status_code == 302
    request = CallOff.objects.get()
    assert request.amount == D("75000.50")
    assert sorted(request.payments.values_list("amount", flat=True)) == [D("25000.50"), D("50000.00")]


def test_a_number_in_another_form_names_the_accepted_ones(client_for, lead, granted):
    response = _post_calloff(client_for(lead), granted, [(P, "Gehälter", "50,000.00", "2014-04-30")])
    assert "Bitte eine Zahl eingeben, geschrieben wie „1.000,50“, „1000,50“ oder „1000.50“." in (
        response.content.decode()
    )
    assert not CallOff.objects.exists()


def test_amount_must_be_the_sum_of_the_payments(client_for, lead, granted):
    response = _post_calloff(client_for(lead), granted, [(P, "Gehälter", "100,00", "2014-04-30")], amount="200,00")
    assert "Der Betrag muss der Summe der Zahlungen entsprechen (100,00\u00a0€)." in response.content.decode()


def test_a_calloff_needs_a_payment(client_for, lead, granted):
    response = _post_calloff(client_for(lead), granted, [])
    assert "Bitte mindestens eine Zahlung angeben" in response.content.decode()


def test_incomplete_payment_row_is_named(client_for, lead, granted):
    response = _post_calloff(client_for(lead), granted, [(P, "Gehälter", "", "2014-04-30")])
    assert "Bitte den Betrag der Zahlung angeben." in response.content.decode()


def test_negative_payment_is_refused(client_for, lead, granted):
    response = _post_calloff(client_for(lead), granted, [(P, "Gehälter", "-5,00", "2014-04-30")])
    assert "Ein Betrag kann nicht negativ sein." in response.content.decode()


def test_live_check_fragment(client_for, lead, granted):
    call_off(granted, lead, "160000.00")
    client = client_for(lead)
    data = {
        "payments-TOTAL_FORMS": "1",
        "payments-INITIAL_FORMS": "0",
        "payments-0-item": P,
        "payments-0-description": "Gehälter",
        "payments-0-amount": "6000",
        "payments-0-due_on": "2030-12-31",
    }
    page = client.post(reverse("funding:calloff_check", kwargs={"pk": granted.pk}), data).content.decode()
    assert 'data-code="calloff_above_remaining"' in page and 'data-code="payment_due_late"' in page


def test_editor_and_council_cannot_request(client_for, editor, council, granted):
    for user in (editor, council):
        client = client_for(user)
        url = reverse("funding:calloff_create", kwargs={"pk": granted.pk})
        assert client.get(url).status_code == 403
        assert _post_calloff(client, granted, [(P, "x", "1", "2014-04-01")]).status_code == 403
    assert CallOff.objects.count() == 0


def test_council_reads_the_grant_page(client_for, council, lead, granted):
    request = call_off(granted, lead, "1000.00")
    client = client_for(council)
    page = client.get(reverse("funding:grant_detail", kwargs={"pk": granted.pk})).content.decode()
    assert "1.000,00\u00a0€" in page and "Mittel abrufen" not in page
    assert client.get(request.get_absolute_url()).status_code == 200
    assert client.get(reverse("funding:calloff_edit", kwargs={"pk": request.pk})).status_code == 403


def test_grant_page_of_an_undecided_application_is_404(client_for, lead, ready):
    assert client_for(lead).get(reverse("funding:grant_detail", kwargs={"pk": ready.pk})).status_code == 404


def test_authority_marks_paid_on_the_page(client_for, authority, lead, granted):
    request = call_off(granted, lead, "1000.00")
    client = client_for(authority)
    url = reverse("funding:calloff_step", kwargs={"pk": request.pk, "to_state": "ausgezahlt"})
    response = client.post(url, {"paid_on": ""})
    assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
    assert client.post(url, {"paid_on": "2014-03-28"}).status_code == 302
    request.refresh_from_db()
    assert request.state == CallOffState.PAID and request.paid_on == date(2014, 3, 28)
    assert "28.03.2014" in client.get(request.get_absolute_url()).content.decode()


def test_authority_rejects_with_a_comment_on_the_page(client_for, authority, lead, granted):
    request = call_off(granted, lead, "1000.00")
    client = client_for(authority)
    url = reverse("funding:calloff_step", kwargs={"pk": request.pk, "to_state": "abgelehnt"})
    assert client.post(url, {"comment": ""}).status_code == 200
    assert client.post(url, {"comment": "Kein Bedarf belegt."}).status_code == 302
    request.refresh_from_db()
    assert request.state == CallOffState.REJECTED


def test_the_findings_stay_on_the_page_after_a_refusal(client_for, authority, lead, granted):
    request = call_off(granted, lead, "1000.00", due_on=date(2030, 12, 31))  # paid out far too early for that
    page = client_for(lead).get(request.get_absolute_url()).content.decode()
    assert 'data-code="payment_due_late"' in page
    url = reverse("funding:calloff_step", kwargs={"pk": request.pk, "to_state": "abgelehnt"})
    assert client_for(authority).post(url, {"comment": "Zu früh angefordert."}).status_code == 302
    page = client_for(lead).get(request.get_absolute_url()).content.decode()
    assert "Abgelehnt" in page and "Zu früh angefordert." in page
    assert 'data-code="payment_due_late"' in page  # the reason for the refusal is still there to read


def test_lead_cannot_mark_paid_on_the_page(client_for, lead, granted):
    request = call_off(granted, lead, "1000.00")
    url = reverse("funding:calloff_step", kwargs={"pk": request.pk, "to_state": "ausgezahlt"})
    assert client_for(lead).post(url, {"paid_on": "2014-03-28"}).status_code == 403


def test_stale_edit_keeps_the_input(client_for, lead, granted):
    request = call_off(granted, lead, "1000.00")
    client = client_for(lead)
    url = reverse("funding:calloff_edit", kwargs={"pk": request.pk})
    assert client.get(url).status_code == 200
    CallOff.objects.filter(pk=request.pk).update(version=request.version + 1)
    data = {
        "justification": "Geänderte Begründung",
        "expected_version": request.version,
        "payments-TOTAL_FORMS": "1",
        "payments-INITIAL_FORMS": "1",
        "payments-0-item": P,
        "payments-0-description": "Gehälter April",
        "payments-0-amount": "2000,00",
        "payments-0-due_on": "2014-04-30",
    }
    page = client.post(url, data).content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert" in page
    assert "Geänderte Begründung" in page and 'value="Gehälter April"' in page
    request.refresh_from_db()
    assert request.amount == D("1000.00")
    data["expected_version"] = request.version
    assert client.post(url, data).status_code == 302
    request.refresh_from_db()
    assert request.amount == D("2000.00") and request.justification == "Geänderte Begründung"


def test_paid_calloff_cannot_be_edited(client_for, lead, granted):
    request = call_off(granted, lead, "1000.00", paid=date(2014, 3, 28))
    assert client_for(lead).post(reverse("funding:calloff_edit", kwargs={"pk": request.pk}), {}).status_code == 403


# --- isolation, inbox, query counts -------------------------------------------------------------------------


def test_bochums_calloffs_never_appear_and_answer_404(client_for, lead, granted, bochum_granted):
    client = client_for(lead)
    bochum_call_off = CallOff.objects.get(application=bochum_granted)
    page = client.get(reverse("funding:grant_detail", kwargs={"pk": granted.pk})).content.decode()
    assert "4.711,00" not in page
    for url in [
        reverse("funding:grant_detail", kwargs={"pk": bochum_granted.pk}),
        reverse("funding:calloff_create", kwargs={"pk": bochum_granted.pk}),
        bochum_call_off.get_absolute_url(),
        reverse("funding:calloff_edit", kwargs={"pk": bochum_call_off.pk}),
        reverse("funding:calloff_step", kwargs={"pk": bochum_call_off.pk, "to_state": "ausgezahlt"}),
    ]:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("funding:calloff_check", kwargs={"pk": bochum_granted.pk}), {}).status_code == 404
    home = client.get("/").content.decode()
    assert "Bochum" not in home


def test_inbox_lists_waiting_calloffs_of_all_municipalities(client_for, authority, lead, granted, bochum_granted):
    call_off(granted, lead, "1000.00")
    page = client_for(authority).get(reverse("funding:inbox")).content.decode()
    assert "Mittelabrufe, die auf Auszahlung warten" in page
    assert "4.711,00\u00a0€" in page and "1.000,00\u00a0€" in page


def test_home_panels_show_open_calloffs(client_for, lead, authority, granted):
    call_off(granted, lead, "1000.00")
    assert "wartet auf Auszahlung" in client_for(lead).get("/").content.decode()
    assert "1 Mittelabruf wartet auf Auszahlung." in client_for(authority).get("/").content.decode()


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_grant_page_query_count_is_constant(client_for, lead, granted):
    def grow(n):
        for _ in range(n):
            request = call_off(granted, lead, "10.00")
            request.payments.create(description="Weitere", amount=D("0.00"), due_on=date(2014, 4, 1))

    grow(3)
    client = client_for(lead)
    url = reverse("funding:grant_detail", kwargs={"pk": granted.pk})
    client.get(url)
    small = _count(client, url)
    grow(27)
    assert _count(client, url) == small


def test_inbox_query_count_is_constant_with_calloffs(client_for, authority):
    def grow(n):
        for _ in range(n):
            municipality = MunicipalityFactory()
            application = grant(application_for(municipality, 2014), authority, D("1000.00"))
            lead = user_with_role("lead", municipality)
            call_off(application, lead, "10.00")

    grow(2)
    client = client_for(authority)
    client.get(reverse("funding:inbox"))
    small = _count(client, reverse("funding:inbox"))
    grow(18)
    assert _count(client, reverse("funding:inbox")) == small
