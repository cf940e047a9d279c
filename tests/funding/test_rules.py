"""The eligibility rules: one test per finding code, with the euro amounts worked out by hand.

Test rates: T 60 = 60.000 €, T 45 = 45.000 €, T 40 = 40.000 € a year for a full-time post.
"""

from datetime import date
from decimal import Decimal as D

import pytest

from funding.applications.financing import financing_plan
from funding.applications.rules import application_findings, assess
from kiz.findings import Severity
from kiz.models import Municipality
from staffing.models import FundingSource, PostCategory
from tests.factories import MunicipalityFactory

from .factories import (
    PostFactory,
    StaffPlanFactory,
    add_item,
    application_for,
    concept_ok,
    concepts_every_three_years,
    dortmund_2012_plan,
)

pytestmark = pytest.mark.django_db


def codes(findings):
    return [f.code for f in findings]


def only(findings, code):
    found = [f for f in findings if f.code == code]
    assert len(found) == 1, codes(findings)
    return found[0]


@pytest.fixture
def kreis(db):
    municipality = MunicipalityFactory(name="Kreis Unna", ags="05978000", kind=Municipality.Kind.KREIS)
    concepts_every_three_years(municipality)
    return municipality


@pytest.fixture
def city(dortmund):
    concepts_every_three_years(dortmund)
    return dortmund


# --- the financing plan -----------------------------------------------------------------------------------


def test_2012_dortmund_plan_is_capped_per_post(city):
    dortmund_2012_plan(city, 2014)
    application = application_for(city, 2014)
    plan, findings = assess(application)
    assert application.guideline.name == "Förderrichtlinie 2012"
    eligible = {line.post.title: line.eligible for line in plan.lines}
    assert eligible == {
        "Pädagogische Fachkraft (MIA-DO)": D("50000.00"),  # 60.000 € expected, capped at 50.000 €
        "Pädagogische Fachkraft (Schulverwaltung)": D("45000.00"),  # below the cap: the expected costs
        "Verwaltungsfachkraft": D("50000.00"),
        "Verwaltungsassistenz": D("20000.00"),  # 0,5 × 45.000 € = 22.500 €, capped at 0,5 × 40.000 €
        "Lehrkraft 1 (ehem. RAA)": D("0.00"),
        "Lehrkraft 2 (ehem. RAA)": D("0.00"),
    }
    assert plan.expected_personnel == D("187500.00")  # teachers are not the municipality's costs
    assert plan.personnel_eligible == D("165000.00")
    assert plan.annual_cap == D("170000.00")
    assert plan.max_grant == D("165000.00")
    assert plan.requested == D("165000.00")  # no amount entered: the maximum
    assert findings == []
    line = next(line for line in plan.lines if line.post.title == "Verwaltungsassistenz")
    assert line.explanation == (
        "Niedrigerer Betrag aus erwarteten Kosten 22.500,00\u00a0€ und Höchstbetrag "
        "40.000,00\u00a0€ × 0,50 VZÄ × 12/12 Monate = 20.000,00\u00a0€: 20.000,00\u00a0€."
    )


def test_2018_fixed_amount_is_paid_whatever_the_costs(city):
    plan = StaffPlanFactory(municipality=city, year=2019)
    PostFactory(plan=plan, title="Fachkraft", pay_grade="T 45")
    PostFactory(plan=plan, title="Assistenz", category=PostCategory.VERWALTUNGSASSISTENZ, fte=D("0.50"))
    application = application_for(city, 2019)
    result = financing_plan(application)
    assert application.guideline.name == "Förderrichtlinie 2018"
    assert [line.eligible for line in result.lines] == [D("50000.00"), D("20000.00")]
    assert result.annual_cap == D("270000.00")  # kreisfreie Stadt


def test_2020_edition_full_financing_up_to_maximum_for_a_kreis(kreis):
    plan = StaffPlanFactory(municipality=kreis, year=2021)
    for n in range(6):
        PostFactory(plan=plan, title=f"Fachkraft {n}", pay_grade="T 60")
    PostFactory(
        plan=plan, title="Assistenz", category=PostCategory.VERWALTUNGSASSISTENZ, fte=D("0.50"), pay_grade="T 45"
    )
    application = application_for(kreis, 2021)
    add_item(application, "50000.00")
    result, findings = assess(application)
    assert application.guideline.name == "Förderrichtlinie 2018, Änderung 2020"
    assert {line.eligible for line in result.lines if line.post.category == "paed_fachkraft"} == {D("55000.00")}
    assert result.personnel_eligible == D("352500.00")  # 6 × 55.000 € + 22.500 €
    assert result.annual_cap == D("352500.00")
    assert result.extras_eligible == D("50000.00")
    assert result.max_grant == D("402500.00")
    assert findings == []


