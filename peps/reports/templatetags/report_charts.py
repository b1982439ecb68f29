"""Server-side SVG bar charts and number formatting for the report (web page and PDF): plain
functions that the report's Jinja2 partial calls (globals lent in the app's ready()), and the
`figure` filter for the Django templates."""

import functools

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language

register = template.Library()

WIDTH = 640
LABEL_WIDTH = 250
BAR_AREA = 300
ROW_HEIGHT = 26
BAR_HEIGHT = 16
MAX_LABEL = 38


@functools.lru_cache(maxsize=16)
def _separators(language: str | None) -> tuple[str, str] | None:
    """The decimal and thousand separators of a language that groups by three, else None."""
    if get_format("NUMBER_GROUPING", language, use_l10n=True) != 3:
        return None
    return get_format("DECIMAL_SEPARATOR", language, use_l10n=True), get_format(
        "THOUSAND_SEPARATOR", language, use_l10n=True
    )


def _grouped(digits: str, separator: str) -> str:
    head = len(digits) % 3 or 3
    return separator.join([digits[:head], *(digits[i : i + 3] for i in range(head, len(digits), 3))])


def _figure_slow(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)
    if isinstance(value, float):
        value = int(value)
    return intcomma(value) if isinstance(value, int) else str(value)


@register.filter
def figure(value) -> str:
    """A figure as printed everywhere in the report: grouping by thousands, at most one decimal
    (cut, not rounded, as Django's number_format does). A report prints a few hundred of them:
    the separators are looked up once per language instead of once per figure; the result is
    Django's (tests/test_figures compares them)."""
    separators = _separators(get_language())
    if separators is None or isinstance(value, bool) or not isinstance(value, int | float):
        return _figure_slow(value)
    decimal, thousand = separators
    if isinstance(value, float):
        if not value.is_integer():
            text = str(value)
            if "e" in text.lower():
                return _figure_slow(value)
            sign, text = ("-", text[1:]) if text[0] == "-" else ("", text)
            whole, _, fraction = text.partition(".")
            return f"{sign}{_grouped(whole, thousand)}{decimal}{fraction[:1]}"
        value = int(value)
    sign, digits = ("-", str(-value)) if value < 0 else ("", str(value))
    return sign + _grouped(digits, thousand)


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


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
