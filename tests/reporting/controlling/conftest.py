import pytest

from tests.reporting.controlling.factories import grant


@pytest.fixture
def dortmund_grant(dortmund):
    return grant(dortmund, 2024, until=2026)


@pytest.fixture
def frozen_today(monkeypatch):
    """Fix 'today' for the due-date status: 25 November 2026."""
    from datetime import date

    from reporting.controlling import services

    monkeypatch.setattr(services, "today", lambda: date(2026, 11, 25))
    return date(2026, 11, 25)
