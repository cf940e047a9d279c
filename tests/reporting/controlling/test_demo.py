from datetime import date

import pytest

from kiz import demo as kiz_demo
from reporting import demo as reporting_demo
from reporting.controlling import services
from reporting.controlling.models import ControllingReport, ReportState
from reporting.controlling.rules import DueStatus
from staffing import demo as staffing_demo

pytestmark = pytest.mark.django_db


def test_demo_reports(monkeypatch):
    monkeypatch.setattr(services, "today", lambda: date(2026, 11, 25))
    kiz_demo.seed()
    staffing_demo.seed()
    reporting_demo.seed()
    reporting_demo.seed()  # idempotent
    dortmund = ControllingReport.objects.filter(municipality__ags="05913000")
    assert sorted(dortmund.submitted().values_list("year", flat=True)) == [2013, 2014, 2015, 2016, 2017, 2025]
    assert list(dortmund.drafts().values_list("year", flat=True)) == [2026]
    report_2016 = dortmund.get(year=2016)
    assert report_2016.activities.count() == 15
    assert report_2016.submitted_at.date() == date(2017, 3, 17)
    assert report_2016.staffing.exists()
    indicators = services.report_indicators(report_2016)
    assert indicators.field_coverage == 100  # all nine fields by 2016
    rows = services.state_table(year=2025, today=date(2026, 11, 25))
    overdue = {r.municipality.name for r in rows if r.status == DueStatus.OVERDUE and r.report is not None}
    assert overdue == {"Essen", "Köln"}
    assert ControllingReport.objects.filter(year=2025, state=ReportState.SUBMITTED).count() == 5