def test_2023_edition_pays_expected_costs_below_the_maximum(city):
    plan = StaffPlanFactory(municipality=city, year=2024)
    PostFactory(plan=plan, title="Fachkraft teuer", pay_grade="T 60")
    PostFactory(plan=plan, title="Fachkraft günstig", pay_grade="T 45")
    application = application_for(city, 2024)
    result = financing_plan(application)
    assert [line.eligible for line in result.lines] == [D("57000.00"), D("45000.00")]
    assert result.annual_cap == D("307500.00")


def test_pro_rating_rounds_half_up_to_the_cent(city):
    plan = StaffPlanFactory(municipality=city, year=2014)
    # 50.000 € × 0,37 × 7/12 = 10.791,666… → 10.791,67 €; expected 60.000 € × 0,37 × 7/12 = 12.950,00 €
    PostFactory(plan=plan, title="Teilzeit A", fte=D("0.37"), filled_months=7)
    # 50.000 € × 0,37 × 5/12 = 7.708,333… → 7.708,33 €
    PostFactory(plan=plan, title="Teilzeit B", fte=D("0.37"), filled_months=5)
    application = application_for(city, 2014)
    result = financing_plan(application)
    assert [line.eligible for line in result.lines] == [D("10791.67"), D("7708.33")]
    assert result.personnel_eligible == D("18500.00")


# --- one test per finding code ----------------------------------------------------------------------------


def test_concept_findings_pass_through_with_the_editions_age_limit(dortmund):
    dortmund_2012_plan(dortmund, 2014)
    application = application_for(dortmund, 2014)
    assert "concept_missing" in codes(application_findings(application))
    concept_ok(dortmund, adopted=date(2010, 6, 1))
    assert "concept_too_old" in codes(application_findings(application))  # 3 years in the 2012 edition
    guideline = application.guideline
    guideline.concept_max_age_years = 5
    guideline.save()
    application.guideline.refresh_from_db()
    assert "concept_too_old" not in codes(application_findings(application))


def test_period_outside_guideline(city):
    dortmund_2012_plan(city, 2017)
    application = application_for(city, 2017, period_start=date(2017, 7, 1), period_end=date(2018, 6, 30))
    finding = only(application_findings(application), "period_outside_guideline")
    assert finding.severity == Severity.ERROR
    assert "01.07.2017 – 30.06.2018" in finding.message
    assert "gültig 01.01.2017 – 31.12.2017" in finding.message
    assert finding.numbers["valid_until"] == date(2017, 12, 31)


def test_period_without_any_edition(city):
    application = application_for(city, 2012, period_start=date(2011, 1, 1), period_end=date(2011, 12, 31))
    application.guideline = None
    application.save()
    finding = only(application_findings(application), "period_outside_guideline")
    assert "Für den Förderzeitraum 01.01.2011 – 31.12.2011 gilt keine Fassung" in finding.message


def test_category_fte_over_max_2012(city):
    plan = dortmund_2012_plan(city, 2014)
    PostFactory(plan=plan, title="Dritte Fachkraft", fte=D("0.50"))
    finding = only(application_findings(application_for(city, 2014)), "category_fte_over_max")
    assert finding.numbers["planned"] == D("2.50")
    assert finding.numbers["max"] == D("2.00")
    assert finding.message == (
        "Pädagogische und sonstige Fachkräfte, Leitung: 2,50 VZÄ geplant, die Fassung erlaubt höchstens 2,00 VZÄ."
    )


