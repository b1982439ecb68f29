"""Server-side SVG bar charts and number formatting for the report (web page and PDF)."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import number_format

register = template.Library()

WIDTH = 640
LABEL_WIDTH = 250
BAR_AREA = 300
ROW_HEIGHT = 26
BAR_HEIGHT = 16
MAX_LABEL = 38


@register.filter
def figure(value) -> str:
    """A figure as printed everywhere in the report: French grouping, at most one decimal."""
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        value = int(value)
    return intcomma(value) if isinstance(value, int) else str(value)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


@register.inclusion_tag("reports/_chart.html")
def bar_chart(table: dict, prefix: str) -> dict:
    """Horizontal bars (labels can be long); the geometry depends only on the snapshot, so the
    page and the PDF draw the same chart."""
    rows = table["rows"]
    top = max((r["value"] for r in rows), default=0) or 1
    bars = []
    for index, r in enumerate(rows):
        length = round(BAR_AREA * r["value"] / top, 1) if r["value"] > 0 else 0
        y = index * ROW_HEIGHT + 4
        bars.append(
            {
                "label": _short(r["label"]),
                "full_label": r["label"],
                "value": figure(r["value"]),
                "y": y,
                "text_y": y + BAR_HEIGHT - 3,
                "width": length,
                "value_x": LABEL_WIDTH + length + 6,
            }
        )
    chart_id = f"chart-{prefix}-{table['key']}"
    return {
        "table": table,
        "bars": bars,
        "chart_id": chart_id,
        "width": WIDTH,
        "height": len(rows) * ROW_HEIGHT + 8,
        "bar_x": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "label_x": LABEL_WIDTH - 8,
        "summary": " ; ".join(f"{b['full_label']} : {b['value']}" for b in bars),
    }
