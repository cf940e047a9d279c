"""Pages of the funding app: isolation between municipalities, refused writes, forms, query counts."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import ApplicationState as S
from funding.models import FundingApplication, GrantNotice
from kiz.models import WorkflowEvent
from tests.factories import MunicipalityFactory

from .conftest import put_in_state
from .factories import PostFactory, StaffPlanFactory, application_for

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def edit_data(application, **overrides):
    data = {
        "period_start": application.period_start.isoformat(),
        "period_end": application.period_end.isoformat(),
        "own_rooms": "12000,00",
        "own_admin_travel": "3500,00",
        "own_material": "1500,00",
        "own_project_funds": "20000,00",
        "requested_grant": "",
        "expected_version": application.version,
    }
    data.update(overrides)
    return data


# --- isolation ----------------------------------------------------------------------------------------------


def test_list_shows_own_applications_only(client_for, editor, ready, bochum_application):
    page = html(client_for(editor).get(reverse("funding:application_list")))
    assert ready.get_absolute_url() in page
    assert bochum_application.get_absolute_url() not in page
    assert "4.711,00" not in page


@pytest.mark.parametrize("name", ["application_detail", "application_edit", "application_decide"])
def test_bochums_urls_answer_404_to_dortmund(client_for, editor, authority, bochum_application, name):
    url = reverse(f"funding:{name}", kwargs={"pk": bochum_application.pk})
    assert client_for(editor).get(url).status_code == 404
    assert client_for(editor).post(url, {}).status_code == 404


def test_bochums_transition_and_findings_urls_answer_404(client_for, lead, bochum_application):
    client = client_for(lead)
    url = reverse("funding:application_transition", kwargs={"pk": bochum_application.pk, "to_state": S.SUBMITTED})
    assert client.post(url, {}).status_code == 404
    findings = reverse("funding:application_findings", kwargs={"pk": bochum_application.pk})
    assert client.post(findings, {}).status_code == 404
    bochum_application.refresh_from_db()
    assert bochum_application.state == S.DRAFT


def test_authority_sees_both_in_the_inbox(client_for, authority, ready, bochum_application):
    page = html(client_for(authority).get(reverse("funding:inbox")))
    assert ready.get_absolute_url() in page
    assert bochum_application.get_absolute_url() in page
    assert "4.711,00" in page


def test_inbox_filters_by_state_and_district(client_for, authority, ready, bochum_application):
    put_in_state(ready, S.SUBMITTED)
    client = client_for(authority)
    page = html(client.get(reverse("funding:inbox"), {"state": S.SUBMITTED}))
    assert ready.get_absolute_url() in page
    assert bochum_application.get_absolute_url() not in page
    page = html(client.get(reverse("funding:inbox"), {"district": "detmold"}))
    assert ready.get_absolute_url() not in page
    assert "Kein Antrag entspricht dem Filter." in page


def test_city_users_have_no_inbox(client_for, editor):
    assert client_for(editor).get(reverse("funding:inbox")).status_code == 403


# --- the application page -----------------------------------------------------------------------------------


def test_detail_shows_calculation_findings_and_history(client_for, editor, ready):
    page = html(client_for(editor).get(ready.get_absolute_url()))
    assert "Förderantrag 2014" in page
    assert "Förderrichtlinie 2012" in page
    assert "165.000,00\u00a0€" in page  # maximum grant and requested grant
    assert "Niedrigerer Betrag aus erwarteten Kosten 60.000,00\u00a0€" in page
    assert "Die Prüfung hat nichts zu beanstanden." in page
    assert "Änderungsverlauf" in page


def test_council_reads_the_decision_but_cannot_edit(client_for, council, ready, authority):
    application = put_in_state(ready, S.IN_REVIEW)
    application.requested_grant = D("165000.00")
    application.save()
    GrantNotice.objects.create(
        application=application,
        approved_amount=D("150000.00"),
        period_start=application.period_start,
        period_end=application.period_end,
        file_number="36.08.01-2014/0815",
        issued_on=application.period_start,
        reason="Eine Stelle ist erst ab März besetzt.",
        issued_by=authority,
    )
    put_in_state(application, S.PARTIALLY_GRANTED)
    client = client_for(council)
    page = html(client.get(application.get_absolute_url()))
    assert "Teilweise bewilligt" in page
    assert "150.000,00\u00a0€" in page
    assert "Eine Stelle ist erst ab März besetzt." in page
    assert "(Zuwendungsbescheid)" in page  # the notice's history joins the application's
    assert reverse("funding:application_edit", kwargs={"pk": application.pk}) not in page
    assert client.get(reverse("funding:application_edit", kwargs={"pk": application.pk})).status_code == 403


def test_council_cannot_create_or_edit(client_for, council, ready):
    client = client_for(council)
    assert client.post(reverse("funding:application_create"), {"funding_year": 2015}).status_code == 403
    url = reverse("funding:application_edit", kwargs={"pk": ready.pk})
    # the draft is not published to the council at all, so editing it is not even found
    assert client.post(url, edit_data(ready)).status_code == 404
    assert not FundingApplication.objects.filter(funding_year=2015).exists()


# --- creating and editing -----------------------------------------------------------------------------------


def test_editor_creates_a_draft_under_the_edition_in_force(client_for, editor, dortmund):
    response = client_for(editor).post(reverse("funding:application_create"), {"funding_year": 2019})
    application = FundingApplication.objects.get(municipality=dortmund)
    assert response.url == reverse("funding:application_edit", kwargs={"pk": application.pk})
    assert application.guideline.name == "Förderrichtlinie 2018"
    assert (application.period_start.isoformat(), application.period_end.isoformat()) == ("2019-01-01", "2019-12-31")
    assert application.state == S.DRAFT


def test_second_application_for_the_same_year_is_refused(client_for, editor, ready):
    page = html(client_for(editor).post(reverse("funding:application_create"), {"funding_year": 2014}))
    assert "Für dieses Förderjahr gibt es bereits einen Antrag." in page


def test_editor_saves_own_contribution(client_for, editor, ready):
    url = reverse("funding:application_edit", kwargs={"pk": ready.pk})
    response = client_for(editor).post(url, edit_data(ready, requested_grant="160000,00"))
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.own_contribution == D("37000.00")
    assert ready.requested_grant == D("160000.00")


def test_requested_grant_above_the_rules_is_a_form_error_and_keeps_the_input(client_for, editor, ready):
    url = reverse("funding:application_edit", kwargs={"pk": ready.pk})
    page = html(client_for(editor).post(url, edit_data(ready, requested_grant="165000,01")))
    assert "Nach den Regeln können höchstens 165.000,00\u00a0€ beantragt werden" in page
    assert 'value="165000,01"' in page
    assert 'value="12000,00"' in page
    ready.refresh_from_db()
    assert ready.requested_grant is None


def test_stale_form_keeps_the_input(client_for, editor, ready):
    url = reverse("funding:application_edit", kwargs={"pk": ready.pk})
    data = edit_data(ready, own_rooms="9999,00")
    ready.own_material = D("1.00")
    ready.version += 1
    ready.save()
    page = html(client_for(editor).post(url, data))
    assert "Jemand anderes hat diesen Datensatz geändert" in page
    assert 'value="9999,00"' in page
    ready.refresh_from_db()
    assert ready.own_rooms == D("0.00")


def test_live_findings_fragment_checks_unsaved_input(client_for, editor, ready):
    url = reverse("funding:application_findings", kwargs={"pk": ready.pk})
    page = html(client_for(editor).post(url, edit_data(ready, requested_grant="200000,00"), HTTP_HX_REQUEST="true"))
    assert 'data-code="grant_above_eligible"' in page
    assert "200.000,00\u00a0€" in page
    assert "<html" not in page
    ready.refresh_from_db()
    assert ready.requested_grant is None


def test_extra_item_of_a_later_edition(client_for, editor, dortmund):
    StaffPlanFactory(municipality=dortmund, year=2024)
    application = application_for(dortmund, 2024)
    url = reverse("funding:application_edit", kwargs={"pk": application.pk})
    rule = application.guideline.extra_items.get()
    client_for(editor).post(url, edit_data(application, **{f"extra_{rule.pk}": "30000,00"}))
    assert application.items.get().amount == D("30000.00")


def test_submitted_application_is_read_only_for_the_city(client_for, lead, ready):
    put_in_state(ready, S.SUBMITTED)
    client = client_for(lead)
    url = reverse("funding:application_edit", kwargs={"pk": ready.pk})
    assert client.get(url).status_code == 403
    assert client.post(url, edit_data(ready, own_rooms="1,00")).status_code == 403
    ready.refresh_from_db()
    assert ready.own_rooms == D("0.00")


# --- workflow through the pages ----------------------------------------------------------------------------


def test_lead_submits_with_confirmation(client_for, lead, ready):
    client = client_for(lead)
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.SUBMITTED})
    assert "Bitte bestätigen Sie diesen Schritt." in html(client.get(url))
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    ready.refresh_from_db()
    assert ready.state == S.SUBMITTED
    page = html(client.get(ready.get_absolute_url()))
    assert "Entwurf → Eingereicht" in page


def test_the_back_button_after_a_step_says_the_step_is_done_not_that_the_role_forbids_it(client_for, lead, ready):
    client = client_for(lead)
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.SUBMITTED})
    assert client.post(url, {"comment": ""}).status_code == 302
    response = client.get(url)  # the browser goes back to the confirmation page
    assert response.status_code == 302 and response["Location"] == ready.get_absolute_url()
    page = html(client.get(response["Location"]))
    assert "Dieser Schritt ist nicht mehr möglich; der aktuelle Stand: Eingereicht." in page
    assert "Ihre Rolle erlaubt diese Aktion nicht" not in page
    assert client.post(url, {"comment": ""}).status_code == 302  # a second submit changes nothing
    ready.refresh_from_db()
    assert ready.state == S.SUBMITTED


def test_a_step_the_role_can_never_make_stays_forbidden_in_any_state(client_for, editor, council, ready):
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.SUBMITTED})
    put_in_state(ready, S.SUBMITTED)
    assert client_for(editor).get(url).status_code == 403
    assert client_for(council).get(url).status_code == 403


def test_editor_cannot_submit(client_for, editor, ready):
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.SUBMITTED})
    assert client_for(editor).post(url, {}).status_code == 403
    ready.refresh_from_db()
    assert ready.state == S.DRAFT


def test_submit_with_errors_shows_them(client_for, lead, ready):
    PostFactory(plan=ready.municipality.staff_plans.get(), title="Zu viel", fte=D("1.00"))
    client = client_for(lead)
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.SUBMITTED})
    response = client.post(url, {}, follow=True)
    page = html(response)
    assert "Die Prüfung hat Fehler gefunden" in page
    assert "3,00 VZÄ geplant, die Fassung erlaubt höchstens 2,00 VZÄ" in page
    ready.refresh_from_db()
    assert ready.state == S.DRAFT


def test_return_without_comment_is_a_form_error(client_for, authority, ready):
    put_in_state(ready, S.IN_REVIEW)
    url = reverse("funding:application_transition", kwargs={"pk": ready.pk, "to_state": S.DRAFT})
    page = html(client_for(authority).post(url, {"comment": ""}))
    assert "Pflichtangabe" in page
    ready.refresh_from_db()
    assert ready.state == S.IN_REVIEW


def decide_data(application, **overrides):
    data = {
        "decision": S.GRANTED,
        "approved_amount": "165000,00",
        "period_start": application.period_start.isoformat(),
        "period_end": application.period_end.isoformat(),
        "file_number": "36.08.01-2014/0815",
        "issued_on": "2014-03-15",
        "side_conditions": "ANBest-G",
        "reason": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def in_review(ready):
    ready.requested_grant = D("165000.00")
    ready.save()
    return put_in_state(ready, S.IN_REVIEW)


def test_grant_notice_above_requested_is_a_form_error(client_for, authority, in_review):
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    page = html(client_for(authority).post(url, decide_data(in_review, approved_amount="165000,01")))
    assert "Der bewilligte Betrag darf die beantragte Zuwendung von 165.000,00\u00a0€ nicht übersteigen." in page
    assert not GrantNotice.objects.exists()


def test_partial_grant_needs_a_reason(client_for, authority, in_review):
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    data = decide_data(in_review, decision=S.PARTIALLY_GRANTED, approved_amount="150000,00")
    page = html(client_for(authority).post(url, data))
    assert "Eine Teilbewilligung braucht eine Begründung." in page
    in_review.refresh_from_db()
    assert in_review.state == S.IN_REVIEW


def test_less_than_requested_is_not_a_full_grant(client_for, authority, in_review):
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    page = html(client_for(authority).post(url, decide_data(in_review, approved_amount="150000,00")))
    assert "Weniger als beantragt ist eine Teilbewilligung" in page


def test_partial_grant_with_reason(client_for, authority, in_review):
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    data = decide_data(
        in_review, decision=S.PARTIALLY_GRANTED, approved_amount="150000,00", reason="Stelle erst ab März besetzt."
    )
    response = client_for(authority).post(url, data)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.state == S.PARTIALLY_GRANTED
    assert in_review.notice.approved_amount == D("150000.00")
    assert in_review.notice.issued_by == authority
    event = WorkflowEvent.objects.get()
    assert (event.to_state, event.comment) == (S.PARTIALLY_GRANTED, "Stelle erst ab März besetzt.")


def test_city_cannot_decide(client_for, lead, in_review):
    url = reverse("funding:application_decide", kwargs={"pk": in_review.pk})
    assert client_for(lead).post(url, decide_data(in_review)).status_code == 403
    assert not GrantNotice.objects.exists()


# --- panels and guidelines ----------------------------------------------------------------------------------


def test_home_panels(client_for, editor, authority, ready):
    assert "Antrag 2014" in html(client_for(editor).get(reverse("home")))
    put_in_state(ready, S.SUBMITTED)
    assert "1 Antrag wartet auf Prüfung." in html(client_for(authority).get(reverse("home")))


def test_guideline_page_lists_editions_with_rules(client_for, authority):
    page = html(client_for(authority).get(reverse("funding:guideline_list")))
    for name in ["Förderrichtlinie 2012", "Förderrichtlinie 2018", "Änderung 2020", "Förderrichtlinie 2023/2025"]:
        assert name in page
    assert "Kreis: 320.000,00\u00a0€; kreisfreie Stadt: 270.000,00\u00a0€" in page
    assert "Laiensprachmittlerpool" in page
    assert "Die Quellen widersprechen sich" in page  # the authority reads the assumptions


def test_guideline_page_shows_the_joint_decrees_and_keeps_assumptions_to_the_authority(client_for, lead, authority):
    pages = {user: html(client_for(user).get(reverse("funding:guideline_list"))) for user in (lead, authority)}
    for page in pages.values():
        assert "Rechtsgrundlage" in page
        assert "(MAIS) und des Ministeriums für Schule und Weiterbildung (MSW) vom 25.06.2012" in page
        assert "(MKFFI) und des Ministeriums für Schule und Bildung (MSB) vom 27.03.2018" in page
        assert "Festbetragsfinanzierung je Stelle" in page and "Kreis: 320.000,00\u00a0€" in page
    assert "Annahmen" in pages[authority] and "Annahme)" in pages[authority]
    assert "Annahme" not in pages[lead] and "Die Quellen widersprechen sich" not in pages[lead]


# --- query counts ------------------------------------------------------------------------------------------


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_application_page_query_count_is_constant(client_for, authority, ready):
    client = client_for(authority)
    url = ready.get_absolute_url()
    client.get(url)
    small = _count(client, url)
    plan = ready.municipality.staff_plans.get()
    for n in range(54):
        PostFactory(plan=plan, title=f"Weitere Stelle {n}", fte=D("0.10"), funding_source="kommunal")
    assert _count(client, url) == small


def test_inbox_query_count_is_constant(client_for, authority):
    def grow(n):
        for _ in range(n):
            municipality = MunicipalityFactory()
            application_for(municipality, 2014, requested=D("1000.00"))

    grow(3)
    client = client_for(authority)
    client.get(reverse("funding:inbox"))
    small = _count(client, reverse("funding:inbox"))
    grow(27)
    assert _count(client, reverse("funding:inbox")) == small