def test_category_fte_pool_2018_differs_by_municipality_kind(city, kreis):
    for municipality in (city, kreis):
        plan = StaffPlanFactory(municipality=municipality, year=2019)
        for n in range(6):
            PostFactory(
                plan=plan, title=f"Fachkraft {n}", category=PostCategory.VERWALTUNGSFACHKRAFT if n else "leitung"
            )
    city_findings = application_findings(application_for(city, 2019))
    assert only(city_findings, "category_fte_over_max").numbers == {
        "rule": "Fachkraftstellen (kreisfreie Stadt)",
        "categories": ["paed_fachkraft", "fachkraft_sonstige", "verwaltungsfachkraft", "leitung"],
        "planned": D("6.00"),
        "max": D("5.00"),
    }
    assert "category_fte_over_max" not in codes(application_findings(application_for(kreis, 2019)))


def test_successor_posts_are_not_counted_twice(city):
    plan = dortmund_2012_plan(city, 2014)
    PostFactory(plan=plan, title="Nachfolge", starts_on=date(2014, 7, 1), filled_months=6)
    old = plan.posts.get(title="Pädagogische Fachkraft (MIA-DO)")
    old.ends_on = date(2014, 6, 30)
    old.filled_months = 6
    old.save()
    assert "category_fte_over_max" not in codes(application_findings(application_for(city, 2014)))


def test_municipal_fte_over_max(city):
    plan = dortmund_2012_plan(city, 2014)
    PostFactory(
        plan=plan, title="Zusätzliche Verwaltungsfachkraft", category=PostCategory.VERWALTUNGSFACHKRAFT, fte=D("0.50")
    )
    finding = only(application_findings(application_for(city, 2014)), "municipal_fte_over_max")
    assert (finding.numbers["planned"], finding.numbers["max"]) == (D("4.00"), D("3.50"))
    assert "4,00 VZÄ geplant, höchstens 3,50 VZÄ zulässig" in finding.message


def test_own_funded_posts_do_not_count_against_the_maximum(city):
    plan = dortmund_2012_plan(city, 2014)
    PostFactory(plan=plan, title="Kommunal finanziert", funding_source=FundingSource.KOMMUNAL)
    findings = application_findings(application_for(city, 2014))
    assert "category_fte_over_max" not in codes(findings)
    assert "municipal_fte_over_max" not in codes(findings)


def test_grant_above_cap(city):
    plan = StaffPlanFactory(municipality=city, year=2014)
    for n in range(3):
        PostFactory(plan=plan, title=f"Fachkraft {n}")
    PostFactory(plan=plan, title="Verwaltung", category=PostCategory.VERWALTUNGSFACHKRAFT)
    application = application_for(city, 2014, requested=D("200000.00"))
    result, findings = assess(application)
    assert result.total_eligible == D("200000.00")  # 4 × 50.000 €, one specialist too many
    assert result.max_grant == D("170000.00")
    finding = only(findings, "grant_above_cap")
    assert (finding.numbers["requested"], finding.numbers["cap"]) == (D("200000.00"), D("170000.00"))
    assert "grant_above_eligible" not in codes(findings)
    assert "200.000,00\u00a0€" in finding.message and "170.000,00\u00a0€" in finding.message


def test_grant_above_eligible(city):
    dortmund_2012_plan(city, 2014)
    application = application_for(city, 2014, requested=D("165000.01"))
    finding = only(application_findings(application), "grant_above_eligible")
    assert finding.numbers == {"requested": D("165000.01"), "eligible": D("165000.00")}
    assert finding.field == "requested_grant"
    assert finding.message == (
        "Die beantragte Zuwendung von 165.000,01\u00a0€ liegt über den zuwendungsfähigen Ausgaben von "
        "165.000,00\u00a0€."
    )


def test_grant_at_the_eligible_amount_is_fine(city):
    dortmund_2012_plan(city, 2014)
    assert application_findings(application_for(city, 2014, requested=D("165000.00"))) == []


def test_teacher_grant_funded(city):
    plan = dortmund_2012_plan(city, 2014)
    teacher = plan.posts.get(title="Lehrkraft 1 (ehem. RAA)")
    teacher.funding_source = FundingSource.LANDESZUSCHUSS
    teacher.save()
    result, findings = assess(application_for(city, 2014))
    finding = only(findings, "post_outside_grant")
    assert finding.field == f"post:{teacher.pk}"
    assert next(line for line in result.lines if line.post == teacher).eligible == D("0.00")


