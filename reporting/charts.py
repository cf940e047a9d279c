"""Server-rendered SVG charts for pages and PDFs alike.

Each chart is an SVG with role="img", a <title> and a <desc> (referenced by aria-labelledby), and carries its
data as a table (reporting.tables.Table) that the shared partial reporting/_chart.html renders next to it, so
nothing is only visible as colour or shape. Colours come from the Okabe–Ito palette (distinguishable with the
common colour-vision deficiencies); series also differ by hatching and bars carry their values as text, so
the charts survive greyscale printing. Only SVG presentation attributes are used (no style attributes), which
the Content-Security-Policy allows.
"""

from dataclasses import dataclass
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from .tables import DECIMAL, EURO, INTEGER, TEXT, Column, Table

# Okabe & Ito (2008), "Color Universal Design"; black is left out as a fill.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442"]
# Sequential single-hue blues, light to dark: monotonic in lightness, so the order survives greyscale.
SEQUENTIAL = ["#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]
TEXT_COLOUR = "#171717"
AXIS_COLOUR = "#6B6B6B"
FONT = "Fira Sans, sans-serif"
# Hatchings that tell series apart without colour; the first series stays solid.
PATTERNS = [None, "diagonal", "dots", "cross", "horizontal", "vertical", "backdiagonal"]

_ids = count(1)


@dataclass
class Chart:
    id: str
    title: str
    description: str
    svg: SafeString
    table: Table


def _new_id(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _fmt(value, value_type: str) -> str:
    return Column("v", "", value_type).display(value)


def _svg_open(chart_id: str, width: int, height: int, title: str, description: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kiz-chart__svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{FONT}" font-size="12" fill="{TEXT_COLOUR}">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _pattern_defs(chart_id: str, count_: int) -> list[str]:
    defs = []
    shapes = {
        "diagonal": '<path d="M0,6 L6,0" stroke="#FFFFFF" stroke-width="1.5"/>',
        "backdiagonal": '<path d="M0,0 L6,6" stroke="#FFFFFF" stroke-width="1.5"/>',
        "dots": '<circle cx="3" cy="3" r="1.2" fill="#FFFFFF"/>',
        "cross": '<path d="M0,3 L6,3 M3,0 L3,6" stroke="#FFFFFF" stroke-width="1"/>',
        "horizontal": '<path d="M0,3 L6,3" stroke="#FFFFFF" stroke-width="1.5"/>',
        "vertical": '<path d="M3,0 L3,6" stroke="#FFFFFF" stroke-width="1.5"/>',
    }
    for index in range(count_):
        pattern = PATTERNS[index % len(PATTERNS)]
        if pattern is None:
            continue
        colour = PALETTE[index % len(PALETTE)]
        defs.append(
            f'<pattern id="{chart_id}-p{index}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{colour}"/>{shapes[pattern]}</pattern>'
        )
    return [f"<defs>{''.join(defs)}</defs>"] if defs else []


def _series_fill(chart_id: str, index: int) -> str:
    if PATTERNS[index % len(PATTERNS)] is None:
        return PALETTE[index % len(PALETTE)]
    return f"url(#{chart_id}-p{index})"


def _scale_max(values) -> Decimal:
    """The top of the value axis: the largest value rounded up to four even steps of 1, 2, 2.5 or 5 × 10^n."""
    top = max([Decimal(v or 0) for v in values] + [Decimal(0)])
    if top <= 0:
        return Decimal(4)
    rough = top / 4
    magnitude = Decimal(10) ** (len(str(int(rough))) - 1 if rough >= 1 else rough.adjusted())
    for factor in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if factor * magnitude >= rough:
            return factor * magnitude * 4
    return magnitude * 40


def bar_chart(
    *,
    title: str,
    description: str,
    items: list[tuple[str, object]],
    label_header: str,
    value_header: str,
    value_type: str = INTEGER,
) -> Chart:
    """Horizontal bars, one per item (label, value), each with its value written next to it."""
    chart_id = _new_id("chart")
    label_width, bar_area, row_height, top = 190, 330, 24, 8
    width = label_width + bar_area + 110
    height = top * 2 + row_height * max(len(items), 1)
    top_value = _scale_max(v for _, v in items)
    parts = _svg_open(chart_id, width, height, title, description)
    parts.append(f'<line x1="{label_width}" y1="{top}" x2="{label_width}" y2="{height - top}" stroke="{AXIS_COLOUR}"/>')
    for index, (label, value) in enumerate(items):
        y = top + index * row_height
        length = float(Decimal(value or 0) / top_value) * bar_area
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height / 2 + 4}" text-anchor="end">{escape(_short(label))}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row_height - 8}" fill="{PALETTE[0]}"/>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + row_height / 2 + 4}">'
            f"{escape(_fmt(value, value_type))}</text>"
        )
    parts.append("</svg>")
    table = Table(
        title=title,
        columns=[Column("label", label_header, TEXT), Column("value", value_header, value_type)],
        rows=[{"label": label, "value": value} for label, value in items],
    )
    return Chart(chart_id, title, description, mark_safe("".join(parts)), table)  # noqa: S308 - escaped above


