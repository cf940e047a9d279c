"""The report kinds that can be generated, each a template and a function gathering its content.

Kinds register themselves here (see reporting.registry). The council briefing and the state overview are the
dashboards as documents and read the dashboards' selectors; the application, grant notice, controlling report
and proof of use print one object each (the subject), or the municipality's latest one when none is named.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kiz import policy
from kiz.models import IntegrationCentre, Municipality

from .dashboards import selectors
from .models import ReportKind
from .registry import ReportContent, ReportType, SubjectMissing, register, state_only
from .tables import DATE, DECIMAL, EURO, Column, Table


def data_as_of(municipality=None) -> date:
    """The date of the latest recorded change to the data a report shows (today if nothing was recorded).

    Municipalities, centres, concepts, funding applications and grant notices keep their history
    (django-simple-history); the newest entry among them is the data's as-of date.
    """
    from concepts.models import IntegrationConcept
    from funding.models import FundingApplication, GrantNotice

    sources = [
        (Municipality.history.all(), "id"),
        (IntegrationCentre.history.all(), "municipality_id"),
        (IntegrationConcept.history.all(), "municipality_id"),
        (FundingApplication.history.all(), "municipality_id"),
        (GrantNotice.history.all(), "application__municipality_id"),
    ]
    latest = []
    for records, path in sources:
        if municipality is not None:
            records = records.filter(**{path: municipality.pk})
        value = records.aggregate(latest=Max("history_date"))["latest"]
        if value is not None:
            latest.append(value)
    return timezone.localdate(max(latest)) if latest else timezone.localdate()


def _municipality(document):
    return Municipality.objects.select_related("centre").get(pk=document.municipality_id)


def _base(municipality) -> dict:
    return {"municipality": municipality, "centre": getattr(municipality, "centre", None)}


# --- the dashboards as documents -----------------------------------------------------------------------


def build_state_overview(document) -> ReportContent:
    """The state dashboard of all KIZ: the table with its totals, the charts and the map (granted amounts)."""
    today = timezone.localdate()
    year = today.year
    rows = selectors.state_rows(year=year, today=today)
    by_district = Counter(row["district_label"] for row in rows)
    by_kind = Counter(row["kind_label"] for row in rows)
    return ReportContent(
        title=_("State overview of the municipal integration centres"),
        as_of=data_as_of(),
        context={
            "year": year,
            "table": selectors.state_table(rows, year=year),
            "total": len(rows),
            "by_district": sorted(by_district.items()),
            "by_kind": sorted(by_kind.items()),
            "charts": [*selectors.state_charts(rows, year=year), selectors.indicator_map(rows, "granted", year=year)],
        },
    )


def build_council_briefing(document) -> ReportContent:
    """The integration council's dashboard of the municipality as a document."""
    municipality = _municipality(document)
    dashboard = selectors.council_dashboard(municipality, today=timezone.localdate())
    return ReportContent(
        title=_("Briefing for the integration council"),
        as_of=data_as_of(municipality),
        context={**_base(municipality), "dashboard": dashboard, "concept": dashboard.concept},
    )


# --- documents about one object ------------------------------------------------------------------------


NO_APPLICATION = gettext_lazy("There is no funding application to report on.")
NO_GRANT_NOTICE = gettext_lazy("There is no grant notice to report on.")
NO_CONTROLLING_REPORT = gettext_lazy("There is no controlling report to report on.")
NO_PROOF = gettext_lazy("There is no submitted proof of use to report on.")


def _reportable_applications():
    from funding.models import ApplicationState, FundingApplication

    return FundingApplication.objects.exclude(state__in=[ApplicationState.DRAFT, ApplicationState.WITHDRAWN])


def _proofs():
    from funding.models import ProofOfUse, ProofState

    return ProofOfUse.objects.exclude(state=ProofState.DRAFT)


def application_holders() -> set[int]:
    return set(_reportable_applications().values_list("municipality_id", flat=True))


def grant_notice_holders() -> set[int]:
    from funding.models import FundingApplication

    return set(FundingApplication.objects.filter(notice__isnull=False).values_list("municipality_id", flat=True))


def controlling_report_holders() -> set[int]:
    from .controlling.models import ControllingReport

    return set(ControllingReport.objects.submitted().values_list("municipality_id", flat=True))


def proof_holders() -> set[int]:
    return set(_proofs().values_list("application__municipality_id", flat=True))