def test_term_ends_in_year_is_pro_rated(city):
    plan = StaffPlanFactory(municipality=city, year=2017)
    post = PostFactory(plan=plan, title="Befristet", ends_on=date(2017, 6, 30), filled_months=12)
    result, findings = assess(application_for(city, 2017))
    finding = only(findings, "term_ends_in_year")
    assert finding.severity == Severity.WARNING
    assert finding.numbers["months"] == 6
    assert finding.numbers["eligible"] == D("25000.00")  # min(60.000 € × 6/12, 50.000 € × 6/12)
    assert result.lines[0].post == post
    assert "30.06.2017" in finding.message and "6 von 12 Monaten" in finding.message


def test_term_ending_on_31_december_is_no_finding(city):
    plan = StaffPlanFactory(municipality=city, year=2017)
    PostFactory(plan=plan, ends_on=date(2017, 12, 31))
    assert "term_ends_in_year" not in codes(application_findings(application_for(city, 2017)))


def test_vacancy_prorated(city):
    plan = StaffPlanFactory(municipality=city, year=2021)
    PostFactory(plan=plan, title="Teilweise unbesetzt", filled_months=9)
    result, findings = assess(application_for(city, 2021))
    finding = only(findings, "vacancy_prorated")
    # 2020 edition: min(60.000 € × 9/12 = 45.000 €, 55.000 € × 9/12 = 41.250 €)
    assert finding.numbers["eligible"] == D("41250.00")
    assert (finding.numbers["filled_months"], finding.numbers["term_months"]) == (9, 12)
    assert result.personnel_eligible == D("41250.00")


def test_raa_transition_expired(city):
    dortmund_2012_plan(city, 2014)
    finding = only(application_findings(application_for(city, 2014, raa_transition=True)), "raa_transition_expired")
    assert finding.severity == Severity.ERROR
    assert finding.numbers["deadline"] == date(2013, 7, 31)
    assert "31.07.2013" in finding.message


def test_raa_transition_within_and_partly_within_the_deadline(city):
    dortmund_2012_plan(city, 2012)
    assert "raa_transition_expired" not in codes(
        application_findings(
            application_for(
                city, 2012, raa_transition=True, period_start=date(2012, 8, 1), period_end=date(2013, 7, 31)
            )
        )
    )
    dortmund_2012_plan(city, 2013)
    partly = application_for(city, 2013, raa_transition=True)
    assert only(application_findings(partly), "raa_transition_expired").severity == Severity.WARNING


def test_raa_transition_in_an_edition_without_the_rule(city):
    StaffPlanFactory(municipality=city, year=2019)
    finding = only(application_findings(application_for(city, 2019, raa_transition=True)), "raa_transition_expired")
    assert finding.severity == Severity.ERROR
    assert finding.numbers == {"deadline": None}


def test_extra_item_above_max_2023(city):
    StaffPlanFactory(municipality=city, year=2024)
    application = application_for(city, 2024)
    add_item(application, "60000.00")
    result, findings = assess(application)
    finding = only(findings, "extra_item_above_max")
    assert (finding.numbers["requested"], finding.numbers["max"]) == (D("60000.00"), D("50000.00"))
    assert result.extras_eligible == D("50000.00")
    assert (
        finding.message
        == "Laiensprachmittlerpool: 60.000,00\u00a0€ beantragt, höchstens 50.000,00\u00a0€ im Jahr zuwendungsfähig."
    )


def test_staff_plan_missing(city):
    finding = only(application_findings(application_for(city, 2014)), "staff_plan_missing")
    assert finding.numbers == {"year": 2014}


def test_pay_rate_missing(city):
    plan = StaffPlanFactory(municipality=city, year=2014)
    PostFactory(plan=plan, title="Ohne Satz", pay_grade="EG 99")
    result, findings = assess(application_for(city, 2014))
    assert only(findings, "pay_rate_missing").severity == Severity.WARNING
    assert result.personnel_eligible == D("0.00")


def test_findings_run_a_constant_number_of_queries(city, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    plan = dortmund_2012_plan(city, 2014)
    application = application_for(city, 2014)
    with CaptureQueriesContext(connection) as small:
        application_findings(application)
    for n in range(30):
        PostFactory(plan=plan, title=f"Weitere {n}", fte=D("0.10"))
    with CaptureQueriesContext(connection) as large:
        application_findings(application)
    assert len(small) == len(large)
