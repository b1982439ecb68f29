"""The figures of an annual report: one plain function per section, each made of aggregate
queries only (a bounded number per section, whatever the size of the pole), each figure
carrying a link to the list it counts, or an appendix list where no such page exists.

Every function takes (pole, period) and returns a JSON-ready section dict:

    {"key", "title", "available", "note", "figures": [row], "tables": [table], "appendix": [list]}
    row   = {"key", "label", "value", "url", "private"}       (private: a coordinators' page)
    table = {"key", "title", "unit", "chart", "rows": [row]}
    list  = {"key", "title", "columns": [str], "rows": [{"cells": [str], "url"}], "total"}

The report stores the result (Report.figures) and both the web page and the PDF render it.
The section functions live in the apps that own the data (peps/<app>/report.py), which
register them in `sections` from their AppConfig.ready(); this module only holds the shapes
and the registry, and imports no other app.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone, translation

APPENDIX_LIMIT = 100
TOP_LIMIT = 15


@dataclass(frozen=True)
class Period:
    """Local dates, both included; `start_at`/`end_at` bound datetimes as [start_at, end_at)."""

    start: datetime.date
    end: datetime.date

    @property
    def start_at(self) -> datetime.datetime:
        return _local_midnight(self.start)

    @property
    def end_at(self) -> datetime.datetime:
        return _local_midnight(self.end + datetime.timedelta(days=1))

    def dates(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def moments(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start_at, f"{field}__lt": self.end_at})


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0)).replace(tzinfo=timezone.get_default_timezone())


# --- Shapes ---------------------------------------------------------------------------------


def link(name: str, pole, *, private: bool = False, args: tuple = (), **query) -> dict | None:
    """A link to a list page, or None when that page does not exist (yet)."""
    try:
        url = reverse(name, args=(pole.slug, *args))
    except NoReverseMatch:
        return None
    query = {key: value for key, value in query.items() if value not in (None, "")}
    return {"url": url + ("?" + urlencode(query) if query else ""), "private": private}


def row(key: str, label, value, target: dict | None = None, **extra) -> dict:
    return {
        "key": key,
        "label": str(label),
        "value": number(value),
        "url": target["url"] if target else "",
        "private": bool(target and target["private"]),
        **extra,
    }


def table(key: str, title, rows: list[dict], *, unit: str = "", chart: bool = True) -> dict:
    return {
        "key": key,
        "title": str(title),
        "unit": unit,
        "chart": chart and any(r["value"] for r in rows),
        "rows": rows,
    }


def appendix(key: str, title, columns: list, rows: list[dict], total: int) -> dict:
    return {"key": key, "title": str(title), "columns": [str(c) for c in columns], "rows": rows, "total": total}


def section(key: str, title, *, figures=(), tables=(), appendices=(), note="") -> dict:
    return {
        "key": key,
        "title": str(title),
        "available": True,
        "note": str(note),
        "figures": list(figures),
        "tables": list(tables),
        "appendix": list(appendices),
    }


def unavailable(key: str, title, reason) -> dict:
    return {**section(key, title, note=reason), "available": False}


def number(value):
    if isinstance(value, Decimal):
        return float(round(value, 2))
    if isinstance(value, float):
        return round(value, 2)
    return value if value is not None else 0


def short_date(value) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return formats.date_format(value, "SHORT_DATE_FORMAT") if value else ""


def first_link(pole, names: list[str]) -> dict | None:
    for name in names:
        target = link(name, pole, private=True)
        if target:
            return target
    return None


def pairs(data) -> list[tuple[str, object]]:
    """(label, count) pairs from a dict, a list of pairs or a list of dicts."""
    if not data:
        return []
    if isinstance(data, dict):
        return [(str(label), value) for label, value in data.items()]
    found = []
    for item in data:
        if isinstance(item, dict):
            label = item.get("label") or item.get("channel") or item.get("kind") or ""
            value = next((item[k] for k in ("count", "n", "value", "total") if k in item), 0)
            found.append((str(label), value))
        else:
            found.append((str(item[0]), item[1]))
    return found


# --- The registry of sections ---------------------------------------------------------------

# (pole, period) -> a section dict, as described at the top of this module.
SectionFunction = Callable[[Any, Period], dict]


class SectionRegistry:
    """The report's sections, each contributed by the app that owns the data from its
    AppConfig.ready() (as apps register their models with the admin): the reports app
    never imports them, and an app that is not installed simply has no section."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[int, SectionFunction]] = {}

    def register(self, function: SectionFunction, *, order: int) -> None:
        """`order` places the section in the report (members 10 … funding 110)."""
        self._entries[f"{function.__module__}.{function.__qualname__}"] = (order, function)

    def unregister(self, function: SectionFunction) -> None:
        self._entries.pop(f"{function.__module__}.{function.__qualname__}", None)

    def __iter__(self) -> Iterator[SectionFunction]:
        return iter([function for _order, function in sorted(self._entries.values(), key=lambda e: e[0])])

    def __len__(self) -> int:
        return len(self._entries)


sections = SectionRegistry()


def compute(
    pole, start: datetime.date, end: datetime.date, *, on_progress: Callable[[int], None] | None = None
) -> dict:
    """Every section, in order, as one JSON-ready snapshot."""
    period = Period(start, end)
    results = []
    # Labels are frozen in the snapshot: the report is written in the platform's language.
    with translation.override(settings.LANGUAGE_CODE):
        functions = list(sections)
        for index, function in enumerate(functions, start=1):
            results.append(function(pole, period))
            if on_progress:
                on_progress(index * 100 // len(functions))
    return {
        "version": 1,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "computed_at": timezone.now().isoformat(),
        "sections": results,
    }
