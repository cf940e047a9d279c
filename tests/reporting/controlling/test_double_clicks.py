"""A simultaneous second "Bericht anlegen" gets the form message of a later click, not a server error."""

from datetime import date

import pytest
from django.urls import reverse

from reporting.controlling import services
from reporting.controlling.models import ControllingReport
from tests.races import faster_click

pytestmark = pytest.mark.django_db


def test_report_create_raced_by_a_faster_click(monkeypatch, client_for, editor, dortmund, dortmund_grant):
    faster_click(
        monkeypatch,
        services,
        lambda: ControllingReport.objects.create(
            municipality=dortmund, year=2025, period="jahr", due_date=date(2026, 3, 31)
        ),
    )
    response = client_for(editor).post(reverse("reporting:controlling:report_list"), {"year": "2025", "period": "jahr"})
    assert response.status_code == 200
    assert "Für diesen Zeitraum gibt es bereits einen Controllingbericht." in response.content.decode()


@pytest.mark.parametrize("version", ["²", "١", " 1", "1.0", "-1", "99999999999999999999999", None])
def test_a_delete_with_a_version_that_is_no_plain_number_is_stale(version, client_for, editor, dortmund):
    from tests.reporting.controlling.factories import ActivityFactory, ReportFactory

    activity = ActivityFactory(report=ReportFactory(municipality=dortmund))
    data = {} if version is None else {"expected_version": version}
    url = reverse("reporting:controlling:activity_delete", kwargs={"pk": activity.pk})
    response = client_for(editor).post(url, data)
    assert response.status_code == 302 and response.url == url
    message = list(response.wsgi_request._messages)[0].message
    assert message == "Jemand anderes hat diese Aktivität inzwischen geändert. Bitte prüfen Sie sie erneut."
    assert activity.report.activities.count() == 1
