from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reporting.controlling.models import Activity, ControllingReport, ReportState
from tests.factories import MunicipalityFactory
from tests.reporting.controlling.factories import ActivityFactory, ReportFactory, staffing

pytestmark = pytest.mark.django_db


def url(name, **kwargs):
    return reverse(f"reporting:controlling:{name}", kwargs=kwargs)


@pytest.fixture
def reports(dortmund, bochum):
    own = ReportFactory(municipality=dortmund, year=2025, narrative="Dortmunder Kurzbericht")
    ActivityFactory(report=own, title="Sprachförderung Kita Nordstadt", count=4, education_stage="fruehe_bildung")
    staffing(own, paed_fachkraft="2.00")
    other = ReportFactory(municipality=bochum, year=2025, narrative="Bochumer Kurzbericht")
    ActivityFactory(report=other, title="Bochumer Netzwerktreffen")
    return own, other


def activity_data(**overrides):
    data = {
        "title": "Elterncafé Grundschule",
        "kind": "veranstaltung",
        "field_of_action": "bildung",
        "education_stage": "primarstufe",
        "count": "3",
        "participants": "45",
        "institutions_reached": "2",
        "partners": ["schulen", "freie_traeger"],
    }
    data.update(overrides)
    return data


def test_list_shows_own_reports_only(client_for, editor, reports):
    response = client_for(editor).get(url("report_list"))
    content = response.content.decode()
    assert "Controllingbericht 2025" in content
    assert reports[0].get_absolute_url() in content
    assert reports[1].get_absolute_url() not in content


def test_detail_shows_own_report_and_hides_bochum(client_for, editor, reports):
    own, other = reports
    client = client_for(editor)
    content = client.get(own.get_absolute_url()).content.decode()
    assert "Sprachförderung Kita Nordstadt" in content
    assert "Dortmunder Kurzbericht" in content
    assert "Bochum" not in content
    assert client.get(other.get_absolute_url()).status_code == 404
    other_activity = other.activities.get()
    for name, kwargs in [
        ("report_edit", {"pk": other.pk}),
        ("staffing_edit", {"pk": other.pk}),
        ("activity_create", {"pk": other.pk}),
        ("report_submit", {"pk": other.pk}),
        ("activity_edit", {"pk": other_activity.pk}),
        ("activity_delete", {"pk": other_activity.pk}),
    ]:
        assert client.get(url(name, **kwargs)).status_code == 404, name
        assert client.post(url(name, **kwargs), activity_data()).status_code == 404, name
    assert Activity.objects.filter(report=other).count() == 1


def test_editor_adds_an_activity(client_for, editor, reports):
    own = reports[0]
    response = client_for(editor).post(url("activity_create", pk=own.pk), activity_data())
    assert response.status_code == 302
    activity = own.activities.get(title="Elterncafé Grundschule")
    assert (activity.count, activity.participants, activity.institutions_reached) == (3, 45, 2)
    assert activity.partners == ["schulen", "freie_traeger"]
    assert activity.education_stage == "primarstufe"