def grouped_bar_chart(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list]],
    category_header: str,
    value_type: str = INTEGER,
    stacked: bool = False,
) -> Chart:
    """Vertical bars per category, one per series side by side (or stacked), with a legend and value labels."""
    chart_id = _new_id("chart")
    left, bottom, top, plot_height = 70, 56, 28, 220
    bar_width = 46 if value_type == EURO else 30
    group_width = (bar_width + 4) * (1 if stacked else len(series)) + 30
    width = max(left + group_width * max(len(categories), 1) + 20, 420)
    legend_height = 22 * len(series)
    height = top + plot_height + bottom + legend_height
    if stacked:
        totals = [sum(Decimal(values[i] or 0) for _, values in series) for i in range(len(categories))]
        top_value = _scale_max(totals)
    else:
        top_value = _scale_max(v for _, values in series for v in values)
    parts = _svg_open(chart_id, width, height, title, description)
    parts += _pattern_defs(chart_id, len(series))
    base_y = top + plot_height
    for step in range(5):
        tick = top_value * step / 4
        y = base_y - plot_height * step / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - 10}" y2="{y:.1f}" stroke="#D0D0D0"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">'
            f"{escape(_fmt(tick, DECIMAL if value_type == DECIMAL else INTEGER))}</text>"
        )
    for c_index, category in enumerate(categories):
        group_x = left + 15 + c_index * group_width
        stack_y = base_y
        for s_index, (_name, values) in enumerate(series):
            value = Decimal(values[c_index] or 0)
            bar_height = float(value / top_value) * plot_height
            fill = _series_fill(chart_id, s_index)
            if stacked:
                x, y = group_x, stack_y - bar_height
                stack_y = y
            else:
                x, y = group_x + s_index * (bar_width + 4), base_y - bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width}" height="{bar_height:.1f}" fill="{fill}" '
                f'stroke="{TEXT_COLOUR}" stroke-width="0.5"/>'
            )
            if not stacked or bar_height >= 14:
                label_y = y - 3 if not stacked else y + bar_height / 2 + 4
                # Inside a stacked segment the label sits on a white plate, readable on any fill.
                if stacked:
                    parts.append(
                        f'<rect x="{x + 2:.1f}" y="{label_y - 10:.1f}" width="{bar_width - 4}" height="13" '
                        f'fill="#FFFFFF" opacity="0.85"/>'
                    )
                parts.append(
                    f'<text x="{x + bar_width / 2:.1f}" y="{label_y:.1f}" text-anchor="middle" font-size="10">'
                    f"{escape(_bar_label(values[c_index], value_type))}</text>"
                )
        centre = group_x + (bar_width if stacked else len(series) * (bar_width + 4) - 4) / 2
        parts.append(
            f'<text x="{centre:.1f}" y="{base_y + 16}" text-anchor="middle" font-size="11">'
            f"{escape(_short(category, 14))}</text>"
        )
    parts.append(f'<line x1="{left}" y1="{base_y}" x2="{width - 10}" y2="{base_y}" stroke="{AXIS_COLOUR}"/>')
    for s_index, (name, _values) in enumerate(series):
        y = base_y + bottom - 14 + s_index * 22
        parts.append(
            f'<rect x="{left}" y="{y}" width="16" height="14" fill="{_series_fill(chart_id, s_index)}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="0.5"/><text x="{left + 22}" y="{y + 11}">{escape(name)}</text>'
        )
    parts.append("</svg>")
    columns = [Column("category", category_header, TEXT)]
    columns += [Column(f"s{i}", name, value_type) for i, (name, _) in enumerate(series)]
    rows = []
    for c_index, category in enumerate(categories):
        row = {"category": category}
        row.update({f"s{i}": values[c_index] for i, (_, values) in enumerate(series)})
        rows.append(row)
    table = Table(title=title, columns=columns, rows=rows)
    return Chart(chart_id, title, description, mark_safe("".join(parts)), table)  # noqa: S308 - escaped above


