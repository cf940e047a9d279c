"""The integration council reads submitted controlling reports only: no draft, no draft's activities, no PDF of it."""

import pytest
from django.urls import reverse

from reporting import services
from reporting.contents import find_controlling_report
from reporting.controlling.models import ControllingReport, ReportState
from reporting.models import ReportDocument, ReportKind
from tests.factories import user_with_role
from tests.reporting.controlling.factories import ActivityFactory, ReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reports(dortmund, bochum):
    submitted = ReportFactory(municipality=dortmund, year=2024, state=ReportState.SUBMITTED)
    ActivityFactory(report=submitted, title="Elterncafé Nordstadt")
    draft = ReportFactory(municipality=dortmund, year=2025)
    ActivityFactory(report=draft, title="Entwurfsaktivität Hafen")
    foreign = ReportFactory(municipality=bochum, year=2024, state=ReportState.SUBMITTED)
    ActivityFactory(report=foreign, title="Bochumer Netzwerktreffen")
    return submitted, draft, foreign


def export(client, report):
    return client.get(reverse("reporting:dashboards:activities_export", kwargs={"pk": report.pk, "fmt": "csv"}))


def test_council_reads_the_submitted_report_only(client_for, council, reports):
    submitted, draft, _foreign = reports
    client = client_for(council)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert export(client, draft).status_code == 404
    activity = draft.activities.get()
    edit = reverse("reporting:controlling:activity_edit", kwargs={"pk": activity.pk})
    assert client.get(edit).status_code == 404
    assert "Elterncafé Nordstadt" in client.get(submitted.get_absolute_url()).content.decode()
    assert "Elterncafé Nordstadt" in export(client, submitted).content.decode()
    listing = client.get(reverse("reporting:controlling:report_list")).content.decode()
    assert f'href="{submitted.get_absolute_url()}"' in listing
    assert f'href="{draft.get_absolute_url()}"' not in listing


def test_editors_see_their_draft(client_for, editor, reports):
    _submitted, draft, _foreign = reports
    client = client_for(editor)
    assert "Entwurfsaktivität Hafen" in client.get(draft.get_absolute_url()).content.decode()
    assert "Entwurfsaktivität Hafen" in export(client, draft).content.decode()


def test_bochum_stays_hidden_from_dortmund_council(client_for, council, reports):
    _submitted, _draft, foreign = reports
    client = client_for(council)
    assert client.get(foreign.get_absolute_url()).status_code == 404
    assert export(client, foreign).status_code == 404
    bochum_council = user_with_role("council", foreign.municipality)
    assert "Bochumer Netzwerktreffen" in client_for(bochum_council).get(foreign.get_absolute_url()).content.decode()


def test_no_pdf_of_a_draft_for_anybody(dortmund, lead, coordination, reports):
    submitted, draft, _foreign = reports
    assert find_controlling_report(dortmund, draft.pk) is None
    assert find_controlling_report(dortmund) == submitted
    for user in (lead, coordination):
        with pytest.raises(services.ReportNotAvailable):
            services.report_request(
                kind=ReportKind.CONTROLLING_REPORT, municipality=dortmund, user=user, subject_id=draft.pk
            )
    document = services.report_request(
        kind=ReportKind.CONTROLLING_REPORT, municipality=dortmund, user=lead, subject_id=submitted.pk
    )
    assert list(ReportDocument.objects.values_list("subject_id", flat=True)) == [document.subject_id] == [submitted.pk]
    assert ControllingReport.objects.get(pk=draft.pk).state == ReportState.DRAFT
