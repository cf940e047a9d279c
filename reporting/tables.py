"""Table definitions shared by pages, PDF reports and the CSV/XLSX exports.

A table is a list of typed columns with German headers and a list of row dicts; every output formats a cell by
its column's type, so a euro amount reads 1.234,56 € on the page and in the PDF and is a number with the
format '#,##0.00 €' in Excel.
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from kiz.models import Municipality
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

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

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
        return [(column, column.display(self.footer.get(column.key, ""))) for column in self.columns]


def municipalities_table(municipalities=None) -> Table:
    """All KIZ with their core data: the state-wide list of the coordination office (one query)."""
    if municipalities is None:
        municipalities = Municipality.objects.all()
    rows = []
    for municipality in municipalities.select_related("centre").order_by("name"):
        centre = getattr(municipality, "centre", None)
        rows.append(
            {
                "name": municipality.name,
                "kind": municipality.get_kind_display(),
                "district": municipality.get_district_display(),
                "ags": municipality.ags,
                "centre": centre.name if centre else "",
                "org_unit": centre.org_unit if centre else "",
                "opened_on": centre.opened_on if centre else None,
            }
        )
    return Table(
        title=str(_("Municipal integration centres in North Rhine-Westphalia")),
        columns=[
            Column("name", str(_("Municipality"))),
            Column("kind", str(_("Kind"))),
            Column("district", str(_("Government region"))),
            Column("ags", str(_("AGS")), nowrap=True),
            Column("centre", str(_("Integration centre"))),
            Column("org_unit", str(_("Organisational unit"))),
            Column("opened_on", str(_("Opening date")), DATE),
        ],
        rows=rows,
    )
