"""Reads of the open-data page: each dataset with its row count and last update, network-wide
or for one pole, computed on every visit in a few milliseconds (no cache: see summaries())."""

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, Subquery
from django.http import Http404

from peps.poles.models import Pole

from .datasets import DATASETS, Dataset


@dataclass(frozen=True)
class Summary:
    dataset: Dataset
    count: int
    last_update: datetime.datetime | None


def pole_for_export(slug: str | None) -> Pole | None:
    """The pole named by ?pole=…: None for the whole network, 404 for an unknown pole."""
    if not slug:
        return None
    pole = Pole.objects.filter(slug=slug[:60]).only("pk", "slug", "name", "short_name").first()
    if pole is None:
        raise Http404
    return pole


def dataset_or_404(slug: str) -> Dataset:
    dataset = DATASETS.get(slug)
    if dataset is None:
        raise Http404
    return dataset


def _count_all(rows: QuerySet) -> Subquery:
    # COUNT(*) rather than COUNT(id): on a table without a filter SQLite answers it from the
    # smallest index without decoding rows (2 ms for 200,000 structures, against 18).
    return Subquery(rows.order_by().annotate(n=Func(template="COUNT(*)", output_field=IntegerField())).values("n"))


def _count(dataset: Dataset, pole: Pole | None):
    if dataset.hidden is None:
        return _count_all(dataset.public_rows(pole=pole))
    table = dataset.hidden().model._default_manager.all()
    if pole is not None:
        table = table.filter(**{dataset.pole_filter: pole.pk})
    return _count_all(table) - _count_all(dataset.hidden_rows(pole=pole))


def _last_update(dataset: Dataset, pole: Pole | None) -> Subquery:
    # Alone in its subquery, MAX() over an index on (filter, last change) reads one entry;
    # next to COUNT() in the same SELECT it would scan every public row.
    rows = dataset.public_rows(pole=pole).order_by()
    return Subquery(rows.annotate(last=Func(F(dataset.last_update), function="MAX")).values("last"))


def _summaries_queryset(pole: Pole | None) -> QuerySet:
    """Every dataset's public row count and last change as one row of scalar subqueries,
    each bounded by an index (see Dataset.hidden), whatever the size of the network."""
    figures: dict[str, Any] = {}
    for slug, dataset in DATASETS.items():
        figures[f"{slug}__n"] = _count(dataset, pole)
        figures[f"{slug}__last"] = _last_update(dataset, pole)
    # The subqueries need a FROM: any one row of the poles table (without a pole, there are no
    # rows to count either).
    return Pole.objects.order_by().annotate(**figures).values(*figures).order_by("pk")[:1]


# Stands for the pole's id while the query is compiled once for every pole (see _compiled).
_ANY_POLE = -7_346_291


@functools.lru_cache(maxsize=16)
def _compiled(vendor: str, for_pole: bool, registry: tuple) -> tuple[str, tuple, tuple]:
    """_summaries_queryset() compiled once per database engine, network or one pole, and set
    of datasets (the key): its SQL, its parameters with _ANY_POLE where the pole's id goes,
    and each column's name and expression (for the ORM's converters). Building and compiling
    ten subqueries cost the ORM about 4 ms on every visit, the database 3."""
    queryset = _summaries_queryset(Pole(pk=_ANY_POLE) if for_pole else None)
    compiler = queryset.query.get_compiler(connection=connection)
    sql, params = compiler.as_sql()
    columns = tuple((alias, expression) for expression, _sql, alias in compiler.select)
    return sql, tuple(params), columns


def summaries(*, pole: Pole | None = None) -> list[Summary]:
    """Every dataset's public row count and last change, read in one query (see
    _summaries_queryset); the same values as the ORM's (a test holds them to it)."""
    if not DATASETS:
        return []
    registry = tuple((slug, id(dataset)) for slug, dataset in DATASETS.items())
    sql, params, columns = _compiled(connection.vendor, pole is not None, registry)
    if pole is not None:
        params = tuple(pole.pk if type(param) is int and param == _ANY_POLE else param for param in params)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()
    row: dict[str, Any] = {}
    for (alias, expression), value in zip(columns, found or (), strict=False):
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            value = converter(value, expression, connection)
        row[alias] = value
    return [
        Summary(dataset, row.get(f"{slug}__n") or 0, row.get(f"{slug}__last")) for slug, dataset in DATASETS.items()
    ]


def poles_for_choice() -> list[Mapping[str, object]]:
    # Plain values, not a hundred deferred model instances: the page only shows slug and name.
    return list(Pole.objects.order_by("name").values("slug", "name"))
