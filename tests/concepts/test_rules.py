from datetime import date

import pytest

from concepts.rules import ConceptAgeRule, add_years, age_in_years, is_too_old, prerequisite_findings
from concepts.services import concept_new_version, concept_record_resolution
from kiz.choices import FocusTheme
from kiz.findings import Severity
from tests.concepts.factories import AdoptedConceptFactory, ConceptFactory, full_concept

pytestmark = pytest.mark.django_db


def codes(findings):
    return [f.code for f in findings]


def test_complete_adopted_concept_has_no_findings(dortmund):
    full_concept(dortmund)
    assert prerequisite_findings(dortmund, date(2025, 1, 1)) == []


def test_concept_missing_when_nothing_adopted(dortmund):
    full_concept(dortmund, factory_class=ConceptFactory)  # a draft does not count
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert codes(findings) == ["concept_missing"]
    assert findings[0].severity == Severity.ERROR
    assert "Dortmund" in findings[0].message
    assert "01.01.2025" in findings[0].message


def test_concept_missing_before_the_resolution(dortmund):
    full_concept(dortmund)  # adopted 21.03.2024
    assert codes(prerequisite_findings(dortmund, date(2024, 3, 20))) == ["concept_missing"]
    assert prerequisite_findings(dortmund, date(2024, 3, 21)) == []


def test_concept_too_old_after_the_limit_with_date_and_age(dortmund):
    full_concept(dortmund, resolution_date=date(2019, 5, 16))
    assert prerequisite_findings(dortmund, date(2022, 5, 16)) == []  # exactly three years: still valid
    findings = prerequisite_findings(dortmund, date(2022, 5, 17))
    assert codes(findings) == ["concept_too_old"]
    finding = findings[0]
    assert finding.severity == Severity.ERROR
    assert finding.numbers == {"resolution_date": date(2019, 5, 16), "age_years": 3, "max_age_years": 3}
    assert "16.05.2019" in finding.message


def test_age_limit_comes_from_the_caller(dortmund):
    full_concept(dortmund, resolution_date=date(2019, 5, 16))
    on = date(2024, 1, 10)
    assert codes(prerequisite_findings(dortmund, on)) == ["concept_too_old"]
    assert prerequisite_findings(dortmund, on, age_rule=ConceptAgeRule(5)) == []
    assert prerequisite_findings(dortmund, on, age_rule=ConceptAgeRule(4))[0].numbers["age_years"] == 4


@pytest.mark.parametrize(
    ("empty", "theme"),
    [("education_text", FocusTheme.EDUCATION), ("cross_cutting_text", FocusTheme.CROSS_CUTTING)],
)
def test_focus_theme_empty_text(dortmund, empty, theme):
    full_concept(dortmund, **{empty: "  "})
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert codes(findings) == ["focus_theme_empty"]
    assert findings[0].field == theme.value
    assert findings[0].numbers == {"text_missing": True, "work_plan_missing": False}


def test_focus_theme_empty_when_its_work_plan_is_empty(dortmund):
    concept = full_concept(dortmund)
    concept.work_plan.filter(theme=FocusTheme.CROSS_CUTTING).delete()
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert [(f.code, f.field) for f in findings] == [("focus_theme_empty", "querschnitt")]
    assert "Arbeitsplan" in findings[0].message


def test_one_finding_per_empty_theme(dortmund):
    AdoptedConceptFactory(municipality=dortmund, education_text="", cross_cutting_text="")
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert [(f.code, f.field) for f in findings] == [
        ("focus_theme_empty", "bildung"),
        ("focus_theme_empty", "querschnitt"),
    ]


def test_anchoring_missing(dortmund):
    full_concept(dortmund, anchoring_text="")
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert codes(findings) == ["anchoring_missing"]
    assert findings[0].message == "Das Konzept beschreibt die organisatorische Anbindung des KIZ nicht."


def test_resolution_missing_on_an_adopted_version(dortmund):
    full_concept(dortmund, resolution_date=None, resolution_body="", resolution_paper="", adopted_on=date(2024, 6, 27))
    findings = prerequisite_findings(dortmund, date(2025, 1, 1))
    assert codes(findings) == ["resolution_missing"]
    # without a resolution the age counts from the adoption
    assert codes(prerequisite_findings(dortmund, date(2027, 6, 28))) == ["resolution_missing", "concept_too_old"]


def test_findings_use_the_version_in_force_at_the_date(dortmund, lead):
    first = full_concept(dortmund, resolution_date=date(2013, 6, 20))
    second = concept_new_version(concept=first, user=lead)
    second.anchoring_text = ""
    second.save()
    concept_record_resolution(
        concept=second,
        expected_version=second.version,
        user=lead,
        body="rat",
        resolution_date=date(2016, 5, 1),
        paper="1/2016",
        outcome="adopted",
    )
    assert prerequisite_findings(dortmund, date(2015, 1, 1)) == []
    assert codes(prerequisite_findings(dortmund, date(2016, 6, 1))) == ["anchoring_missing"]


def test_other_municipality_does_not_count(dortmund, bochum):
    full_concept(bochum)
    assert codes(prerequisite_findings(dortmund, date(2025, 1, 1))) == ["concept_missing"]


def test_date_helpers():
    assert add_years(date(2020, 2, 29), 3) == date(2023, 2, 28)
    assert age_in_years(date(2019, 5, 16), date(2022, 5, 15)) == 2
    assert age_in_years(date(2019, 5, 16), date(2022, 5, 16)) == 3
    assert not is_too_old(date(2019, 5, 16), date(2022, 5, 16), 3)
    assert is_too_old(date(2019, 5, 16), date(2022, 5, 17), 3)