def find_application(municipality, subject_id=None):
    from funding.models import ApplicationState, FundingApplication

    # The application as submitted: a draft is not printed (kiz.policy.published), for nobody.
    applications = policy.published(FundingApplication.objects.filter(municipality=municipality)).select_related(
        "municipality", "guideline"
    )
    if subject_id is not None:
        return applications.filter(pk=subject_id).first()
    return applications.exclude(state=ApplicationState.WITHDRAWN).order_by("-funding_year").first()


def find_granted_application(municipality, subject_id=None):
    from funding.models import FundingApplication

    applications = FundingApplication.objects.filter(municipality=municipality, notice__isnull=False).select_related(
        "municipality", "guideline", "notice"
    )
    if subject_id is not None:
        return applications.filter(pk=subject_id).first()
    return applications.order_by("-funding_year").first()


def find_controlling_report(municipality, subject_id=None):
    from .controlling.models import ControllingReport

    # Only what is published is printed: a draft's id finds nothing (kiz.policy.published).
    reports = policy.published(ControllingReport.objects.filter(municipality=municipality)).select_related(
        "municipality"
    )
    if subject_id is not None:
        return reports.filter(pk=subject_id).first()
    return reports.order_by("-year", "-due_date").first()


def find_proof(municipality, subject_id=None):
    from funding.models import ProofOfUse

    # A submitted proof only: a draft's id finds nothing (kiz.policy.published).
    proofs = policy.published(ProofOfUse.objects.filter(application__municipality=municipality)).select_related(
        "application__municipality", "application__notice"
    )
    if subject_id is not None:
        return proofs.filter(pk=subject_id).first()
    return proofs.order_by("-year").first()


def _subject(document, find, missing: str):
    subject = find(document.municipality, document.subject_id)
    if subject is None:
        raise SubjectMissing(missing)
    return subject


def build_application(document) -> ReportContent:
    """The funding application as submitted: financing plan with the calculation per post, staff plan, findings."""
    from funding.applications.record import assessed, recorded_costs

    from .dashboards.tables import financing_plan_table, staff_plan_table

    application = _subject(document, find_application, NO_APPLICATION)
    municipality = _municipality(document)
    plan, findings = assessed(application)
    staff = None
    if plan.staff_plan is not None:
        staff = staff_plan_table(plan.staff_plan, recorded_costs(plan))
    return ReportContent(
        title=_("Funding application %(year)s") % {"year": application.funding_year},
        as_of=data_as_of(municipality),
        context={
            **_base(municipality),
            "application": application,
            "plan": plan,
            "financing_table": financing_plan_table(application, plan),
            "staff_table": staff,
            "findings": findings,
        },
    )


def build_grant_notice(document) -> ReportContent:
    """The grant notice (Zuwendungsbescheid): amount, period, file number, side conditions, reason."""
    application = _subject(document, find_granted_application, NO_GRANT_NOTICE)
    municipality = _municipality(document)
    return ReportContent(
        title=_("Grant notice %(year)s") % {"year": application.funding_year},
        as_of=data_as_of(municipality),
        context={**_base(municipality), "application": application, "notice": application.notice},
    )


def _indicator_table(own, average) -> Table:
    def value(indicators, name):
        return getattr(indicators, name) if indicators is not None else None

    rows = [
        (_("Activities per FTE in place"), "activities_per_fte"),
        (_("Fields of action covered (%)"), "field_coverage"),
        (_("Education stages covered (%)"), "stage_coverage"),
        (_("Institutions reached"), "institutions_reached"),
    ]
    return Table(
        title=_("Indicators compared with the state average"),
        columns=[
            Column("label", _("Indicator")),
            Column("own", _("This report"), DECIMAL),
            Column("average", _("State average"), DECIMAL),
        ],
        rows=[{"label": label, "own": value(own, name), "average": value(average, name)} for label, name in rows],
    )


