from decimal import Decimal

from reporting.controlling.indicators import Figures, average, indicators


def test_indicators_of_one_report():
    figures = Figures(
        occurrences=87,
        fte=Decimal("6.50"),
        fields=frozenset({"bildung", "erziehung", "beschaeftigung", "kultur", "sport"}),
        stages=frozenset({"fruehe_bildung", "primarstufe"}),
        institutions=143,
    )
    result = indicators(figures)
    assert result.activities_per_fte == Decimal("13.38")  # 87 / 6.5 = 13.3846…
    assert result.field_coverage == Decimal("55.6")  # 5 of 9
    assert result.stage_coverage == Decimal("40.0")  # 2 of 5
    assert result.institutions_reached == Decimal("143")


def test_no_fte_means_no_activities_per_fte():
    result = indicators(Figures(occurrences=10, fte=Decimal("0")))
    assert result.activities_per_fte is None
    assert result.field_coverage == Decimal("0.0")


def test_average_is_taken_from_unrounded_values():
    reports = [
        Figures(occurrences=10, fte=Decimal("3"), fields=frozenset({"bildung"}), institutions=10),  # 3.333…
        Figures(occurrences=10, fte=Decimal("6"), fields=frozenset({"bildung", "sport"}), institutions=5),  # 1.666…
        Figures(occurrences=4, fte=Decimal("0"), stages=frozenset({"sek1", "sek2", "uebergang"}), institutions=0),
    ]
    result = average(reports)
    assert result.reports == 3
    assert result.activities_per_fte == Decimal("2.50")  # (3.333… + 1.666…) / 2, the report without FTE left out
    assert result.field_coverage == Decimal("11.1")  # (11.11 + 22.22 + 0) / 3 = 11.11
    assert result.stage_coverage == Decimal("20.0")  # (0 + 0 + 60) / 3
    assert result.institutions_reached == Decimal("5.0")  # (10 + 5 + 0) / 3


def test_average_without_reports_is_none():
    assert average([]) is None
