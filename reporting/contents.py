"""The report kinds that can be generated, each a template and a function gathering its content.

Kinds register themselves here (see reporting.registry); the per-municipality kinds of the funding workflow
join them when their data exists.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kiz import policy
from kiz.models import IntegrationCentre, Municipality

from . import charts
from .models import ReportKind
from .registry import ReportContent, ReportType, register, state_only
from .tables import EURO, Column, Table, kiz_overview_table


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


def state_overview_charts(municipalities: list) -> list[charts.Chart]:
    """KIZ per government region by kind, and the tile grid of NRW coloured by kind."""
    kinds = [label for _value, label in Municipality.Kind.choices]
    districts = [label for _value, label in Municipality.District.choices]
    counts = Counter((m.get_district_display(), m.get_kind_display()) for m in municipalities)
    per_district = charts.grouped_bar_chart(
        title=_("Integration centres per government region"),
        description=_("Number of KIZ in each government region, by kind of municipality, stacked."),
        categories=districts,
        series=[(kind, [counts[(district, kind)] for district in districts]) for kind in kinds],
        category_header=_("Government region"),
        stacked=True,
    )
    tiles = charts.tile_grid(
        title=_("Map of the integration centres by kind of municipality"),
        description=_(
            "Tile map of North Rhine-Westphalia: each of the KIZ is a tile at its approximate position, "
            "coloured by the kind of municipality. The table lists every municipality."
        ),
        municipalities=municipalities,
        values={m.ags: m.get_kind_display() for m in municipalities},
        value_header=_("Kind"),
        categories=kinds,
    )
    return [per_district, tiles]


def build_state_overview(document) -> ReportContent:
    municipalities = list(Municipality.objects.select_related("centre").order_by("name"))
    table = kiz_overview_table()
    by_district = Counter(m.get_district_display() for m in municipalities)
    by_kind = Counter(m.get_kind_display() for m in municipalities)
    return ReportContent(
        title=_("State overview of the municipal integration centres"),
        as_of=data_as_of(),
        context={
            "table": table,
            "total": len(municipalities),
            "by_district": sorted(by_district.items()),
            "by_kind": sorted(by_kind.items()),
            "charts": state_overview_charts(municipalities),
        },
    )


def council_briefing_money(municipality):
    """The municipality's funding applications (withdrawn ones left out) as a table and a chart per year."""
    from funding.models import ApplicationState, FundingApplication

    applications = list(
        FundingApplication.objects.filter(municipality=municipality)
        .exclude(state=ApplicationState.WITHDRAWN)
        .select_related("notice")
        .order_by("funding_year")
    )
    rows = [
        {
            "year": str(application.funding_year),
            "state": application.get_state_display(),
            "requested": application.requested_grant,
            "approved": getattr(getattr(application, "notice", None), "approved_amount", None),
        }
        for application in applications
    ]
    table = Table(
        title=_("Funding applications and grants"),
        columns=[
            Column("year", _("Funding year")),
            Column("state", _("Application status")),
            Column("requested", _("Requested grant"), EURO),
            Column("approved", _("Approved amount"), EURO),
        ],
        rows=rows,
        footer={
            "year": _("Total"),
            "requested": sum((r["requested"] for r in rows if r["requested"] is not None), Decimal(0)),
            "approved": sum((r["approved"] for r in rows if r["approved"] is not None), Decimal(0)),
        },
    )
    chart = None
    if rows:
        chart = charts.grouped_bar_chart(
            title=_("Requested and approved grant per funding year"),
            description=_(
                "For each funding year the grant requested in the application and the amount approved in the grant "
                "notice, in euros. Years without a notice show no approved amount."
            ),
            categories=[r["year"] for r in rows],
            series=[
                (_("Requested grant"), [r["requested"] for r in rows]),
                (_("Approved amount"), [r["approved"] for r in rows]),
            ],
            category_header=_("Funding year"),
            value_type=EURO,
        )
    return table, chart


def build_council_briefing(document) -> ReportContent:
    from concepts.selectors import adopted_concept

    municipality = Municipality.objects.select_related("centre").get(pk=document.municipality_id)
    centre = getattr(municipality, "centre", None)
    money_table, money_chart = council_briefing_money(municipality)
    return ReportContent(
        title=_("Briefing for the integration council"),
        as_of=data_as_of(municipality),
        context={
            "municipality": municipality,
            "centre": centre,
            "concept": adopted_concept(municipality),
            "money_table": money_table,
            "money_chart": money_chart,
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