# Approximate geographic positions (column, row) of the 54 KIZ on a tile grid of NRW, north-west at (0, 0),
# and the short labels on the tiles (vehicle registration codes, which readers in NRW know).
NRW_TILES: dict[str, tuple[int, int, str]] = {
    "05566000": (4, 0, "ST"),
    "05770000": (8, 0, "MI"),
    "05554000": (2, 1, "BOR"),
    "05558000": (3, 1, "COE"),
    "05515000": (4, 1, "MS"),
    "05570000": (5, 1, "WAF"),
    "05754000": (6, 1, "GT"),
    "05711000": (7, 1, "BI"),
    "05758000": (8, 1, "HF"),
    "05154000": (0, 2, "KLE"),
    "05170000": (1, 2, "WES"),
    "05512000": (2, 2, "BOT"),
    "05513000": (3, 2, "GE"),
    "05562000": (4, 2, "RE"),
    "05915000": (5, 2, "HAM"),
    "05974000": (6, 2, "SO"),
    "05774000": (7, 2, "PB"),
    "05766000": (8, 2, "LIP"),
    "05114000": (0, 3, "KR"),
    "05112000": (1, 3, "DU"),
    "05119000": (2, 3, "OB"),
    "05113000": (3, 3, "E"),
    "05916000": (4, 3, "HER"),
    "05913000": (5, 3, "DO"),
    "05978000": (6, 3, "UN"),
    "05958000": (7, 3, "HSK"),
    "05762000": (8, 3, "HX"),
    "05166000": (0, 4, "VIE"),
    "05111000": (1, 4, "D"),
    "05117000": (2, 4, "MH"),
    "05158000": (3, 4, "ME"),
    "05911000": (4, 4, "BO"),
    "05954000": (5, 4, "EN"),
    "05914000": (6, 4, "HA"),
    "05962000": (7, 4, "MK"),
    "05370000": (0, 5, "HS"),
    "05116000": (1, 5, "MG"),
    "05162000": (2, 5, "NE"),
    "05122000": (3, 5, "SG"),
    "05124000": (4, 5, "W"),
    "05120000": (5, 5, "RS"),
    "05966000": (6, 5, "OE"),
    "05970000": (7, 5, "SI"),
    "05334002": (0, 6, "AC"),
    "05358000": (1, 6, "DN"),
    "05362000": (2, 6, "BM"),
    "05315000": (3, 6, "K"),
    "05316000": (4, 6, "LEV"),
    "05378000": (5, 6, "GL"),
    "05374000": (6, 6, "GM"),
    "05334000": (0, 7, "StR"),
    "05366000": (2, 7, "EU"),
    "05314000": (3, 7, "BN"),
    "05382000": (4, 7, "SU"),
}


