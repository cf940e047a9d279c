"""Server-rendered SVG charts: valid SVG, title and description for assistive technology, the data as a table."""

import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from reporting import charts
from reporting.tables import EURO

SVG = "{http://www.w3.org/2000/svg}"

pytestmark = pytest.mark.django_db


def _parse(chart):
    root = ET.fromstring(str(chart.svg))  # noqa: S314 - markup the application generated itself
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "style" not in str(chart.svg)  # the Content-Security-Policy forbids style attributes
    return root, title.text, desc.text


def test_bar_chart_is_valid_svg_with_title_description_and_values():
    chart = charts.bar_chart(
        title="Beantragte Mittel",
        description="Beantragte Zuwendung je Kommune in Euro.",
        items=[("Dortmund", Decimal("320000.00")), ("Bochum <Test>", Decimal("1234.56"))],
        label_header="Kommune",
        value_header="Betrag",
        value_type=EURO,
    )
    root, title, desc = _parse(chart)
    assert title == "Beantragte Mittel"
    assert desc == "Beantragte Zuwendung je Kommune in Euro."
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "320.000,00\u00a0€" in texts
    assert "Bochum <Test>" in texts  # escaped in the markup, intact after parsing
    widths = [float(r.get("width")) for r in root.iter(f"{SVG}rect")]
    assert widths[0] > widths[1] * 100
    assert [row["value"] for row in chart.table.rows] == [Decimal("320000.00"), Decimal("1234.56")]


def test_grouped_and_stacked_bars_differ_by_pattern_not_only_colour():
    for stacked in (False, True):
        chart = charts.grouped_bar_chart(
            title="Stellen",
            description="Geplante und besetzte Stellen je Jahr.",
            categories=["2024", "2025"],
            series=[("geplant", [Decimal("5.5"), Decimal("6.5")]), ("besetzt", [Decimal("4"), Decimal("6")])],
            category_header="Jahr",
            value_type="decimal",
            stacked=stacked,
        )
        root, _, _ = _parse(chart)
        patterns = list(root.iter(f"{SVG}pattern"))
        assert len(patterns) == 1  # the second series is hatched, the first solid
        fills = {r.get("fill") for r in root.iter(f"{SVG}rect")}
        assert f"url(#{patterns[0].get('id')})" in fills
        assert charts.PALETTE[0] in fills
        assert [c.header for c in chart.table.columns] == ["Jahr", "geplant", "besetzt"]
        assert chart.table.rows[1] == {"category": "2025", "s0": Decimal("6.5"), "s1": Decimal("6")}


def test_the_tile_grid_places_all_54_kiz_and_lists_them_in_the_table(nrw):
    municipalities = list(nrw.order_by("name"))
    values = {m.ags: index for index, m in enumerate(municipalities)}
    chart = charts.tile_grid(
        title="Karte",
        description="Jede Kommune ist eine Kachel.",
        municipalities=municipalities,
        values=values,
        value_header="Wert",
    )
    root, _, _ = _parse(chart)
    tiles = list(root.iter(f"{SVG}g"))
    assert len(tiles) == 54
    positions = {(r.get("x"), r.get("y")) for g in tiles for r in g.iter(f"{SVG}rect")}
    assert len(positions) == 54  # no two KIZ on the same tile
    assert set(charts.NRW_TILES) == {m.ags for m in municipalities}
    dortmund_tile = next(g for g in tiles if g.find(f"{SVG}title").text.startswith("Dortmund:"))
    assert dortmund_tile.find(f"{SVG}text").text == "DO"
    # the lowest value gets the lightest class, the highest the darkest
    fills = {g.find(f"{SVG}title").text.split(":")[0]: g.find(f"{SVG}rect").get("fill") for g in tiles}
    assert fills[municipalities[0].name] == charts.SEQUENTIAL[0]
    assert fills[municipalities[-1].name] == charts.SEQUENTIAL[-1]
    assert len(chart.table.rows) == 54


def test_the_shared_partial_shows_the_chart_and_its_table():
    chart = charts.bar_chart(
        title="KIZ je Bezirk",
        description="Anzahl der KIZ je Regierungsbezirk.",
        items=[("Arnsberg", 12), ("Köln", 12)],
        label_header="Regierungsbezirk",
        value_header="Anzahl",
    )
    html = render_to_string("reporting/_chart.html", {"chart": chart})
    assert str(chart.svg) in html
    assert "<caption" in html and "KIZ je Bezirk" in html
    header = '<th scope="col" class="kern-table__header kiz-col--integer kern-table__header--numeric num">Anzahl</th>'
    assert header in html
    assert '<th scope="row" class="kern-table__cell">Arnsberg</th>' in html
    assert 'style="' not in html


def test_palette_colours_keep_distinct_lightness_for_greyscale_printing():
    def lightness(colour):
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    sequential = [lightness(c) for c in charts.SEQUENTIAL]
    assert sequential == sorted(sequential, reverse=True)
    first_three = sorted(lightness(c) for c in charts.PALETTE[:3])
    assert min(b - a for a, b in zip(first_three, first_three[1:], strict=False)) > 15