def build_controlling_report(document) -> ReportContent:
    """The controlling report: activities, indicators against the state average, staffing in place, narrative."""
    from .controlling import services as controlling
    from .controlling.models import Activity, StaffingInPlace
    from .dashboards.tables import activities_table

    report = _subject(document, find_controlling_report, NO_CONTROLLING_REPORT)
    municipality = _municipality(document)
    activities = sorted(Activity.objects.filter(report=report), key=controlling.activity_order)
    matrix = controlling.activity_matrix(activities)
    staffing_rows = list(StaffingInPlace.objects.filter(report=report))
    staffing = Table(
        title=_("Staffing in place"),
        columns=[Column("category", _("Post category")), Column("fte", _("FTE in place"), DECIMAL)],
        rows=[{"category": row.get_category_display(), "fte": row.fte} for row in staffing_rows],
        footer={"category": _("Total"), "fte": sum((row.fte for row in staffing_rows), Decimal(0))},
    )
    own = controlling.report_indicators(report)
    average = controlling.state_average(year=report.year, period=report.period)
    return ReportContent(
        title=str(report),
        as_of=timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate(),
        context={
            **_base(municipality),
            "report": report,
            "activities": activities_table(report),
            "activity_count": matrix["total"],
            "indicators": _indicator_table(own, average),
            "average_reports": average.reports if average else 0,
            "staffing": staffing,
        },
    )


def build_proof_of_use(document) -> ReportContent:
    """The proof of use: the financial statement as the proof page shows it (funding's one Statement: expenses
    and income per grant notice against actual, in € and %, and the grant due), the narrative report, and the
    result of the authority's check (repayment and interest) once there is one."""
    from funding.proofs.services import statement_for

    from .dashboards.tables import proof_statement_tables

    proof = _subject(document, find_proof, NO_PROOF)
    municipality = _municipality(document)
    statement = statement_for(proof)
    check = None
    if proof.checked_on is not None:
        check = Table(
            title=_("Result of the check"),
            columns=[Column("label", _("Item")), Column("value", _("Amount"), EURO), Column("date", _("Date"), DATE)],
            rows=[
                {"label": _("Eligible actual costs"), "value": proof.eligible_costs},
                {"label": _("Grant due"), "value": proof.grant_due},
                {"label": _("Paid out"), "value": proof.paid_total},
                {"label": _("Repayment"), "value": proof.repayment_amount, "date": proof.repayment_due_on},
                {"label": _("Interest"), "value": proof.interest_amount, "date": proof.interest_until},
            ],
        )
        if proof.interim_interest_amount is not None:
            check.rows += [
                {"label": _("Interim interest (§ 49a Abs. 4 VwVfG NRW)"), "value": proof.interim_interest_amount},
                {"label": _("Interim interest waived"), "value": proof.interim_interest_waived},
                {"label": _("Interim interest charged"), "value": proof.interim_interest_charged},
            ]
    return ReportContent(
        title=_("Proof of use %(year)s") % {"year": proof.year},
        as_of=timezone.localdate(),
        context={
            **_base(municipality),
            "proof": proof,
            "application": proof.application,
            "notice": getattr(proof.application, "notice", None),
            "statement_tables": proof_statement_tables(statement),
            "check": check,
        },
    )


register(
    ReportType(
        kind=ReportKind.STATE_OVERVIEW,
        template="reporting/pdf/state_overview.html",
        build=build_state_overview,
        may_view=state_only,
        per_municipality=False,
    )
)
register(
    ReportType(
        kind=ReportKind.COUNCIL_BRIEFING,
        template="reporting/pdf/council_briefing.html",
        build=build_council_briefing,
        may_view=policy.can_view,
    )
)
register(
    ReportType(
        kind=ReportKind.APPLICATION,
        template="reporting/pdf/application.html",
        build=build_application,
        may_view=policy.can_view,
        find_subject=find_application,
        subject_holders=application_holders,
        missing=NO_APPLICATION,
    )
)
register(
    ReportType(
        kind=ReportKind.GRANT_NOTICE,
        template="reporting/pdf/grant_notice.html",
        build=build_grant_notice,
        may_view=policy.can_view,
        find_subject=find_granted_application,
        subject_holders=grant_notice_holders,
        missing=NO_GRANT_NOTICE,
    )
)
register(
    ReportType(
        kind=ReportKind.CONTROLLING_REPORT,
        template="reporting/pdf/controlling_report.html",
        build=build_controlling_report,
        may_view=policy.can_view,
        find_subject=find_controlling_report,
        subject_holders=controlling_report_holders,
        missing=NO_CONTROLLING_REPORT,
    )
)
register(
    ReportType(
        kind=ReportKind.PROOF_OF_USE,
        template="reporting/pdf/proof_of_use.html",
        build=build_proof_of_use,
        may_view=policy.can_view,
        find_subject=find_proof,
        subject_holders=proof_holders,
        missing=NO_PROOF,
    )
)