def tile_grid(
    *,
    title: str,
    description: str,
    municipalities,
    values: dict,
    value_header: str,
    value_type: str = INTEGER,
    categories: list[str] | None = None,
) -> Chart:
    """NRW as a grid of 54 tiles at approximate positions, each coloured by its value.

    Numeric values fall into five classes of a sequential blue scale; with `categories` the value is one of
    those labels and gets a palette colour. Every tile shows its short code and a <title> with the full name;
    the legend and the table give the exact values.
    """
    chart_id = _new_id("tiles")
    size, gap, left, top = 52, 4, 10, 10
    columns = 1 + max(c for c, _, _ in NRW_TILES.values())
    rows = 1 + max(r for _, r, _ in NRW_TILES.values())
    grid_width = left + columns * (size + gap)
    width = grid_width + 210
    height = max(top + rows * (size + gap), 250) + 10
    colour_of, legend = _tile_classes(values, value_type, categories)
    parts = _svg_open(chart_id, width, height, title, description)
    table_rows = []
    for municipality in municipalities:
        value = values.get(municipality.ags)
        table_rows.append({"name": municipality.name, "value": value})
        position = NRW_TILES.get(municipality.ags)
        if position is None:
            continue
        col, row, code = position
        x, y = left + col * (size + gap), top + row * (size + gap)
        fill, text_fill = colour_of(value)
        shown = (value or "–") if categories else _fmt(value, value_type)
        parts.append(
            f"<g><title>{escape(municipality.name)}: {escape(shown)}"
            f'</title><rect x="{x}" y="{y}" width="{size}" height="{size}" rx="3" fill="{fill}" '
            f'stroke="{TEXT_COLOUR}" stroke-width="0.5"/>'
            f'<text x="{x + size / 2}" y="{y + size / 2 + 4}" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="{text_fill}">{escape(code)}</text></g>'
        )
    for index, (label, fill) in enumerate(legend):
        y = top + 8 + index * 24
        parts.append(
            f'<rect x="{grid_width + 12}" y="{y}" width="18" height="18" fill="{fill}" stroke="{TEXT_COLOUR}" '
            f'stroke-width="0.5"/><text x="{grid_width + 38}" y="{y + 14}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    table = Table(
        title=title,
        columns=[
            Column("name", str(_municipality_header()), TEXT),
            Column("value", value_header, TEXT if categories else value_type),
        ],
        rows=table_rows,
    )
    return Chart(chart_id, title, description, mark_safe("".join(parts)), table)  # noqa: S308 - escaped above


def _municipality_header():
    return gettext("Municipality")


def _tile_classes(values: dict, value_type: str, categories: list[str] | None):
    """A function value → (fill, text colour) and the legend entries (label, fill)."""
    empty = ("#FFFFFF", TEXT_COLOUR)
    if categories:
        fills = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(categories)}

        def colour_of(value):
            return (fills[value], _text_on(fills[value])) if value in fills else empty

        return colour_of, list(fills.items())
    numbers = sorted(Decimal(v) for v in values.values() if v is not None)
    if not numbers:
        return (lambda value: empty), []
    low, high = numbers[0], numbers[-1]
    steps = len(SEQUENTIAL)
    span = (high - low) or Decimal(1)
    bounds = [low + span * i / steps for i in range(steps + 1)]

    def colour_of(value):
        if value is None:
            return empty
        index = min(int((Decimal(value) - low) / span * steps), steps - 1) if high > low else steps - 1
        return SEQUENTIAL[index], _text_on(SEQUENTIAL[index])

    legend = []
    for i in range(steps if high > low else 1):
        shown = SEQUENTIAL[i] if high > low else SEQUENTIAL[-1]
        lower, upper = _fmt(bounds[i], value_type), _fmt(bounds[i + 1], value_type)
        legend.append((f"{lower} – {upper}" if high > low else lower, shown))
    return colour_of, legend


def _text_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with the fill."""
    r, g, b = (int(fill[i : i + 2], 16) / 255 for i in (1, 3, 5))

    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return TEXT_COLOUR if luminance > 0.22 else "#FFFFFF"


def _bar_label(value, value_type: str) -> str:
    """Labels on narrow bars: euro amounts in thousands ("298 Tsd. €"); the table has the exact amounts."""
    if value_type == EURO and value is not None and abs(Decimal(value)) >= 1000:
        return gettext("%(amount)s thousand €") % {"amount": _fmt(Decimal(value) / 1000, INTEGER)}
    return _fmt(value, value_type)


def _short(text: str, limit: int = 28) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