def test_negative_numbers_are_refused_in_german_and_nothing_is_lost(client_for, editor, reports):
    own = reports[0]
    response = client_for(editor).post(
        url("activity_create", pk=own.pk), activity_data(count="0", participants="-5", institutions_reached="-1")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Eine Aktivität findet mindestens einmal statt." in content
    assert content.count("Die Zahl darf nicht negativ sein.") >= 2
    assert 'value="Elterncafé Grundschule"' in content
    assert 'value="-5"' in content
    assert own.activities.count() == 1


def test_stale_activity_form_keeps_the_input(client_for, editor, reports):
    activity = reports[0].activities.get()
    activity.title = "Von jemand anderem geändert"
    activity.save()
    activity.version = 2
    activity.save()
    response = client_for(editor).post(
        url("activity_edit", pk=activity.pk), activity_data(title="Meine Änderung", expected_version="1")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert, seit Sie das Formular geöffnet haben." in content
    assert 'value="Meine Änderung"' in content
    activity.refresh_from_db()
    assert activity.title == "Von jemand anderem geändert"


def test_stale_narrative_form_keeps_the_input(client_for, editor, reports):
    own = reports[0]
    ControllingReport.objects.filter(pk=own.pk).update(version=5)
    response = client_for(editor).post(
        url("report_edit", pk=own.pk), {"narrative": "Mein neuer Text", "expected_version": "1"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Jemand anderes hat diesen Datensatz geändert" in content
    assert "Mein neuer Text" in content
    own.refresh_from_db()
    assert own.narrative == "Dortmunder Kurzbericht"


def test_council_reads_but_may_not_write(client_for, council, reports):
    own = reports[0]
    # The council reads a report once it is published.
    ControllingReport.objects.filter(pk=own.pk).update(state=ReportState.SUBMITTED)
    activity = own.activities.get()
    client = client_for(council)
    content = client.get(own.get_absolute_url()).content.decode()
    assert "Sprachförderung Kita Nordstadt" in content
    assert "Aktivität hinzufügen" not in content
    for name, pk in [
        ("activity_create", own.pk),
        ("report_edit", own.pk),
        ("staffing_edit", own.pk),
        ("report_submit", own.pk),
        ("activity_edit", activity.pk),
        ("activity_delete", activity.pk),
    ]:
        assert client.get(url(name, pk=pk)).status_code == 403, name
        assert client.post(url(name, pk=pk), activity_data()).status_code == 403, name
    assert client.post(url("report_list"), {"year": "2025", "period": "jahr"}).status_code == 403
    assert own.activities.count() == 1


def test_lead_submits_and_the_report_becomes_read_only(client_for, lead, editor, reports):
    own = reports[0]
    assert client_for(editor).get(url("report_submit", pk=own.pk)).status_code == 403
    client = client_for(lead)
    page = client.get(url("report_submit", pk=own.pk)).content.decode()
    assert "Bericht jetzt einreichen" in page
    response = client.post(url("report_submit", pk=own.pk))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.state == ReportState.SUBMITTED
    activity = own.activities.get()
    for name, pk in [
        ("activity_create", own.pk),
        ("report_edit", own.pk),
        ("staffing_edit", own.pk),
        ("activity_edit", activity.pk),
        ("activity_delete", activity.pk),
        ("report_submit", own.pk),
    ]:
        assert client.post(url(name, pk=pk), activity_data()).status_code == 403, name
    assert own.activities.count() == 1
    assert "kann nicht mehr geändert werden" in client.get(own.get_absolute_url()).content.decode()


def test_submit_page_lists_what_is_missing(client_for, lead, dortmund):
    report = ReportFactory(municipality=dortmund, narrative="")
    content = client_for(lead).get(url("report_submit", pk=report.pk)).content.decode()
    assert "Erfassen Sie vor dem Einreichen mindestens eine Aktivität." in content
    assert "Bericht jetzt einreichen" not in content


def test_create_outside_the_grant_keeps_the_input(client_for, editor, dortmund_grant):
    response = client_for(editor).post(url("report_list"), {"year": "2030", "period": "h1"})
    content = response.content.decode()
    assert "2030 liegt außerhalb der Förderzeiträume" in content
    assert 'value="2030"' in content
    assert ControllingReport.objects.count() == 0
    response = client_for(editor).post(url("report_list"), {"year": "2025", "period": "jahr"})
    assert response.status_code == 302
    assert ControllingReport.objects.get().due_date == date(2026, 3, 31)


def test_state_overview_for_state_roles_only(client_for, coordination, authority, editor, reports, frozen_today):
    assert client_for(editor).get(url("state_overview")).status_code == 403
    for user in (coordination, authority):
        content = client_for(user).get(url("state_overview") + "?jahr=2025").content.decode()
        assert "Controllingberichte 2025 aller KIZ" in content
        assert "Dortmund" in content and "Bochum" in content
        assert "Überfällig" in content


def test_home_page_of_city_roles_shows_due_reports(client_for, editor, reports, frozen_today):
    content = client_for(editor).get(reverse("home")).content.decode()
    assert "Programmcontrolling" in content
    assert "Controllingbericht 2025" in content
    assert "Überfällig" in content  # due 31.03.2026


def _grow(dortmund, report, n):
    for i in range(n):
        ActivityFactory(report=report, field_of_action=["bildung", "sport", "kultur"][i % 3], partners=["schulen"])
        other = ReportFactory(municipality=MunicipalityFactory(), year=report.year, state=ReportState.SUBMITTED)
        ActivityFactory(report=other)
        staffing(other, paed_fachkraft="1.00")


def test_report_page_queries_stay_constant(client_for, editor, dortmund, reports):
    own = reports[0]
    client = client_for(editor)
    _grow(dortmund, own, 3)
    with CaptureQueriesContext(connection) as few:
        assert client.get(own.get_absolute_url()).status_code == 200
    _grow(dortmund, own, 27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(own.get_absolute_url())
    assert response.context["average"].reports == 30
    assert len(response.context["groups"][0]["items"]) > 10
    assert len(few) == len(many)


def test_state_overview_queries_stay_constant(client_for, coordination, dortmund):
    client = client_for(coordination)

    def grow(n):
        for _ in range(n):
            ReportFactory(municipality=MunicipalityFactory(), year=2025)
            MunicipalityFactory()

    grow(3)
    with CaptureQueriesContext(connection) as few:
        client.get(url("state_overview") + "?jahr=2025")
    grow(27)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("state_overview") + "?jahr=2025")
    assert len(response.context["rows"]) == 61  # Dortmund + 30 with a report + 30 without
    assert len(few) == len(many)


def test_staffing_form_refuses_negative_fte_and_saves_valid_values(client_for, editor, reports):
    own = reports[0]
    client = client_for(editor)
    page = client.get(url("staffing_edit", pk=own.pk)).content.decode()
    assert 'value="2,00"' in page  # prefilled, German notation
    response = client.post(
        url("staffing_edit", pk=own.pk), {"paed_fachkraft": "-1", "lehrkraft": "2,00", "expected_version": "1"}
    )
    content = response.content.decode()
    assert "Die besetzten VZÄ dürfen nicht negativ sein." in content
    assert 'value="2,00"' in content
    response = client.post(
        url("staffing_edit", pk=own.pk), {"paed_fachkraft": "zwei", "lehrkraft": "2,00", "expected_version": "1"}
    )
    assert "Bitte eine Zahl eingeben, geschrieben wie „0,75“ oder „0.75“." in response.content.decode()
    response = client.post(
        url("staffing_edit", pk=own.pk), {"paed_fachkraft": "1,75", "lehrkraft": "2.5", "expected_version": "1"}
    )
    assert response.status_code == 302
    assert dict(own.staffing.values_list("category", "fte")) == {
        "paed_fachkraft": Decimal("1.75"),
        "lehrkraft": Decimal("2.50"),
    }


def test_editor_saves_the_narrative_and_deletes_an_activity(client_for, editor, reports):
    own = reports[0]
    activity = own.activities.get()
    client = client_for(editor)
    response = client.post(url("report_edit", pk=own.pk), {"narrative": "Neuer Kurzbericht", "expected_version": "1"})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.narrative == "Neuer Kurzbericht"
    stale = client.post(url("activity_delete", pk=activity.pk), {"expected_version": "7"})
    assert stale.status_code == 302
    assert own.activities.count() == 1
    client.post(url("activity_delete", pk=activity.pk), {"expected_version": str(activity.version)})
    assert own.activities.count() == 0
