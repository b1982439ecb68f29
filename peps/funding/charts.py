"""Server-side SVG charts of the funding pages: geometry computed here, drawn by templates.
Each chart sits beside a data table with the same figures (the table is the accessible
version; the chart's text says the amount and share too, so nothing depends on colour)."""

from dataclasses import dataclass
from decimal import Decimal

from .money import format_euros, format_percent

LABEL_WIDTH = 230
BAR_MAX = 250
ROW = 34
WIDTH = 640


@dataclass
class Bar:
    label: str
    y: int
    width: int
    text_x: int
    text: str
    css: str


@dataclass
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int


def mix_chart(by_kind: list[tuple[str, Decimal]], total: Decimal) -> Chart | None:
    """Horizontal bars, one per source with money (fees first), scaled on the largest."""
    rows = [(label, amount) for label, amount in by_kind if amount > 0]
    if not rows or not total:
        return None
    largest = max(amount for _, amount in rows)
    bars = []
    for index, (label, amount) in enumerate(rows):
        width = max(2, int(BAR_MAX * amount / largest))
        share = format_percent(amount * 100 / total)
        bars.append(
            Bar(
                label=str(label),
                y=index * ROW,
                width=width,
                text_x=LABEL_WIDTH + width + 8,
                text=f"{format_euros(amount, cents=False)} ({share})",
                css=f"bar-{index % 6}",
            )
        )
    return Chart(bars=bars, width=WIDTH, height=len(bars) * ROW, label_width=LABEL_WIDTH)


def public_share_chart(years: list[dict]) -> Chart | None:
    """One bar per year: the share of public money in the year's resources (0–100 %)."""
    rows = [year for year in years if year["total"] > 0]
    if not rows:
        return None
    bars = []
    for index, year in enumerate(rows):
        width = int(BAR_MAX * year["public_share"] / 100)
        bars.append(
            Bar(
                label=str(year["year"]),
                y=index * ROW,
                width=width,
                text_x=LABEL_WIDTH + width + 8,
                text=f"{format_percent(year['public_share'])} ({format_euros(year['public'], cents=False)})",
                css="bar-public",
            )
        )
    return Chart(bars=bars, width=WIDTH, height=len(bars) * ROW, label_width=LABEL_WIDTH)
