"""Marks of a page's main query written out as SQL: `EXISTS(SELECT 1 FROM follow WHERE
follow.project_id = project.id AND follow.person_id = %s)`, what the ORM writes for
Exists(Follow.objects.filter(project=OuterRef("pk"), person_id=...)), without its cost:
building and compiling an Exists costs about a millisecond, more than the indexed read."""

import functools
from typing import TypeVar

from django.db import connection
from django.db.models import BooleanField, Model
from django.db.models.expressions import RawSQL

M = TypeVar("M", bound=Model)


@functools.lru_cache(maxsize=256)
def _exists_sql(model: type[Model], link: str, outer: type[Model], names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name
    outer_pk = f"{quote(outer._meta.db_table)}.{quote(outer._meta.pk.column)}"
    conditions = [f"m.{quote(model._meta.get_field(link).column)} = {outer_pk}"]
    conditions += [f"m.{quote(model._meta.get_field(name).column)} = %s" for name in names]
    return f"EXISTS(SELECT 1 FROM {quote(model._meta.db_table)} m WHERE {' AND '.join(conditions)})"  # noqa: S608 - quoted names of the models


def exists_mark(model: type[Model], *, link: str, outer: type[Model], **equals) -> RawSQL:
    """Whether a row of `model` points by its foreign key `link` to the row of the outer
    query (of model `outer`, its table not aliased, as in a page's main query) and has the
    given values (`person=user.pk`), as an annotation: `.annotate(is_following=...)`."""
    sql = _exists_sql(model, link, outer, tuple(equals))
    return RawSQL(sql, tuple(equals.values()), output_field=BooleanField())  # noqa: S611 - names from the models, values as parameters


@functools.lru_cache(maxsize=64)
def _row_reader(model: type[Model], vendor: str, only: tuple[str, ...] | None) -> tuple[str, tuple[str, ...], tuple]:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = [
        field
        for field in model._meta.concrete_fields
        if only is None or field.primary_key or field.name in only or field.attname in only
    ]
    columns = ", ".join(f"{quote(table)}.{quote(field.column)}" for field in fields)
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(table)
        found = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if found:
            converters.append((index, column, tuple(found)))
    return columns, tuple(field.attname for field in fields), tuple(converters)


def model_columns(model: type[Model], only: tuple[str, ...] | None = None) -> str:
    """The columns of `model` for a written-out SELECT (`"table"."column", …`, in the
    model's field order): every one, or the primary key and the fields named in `only`
    (the others are deferred, as with QuerySet.only()). Read back by model_from_row()."""
    return _row_reader(model, connection.vendor, only)[0]


def model_width(model: type[Model], only: tuple[str, ...] | None = None) -> int:
    """How many values model_columns() selects."""
    return len(_row_reader(model, connection.vendor, only)[1])


def model_from_row(model: type[M], row, offset: int = 0, only: tuple[str, ...] | None = None) -> M:
    """The instance of a row whose values from `offset` on are model_columns(model, only):
    the values go through the converters that the ORM applies (dates, decimals, booleans
    from SQLite's integers…), and the instance comes from Model.from_db(), as the ORM
    builds it."""
    _, names, converters = _row_reader(model, connection.vendor, only)
    values = list(row[offset : offset + len(names)])
    for index, column, functions in converters:
        for function in functions:
            values[index] = function(values[index], column, connection)
    return model.from_db(connection.alias, names, values)


def joined_from_row(model: type[M], row, offset: int = 0, only: tuple[str, ...] | None = None) -> M | None:
    """model_from_row() for the row of a LEFT JOIN: None when it found no row (its primary
    key is NULL), as select_related leaves a missing relation."""
    _, names, _ = _row_reader(model, connection.vendor, only)
    if row[offset + names.index(model._meta.pk.attname)] is None:
        return None
    return model_from_row(model, row, offset, only)
