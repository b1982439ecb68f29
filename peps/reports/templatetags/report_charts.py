"""Server-side SVG bar charts and number formatting for the report (web page and PDF): plain
functions that prepare the report's sections for its Jinja2 partial (display.py), and the
`figure` filter for the Django templates."""

import functools
from collections.abc import Callable

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


def _format(value, separators: tuple[str, str] | None) -> str:
    if type(value) is int and -1000 < value < 1000 and separators is not None:
        return str(value)  # most figures of a report: no thousands to group
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


@register.filter
def figure(value) -> str:
    """A figure as printed everywhere in the report: grouping by thousands, at most one decimal
    (cut, not rounded, as Django's number_format does). A report prints a few hundred of them:
    the separators are looked up once per language instead of once per figure; the result is
    Django's (tests/test_figures compares them)."""
    return _format(value, _separators(get_language()))


def figure_formatter() -> Callable[[object], str]:
    """figure() for the active language, the language read once: for a page's few hundred."""
    return functools.partial(_format, separators=_separators(get_language()))


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def bar_chart(table: dict, prefix: str, texts: list[str] | None = None) -> dict:
    """Horizontal bars (labels can be long); the geometry depends only on the snapshot, so the
    page and the PDF draw the same chart. `texts`: the rows' values already formatted (the
    report's table shows the same), else formatted here. Each bar is a tuple that
    jinja2/reports/_chart.html unpacks: (label, text y, y, width, value x, value)."""
    rows = table["rows"]
    if texts is None:
        texts = [figure(r["value"]) for r in rows]
    top = max((r["value"] for r in rows), default=0) or 1
    bars = []
    for index, (r, text) in enumerate(zip(rows, texts, strict=True)):
        length = round(BAR_AREA * r["value"] / top, 1) if r["value"] > 0 else 0
        y = index * ROW_HEIGHT + 4
        bars.append((_short(r["label"]), y + BAR_HEIGHT - 3, y, length, LABEL_WIDTH + length + 6, text))
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
        "summary": " ; ".join(f"{r['label']} : {text}" for r, text in zip(rows, texts, strict=True)),
    }
