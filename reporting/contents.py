"""The report kinds that can be generated, each a template and a function gathering its content.

Kinds register themselves here (see reporting.registry); the per-municipality kinds of the funding workflow
join them when their data exists.
"""

from collections import Counter
from datetime import date

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kiz import policy
from kiz.models import IntegrationCentre, Municipality

from . import charts
from .models import ReportKind
from .registry import ReportContent, ReportType, register, state_only
from .tables import municipalities_table


def core_data_as_of(municipality=None) -> date:
    """The date of the latest recorded change to the municipalities and centres reported on (today if none)."""
    municipalities = Municipality.history.all()
    centres = IntegrationCentre.history.all()
    if municipality is not None:
        municipalities = municipalities.filter(id=municipality.pk)
        centres = centres.filter(municipality_id=municipality.pk)
    latest = [
        value
        for value in (
            municipalities.aggregate(latest=Max("history_date"))["latest"],
            centres.aggregate(latest=Max("history_date"))["latest"],
        )
        if value is not None
    ]
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
    table = municipalities_table(Municipality.objects.all())
    by_district = Counter(m.get_district_display() for m in municipalities)
    by_kind = Counter(m.get_kind_display() for m in municipalities)
    return ReportContent(
        title=_("State overview of the municipal integration centres"),
        as_of=core_data_as_of(),
        context={
            "table": table,
            "total": len(municipalities),
            "by_district": sorted(by_district.items()),
            "by_kind": sorted(by_kind.items()),
            "charts": state_overview_charts(municipalities),
        },
    )


def build_council_briefing(document) -> ReportContent:
    municipality = Municipality.objects.select_related("centre").get(pk=document.municipality_id)
    centre = getattr(municipality, "centre", None)
    return ReportContent(
        title=_("Briefing for the integration council"),
        as_of=core_data_as_of(municipality),
        context={"municipality": municipality, "centre": centre},
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
