"""Geometry of the server-rendered SVG charts (radar and bar chart). The Jinja2 templates
jinja2/assessment/charts/ draw them; each chart also has a data table on the page."""

import math

RADAR_SIZE = 460
RADAR_RADIUS = 160
MAX_LEVEL = 4


def _point(index: int, count: int, value: float | None, centre: float, radius: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / max(count, 1)
    distance = radius * (value or 0) / MAX_LEVEL
    return round(centre + distance * math.cos(angle), 1), round(centre + distance * math.sin(angle), 1)


def _points(values: list[float | None], centre: float, radius: float) -> str:
    return " ".join(f"{x},{y}" for x, y in (_point(i, len(values), v, centre, radius) for i, v in enumerate(values)))


def radar(rows: list[dict], *, with_pole: bool = True) -> dict:
    """rows: [{"code", "label", "median", "q1", "q3", "level"?}] in the tree's order."""
    centre, radius = RADAR_SIZE / 2, RADAR_RADIUS
    count = len(rows)
    axes = []
    for index, row in enumerate(rows):
        x, y = _point(index, count, MAX_LEVEL, centre, radius)
        lx, ly = _point(index, count, MAX_LEVEL * 1.13, centre, radius)
        anchor = "middle" if abs(lx - centre) < 8 else ("start" if lx > centre else "end")
        axes.append({"x": x, "y": y, "label_x": lx, "label_y": round(ly + 5, 1), "anchor": anchor, "code": row["code"]})
    rings = [
        {
            "level": level,
            "points": _points([level] * count, centre, radius),
            "label_y": round(centre - radius * level / MAX_LEVEL, 1),
        }
        for level in range(1, MAX_LEVEL + 1)
    ]
    q3 = _points([row["q3"] for row in rows], centre, radius)
    q1 = _points([row["q1"] for row in rows], centre, radius)
    return {
        "size": RADAR_SIZE,
        "centre": centre,
        "axes": axes,
        "rings": rings,
        "band": f"M{q3.replace(' ', ' L')} Z M{q1.replace(' ', ' L')} Z" if count else "",
        "median": _points([row["median"] for row in rows], centre, radius),
        "pole": _points([row.get("level") for row in rows], centre, radius) if with_pole else "",
        "pole_dots": [
            dict(zip(("x", "y"), _point(i, count, row.get("level"), centre, radius), strict=True))
            for i, row in enumerate(rows)
        ]
        if with_pole
        else [],
    }


BAR_HEIGHT = 22
BAR_GAP = 6
BAR_LABEL = 60
BAR_WIDTH = 380


def bars(rows: list[dict], *, respondents: int) -> dict:
    """Horizontal bars, one per indicator: rows [{"code", "label", "count"}]."""
    scale = max([respondents, *(row["count"] for row in rows)]) or 1
    drawn = []
    for index, row in enumerate(rows):
        y = index * (BAR_HEIGHT + BAR_GAP) + 10
        width = round(BAR_WIDTH * row["count"] / scale, 1)
        drawn.append(
            {
                **row,
                "y": y,
                "text_y": y + BAR_HEIGHT - 6,
                "width": width,
                "value_x": BAR_LABEL + width + 6,
            }
        )
    return {
        "rows": drawn,
        "label_width": BAR_LABEL,
        "width": BAR_LABEL + BAR_WIDTH + 60,
        "height": len(rows) * (BAR_HEIGHT + BAR_GAP) + 20,
        "bar_height": BAR_HEIGHT,
    }


def radar_summary(rows: list[dict]) -> dict:
    """The text alternative's facts: objectives where the pole is above, below or at the
    network median."""
    summary: dict[str, list[str]] = {"above": [], "below": [], "equal": []}
    for row in rows:
        level, median = row.get("level"), row.get("median")
        if level is None or median is None:
            continue
        key = "above" if level > median else "below" if level < median else "equal"
        summary[key].append(row["code"])
    return summary
