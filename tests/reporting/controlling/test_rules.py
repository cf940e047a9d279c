from datetime import date

import pytest

from reporting.controlling.rules import (
    DueStatus,
    default_due_date,
    due_status,
    period_conflict,
    submission_problems,
    year_outside_grant,
)

DUE = date(2026, 3, 31)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 2, 28), DueStatus.OPEN),  # 31 days before
        (date(2026, 3, 1), DueStatus.DUE_SOON),  # 30 days before
        (date(2026, 3, 31), DueStatus.DUE_SOON),  # the due date itself
        (date(2026, 4, 1), DueStatus.OVERDUE),  # the day after
        (date(2027, 1, 1), DueStatus.OVERDUE),
    ],
)
def test_due_status_boundaries(today, expected):
    assert due_status(due_date=DUE, submitted=False, today=today) == expected


def test_submitted_is_submitted_even_when_late():
    assert due_status(due_date=DUE, submitted=True, today=date(2027, 1, 1)) == DueStatus.SUBMITTED


def test_default_due_dates():
    assert default_due_date(2025, "jahr") == date(2026, 3, 31)
    assert default_due_date(2025, "h1") == date(2025, 9, 30)
    assert default_due_date(2025, "h2") == date(2026, 3, 31)


def test_a_year_is_reported_whole_or_in_halves():
    assert period_conflict(year=2025, period="jahr", existing=[]) is None
    assert period_conflict(year=2025, period="h2", existing=["h1"]) is None
    assert period_conflict(year=2025, period="jahr", existing=["jahr"]) == (
        "Für diesen Zeitraum gibt es bereits einen Controllingbericht."
    )
    assert period_conflict(year=2025, period="jahr", existing=["h1"]) == "2025 wird bereits in Halbjahren berichtet."
    assert period_conflict(year=2025, period="h1", existing=["jahr"]) == "2025 wird bereits als ganzes Jahr berichtet."


def test_report_must_lie_in_a_funded_period():
    grants = [(date(2013, 7, 1), date(2017, 12, 31))]
    assert year_outside_grant(year=2013, period="jahr", grant_periods=grants) is None
    assert year_outside_grant(year=2013, period="h1", grant_periods=grants) is not None  # ends 30 June
    assert year_outside_grant(year=2017, period="h2", grant_periods=grants) is None
    message = year_outside_grant(year=2018, period="jahr", grant_periods=grants)
    assert message.startswith("2018 liegt außerhalb der Förderzeiträume")
    assert year_outside_grant(year=2018, period="jahr", grant_periods=[]).startswith("Für Ihr Integrationszentrum")


def test_submission_needs_activities_and_narrative():
    assert submission_problems(activity_count=0, narrative="  ") == [
        "Erfassen Sie vor dem Einreichen mindestens eine Aktivität.",
        "Schreiben Sie vor dem Einreichen einen Kurzbericht.",
    ]
    assert submission_problems(activity_count=1, narrative="Bericht") == []
