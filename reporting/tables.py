"""Table definitions shared by pages, PDF reports and the CSV/XLSX exports.

A table is a list of typed columns with German headers and a list of row dicts; every output formats a cell by
its column's type, so a euro amount reads 1.234,56 € on the page and in the PDF and is a number with the
format '#,##0.00 €' in Excel.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from kiz.money import format_decimal, format_euro

TEXT = "text"
INTEGER = "integer"
EURO = "euro"
DECIMAL = "decimal"
DATE = "date"
NUMERIC_TYPES = frozenset({INTEGER, EURO, DECIMAL})


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    type: str = TEXT
    places: int = 2
    nowrap: bool = False
    # A width of the print layout for a text column ("narrow", "wide"); the other columns get theirs by type.
    width: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def keeps_together(self) -> bool:
        """Never broken across lines: the column asks for it, or it is a date."""
        return self.nowrap or self.type == DATE

    def display(self, value) -> str:
        """The cell as text in German notation; an empty value is a dash."""
        if value is None or value == "":
            return "–"
        if self.type == EURO:
            return format_euro(value)
        if self.type == DECIMAL:
            return format_decimal(value, self.places)
        if self.type == INTEGER:
            return format_decimal(value, 0)
        if self.type == DATE:
            return value.strftime("%d.%m.%Y") if isinstance(value, date) else str(value)
        return str(value)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    footer: dict | None = None

    def display_rows(self) -> list[list[tuple[Column, str]]]:
        """Rows as (column, text) pairs, for templates."""
        return [[(column, column.display(row.get(column.key))) for column in self.columns] for row in self.rows]

    def display_footer(self) -> list[tuple[Column, str]] | None:
        if self.footer is None:
            return None
        return [
            (column, column.display(self.footer[column.key]) if column.key in self.footer else "")
            for column in self.columns
        ]


def kiz_overview_table(municipalities=None) -> Table:
    """All KIZ with core data, adopted concept and latest funding application: the state-wide list (one query).

    `municipalities` is a Municipality queryset already scoped to the user (all 54 for the state roles).
    """
    from concepts.selectors import concept_overview
    from funding.models import ApplicationState, FundingApplication

    latest = (
        FundingApplication.objects.filter(municipality=OuterRef("pk"))
        .exclude(state=ApplicationState.WITHDRAWN)
        .order_by("-funding_year")
    )
    rows_qs = (
        concept_overview()
        .select_related("centre")
        .annotate(
            application_year=Subquery(latest.values("funding_year")[:1]),
            application_state=Subquery(latest.values("state")[:1]),
            requested=Subquery(latest.values("requested_grant")[:1]),
            approved=Subquery(latest.values("notice__approved_amount")[:1]),
        )
    )
    if municipalities is not None:
        rows_qs = rows_qs.filter(pk__in=municipalities.values("pk"))
    rows = []
    for municipality in rows_qs:
        centre = getattr(municipality, "centre", None)
        state = municipality.application_state
        rows.append(
            {
                "name": municipality.name,
                "kind": municipality.get_kind_display(),
                "district": municipality.get_district_display(),
                "ags": municipality.ags,
                "org_unit": centre.org_unit if centre else "",
                "concept_adopted_on": municipality.adopted_resolution_date or municipality.adopted_on,
                "application_year": str(municipality.application_year or ""),
                "application_state": ApplicationState(state).label if state else "",
                "requested": municipality.requested,
                "approved": municipality.approved,
            }
        )
    footer = {
        "name": str(_("Total (%(count)s KIZ)") % {"count": len(rows)}),
        "requested": sum((row["requested"] for row in rows if row["requested"] is not None), Decimal(0)),
        "approved": sum((row["approved"] for row in rows if row["approved"] is not None), Decimal(0)),
    }
    return Table(
        title=str(_("Municipal integration centres in North Rhine-Westphalia")),
        columns=[
            Column("name", str(_("Municipality"))),
            Column("kind", str(_("Kind"))),
            Column("district", str(_("Government region"))),
            Column("ags", str(_("AGS")), nowrap=True),
            Column("org_unit", str(_("Organisational unit"))),
            Column("concept_adopted_on", str(_("Concept adopted on")), DATE),
            Column("application_year", str(_("Funding year"))),
            Column("application_state", str(_("Application status"))),
            Column("requested", str(_("Requested grant")), EURO),
            Column("approved", str(_("Approved amount")), EURO),
        ],
        rows=rows,
        footer=footer,
    )
