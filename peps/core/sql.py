"""Marks of a page's main query written out as SQL: `EXISTS(SELECT 1 FROM follow WHERE
follow.project_id = project.id AND follow.person_id = %s)`, what the ORM writes for
Exists(Follow.objects.filter(project=OuterRef("pk"), person_id=...)), without its cost:
building and compiling an Exists costs about a millisecond, more than the indexed read."""

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import BooleanField, Model, signals
from django.db.models.base import ModelState
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
def _latest_sql(model: type[Model], column: str, count: int, order: tuple[str, ...], names: tuple[str, ...]) -> str:
    quote = connection.ops.quote_name

    def col(name: str) -> str:
        return quote(model._meta.pk.column if name == "pk" else model._meta.get_field(name).column)

    pk, table = col("pk"), quote(model._meta.db_table)
    where = " AND ".join(f"{col(name)} = %s" for name in (column, *names))
    ordering = order_sql(model, order)
    return " UNION ALL ".join(
        f"SELECT {pk} FROM (SELECT {pk} FROM {table} WHERE {where} ORDER BY {ordering} LIMIT %s) AS part_{n}"  # noqa: S608 - quoted names of the model
        for n in range(count)
    )


def latest_per_value(
    model: type[Model], *, column: str, values, order: tuple[str, ...], limit: int, **equals
) -> RawSQL:
    """The primary keys of the first `limit` rows in `order` for each value of `column`, among
    the rows with the given values (`pole=pole.pk`): a board's columns, a debate's stances.
    For `.filter(pk__in=...)`. One LIMIT subquery a value, on its index, joined by UNION ALL:
    a window function over all the rows reads and sorts every one of them, and the ORM's
    sliced subqueries cost several times more to build and compile than this to run."""
    names = tuple(equals)
    sql = _latest_sql(model, column, len(values), tuple(order), names)
    params = [param for value in values for param in (value, *equals.values(), limit)]
    return RawSQL(sql, params)  # noqa: S611 - names from the model, values as parameters


@functools.lru_cache(maxsize=64)
def _row_reader(
    model: type[Model], vendor: str, only: tuple[str, ...] | None, alias: str | None = None
) -> tuple[str, tuple[str, ...], tuple]:
    quote = connection.ops.quote_name
    table = model._meta.db_table
    fields = [
        field
        for field in model._meta.concrete_fields
        if only is None or field.primary_key or field.name in only or field.attname in only
    ]
    columns = ", ".join(f"{quote(alias or table)}.{quote(field.column)}" for field in fields)
    converters = []
    for index, field in enumerate(fields):
        column, found = _field_converters(model, field.name, vendor)
        if found:
            converters.append((index, column, found))
    return columns, tuple(field.attname for field in fields), tuple(converters)


def model_columns(model: type[Model], only: tuple[str, ...] | None = None, alias: str | None = None) -> str:
    """The columns of `model` for a written-out SELECT (`"table"."column", …`, in the
    model's field order; `alias` instead of the table's name when it is joined under one):
    every one, or the primary key and the fields named in `only` (the others are deferred,
    as with QuerySet.only()). Read back by model_from_row()."""
    return _row_reader(model, connection.vendor, only, alias)[0]


def model_width(model: type[Model], only: tuple[str, ...] | None = None) -> int:
    """How many values model_columns() selects."""
    return len(_row_reader(model, connection.vendor, only)[1])


def model_from_row(model: type[M], row, offset: int = 0, only: tuple[str, ...] | None = None) -> M:
    """The instance of a row whose values from `offset` on are model_columns(model, only):
    the values go through the converters that the ORM applies (dates, decimals, booleans
    from SQLite's integers…), and the instance comes from Model.from_db(), as the ORM
    builds it."""
    return _from_row(connections[DEFAULT_DB_ALIAS], model, row, offset, only)


def joined_from_row(model: type[M], row, offset: int = 0, only: tuple[str, ...] | None = None) -> M | None:
    """model_from_row() for the row of a LEFT JOIN: None when it found no row (its primary
    key is NULL), as select_related leaves a missing relation."""
    return _joined_from_row(connections[DEFAULT_DB_ALIAS], model, row, offset, only)


# The two above run once or twice for every row of a list: they take the connection once
# (`connections[...]`) and hand it on, where each attribute read through django.db.connection
# (.vendor, .alias, and the converters' argument) looked this thread's connection up again.


def _from_row(db, model: type[M], row, offset: int, only: tuple[str, ...] | None) -> M:
    _, names, converters = _row_reader(model, db.vendor, only)
    values = list(row[offset : offset + len(names)])
    for index, column, functions in converters:
        for function in functions:
            values[index] = function(values[index], column, db)
    if not _plain(model):
        return model.from_db(db.alias, names, values)
    # What Model.from_db() and Model.__init__() leave, without their walk over every field
    # (9 µs an instance, against 2): each value under its attribute name, a field not read
    # left out (deferred: loaded on access, as the ORM's), and the state of a saved row.
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    state = ModelState()
    state.adding, state.db = False, db.alias
    instance._state = state
    return instance


@functools.lru_cache(maxsize=256)
def _plain(model: type[Model]) -> bool:
    """Whether the model builds its instances as Django's Model does: no __init__ or from_db()
    of its own, nothing listening to its pre_init or post_init signals (asked once, as the
    apps connect their receivers when they start)."""
    return (
        model.__init__ is Model.__init__
        and model.from_db.__func__ is Model.from_db.__func__  # type: ignore[attr-defined]
        and not signals.pre_init.has_listeners(model)
        and not signals.post_init.has_listeners(model)
    )


def _joined_from_row(db, model: type[M], row, offset: int, only: tuple[str, ...] | None) -> M | None:
    _, names, _ = _row_reader(model, db.vendor, only)
    if row[offset + names.index(model._meta.pk.attname)] is None:
        return None
    return _from_row(db, model, row, offset, only)


def column(model: type[Model], name: str, table: str | None = None) -> str:
    """A field's quoted column after its model's quoted table, or after `table` (the alias it
    is joined under); `pk`: the primary key's."""
    meta: Any = model._meta
    field: Any = meta.pk if name == "pk" else meta.get_field(name)
    quote = connection.ops.quote_name
    return f"{table or quote(meta.db_table)}.{quote(field.column)}"


@functools.lru_cache(maxsize=1024)
def _field_converters(model: type[Model], name: str, vendor: str) -> tuple[Any, tuple]:
    field: Any = model._meta.get_field(name)
    expression = field.get_col(model._meta.db_table)
    return expression, tuple(connection.ops.get_db_converters(expression) + field.get_db_converters(connection))


def from_db(model: type[Model], name: str) -> Callable[[Any], Any]:
    """What turns a value of the field's column, as a written-out read fetches it, into what
    the ORM would give (SQLite: a datetime's text into an aware datetime, an integer into a
    boolean; PostgreSQL: mostly nothing). Take it once per read, apply it to each row."""
    db = connections[DEFAULT_DB_ALIAS]
    expression, converters = _field_converters(model, name, db.vendor)

    def convert(value):
        for function in converters:
            value = function(value, expression, db)
        return value

    return convert


def order_sql(model: type[Model], order: tuple[str, ...]) -> str:
    """An ORDER BY's terms for field names as order_by() takes them ("-name": descending)."""
    return ", ".join(f"{column(model, name.lstrip('-'))}{' DESC' if name.startswith('-') else ''}" for name in order)


def read_rows(
    model: type[M], *, only: tuple[str, ...] | None, order: tuple[str, ...], limit: int | None = None, **equals
) -> list[M]:
    """The instances of `model` whose fields equal `equals` (`pole=pole.pk`), in `order`, the
    first `limit` (all: None), with only the fields of `only` loaded (all: None): a list of
    one table as the ORM reads it, without its building and compiling."""
    sql = _rows_sql(model, only, tuple(equals), tuple(order), limit is not None, connection.vendor)
    params = [*equals.values(), *([] if limit is None else [limit])]
    return [model_from_row(model, row, 0, only) for row in fetch_rows(sql, params)]


@functools.lru_cache(maxsize=64)
def _rows_sql(model, only, equals: tuple[str, ...], order: tuple[str, ...], limited: bool, vendor: str) -> str:
    where = " AND ".join(f"{column(model, name)} = %s" for name in equals)
    limit = " LIMIT %s" if limited else ""
    table = connection.ops.quote_name(model._meta.db_table)
    return f"SELECT {model_columns(model, only)} FROM {table} WHERE {where} ORDER BY {order_sql(model, order)}{limit}"  # noqa: S608 - the model's quoted names, values as parameters


def fetch_rows(sql: str, params) -> list[tuple]:
    """The rows of a written-out query, values as parameters."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


Relations = tuple[tuple[str, tuple[str, ...] | None], ...]


def joined_select(model: type[Model], fields: tuple[str, ...] | None, relations: Relations) -> tuple[str, str]:
    """A written-out read of `model` with relations, as select_related reads them: the head
    (`SELECT` the `fields` of `model`, then those of each relation: a foreign key and its
    fields) and the tail (`FROM` the model's table `LEFT JOIN` each relation's under the
    aliases j0, j1…). Apart, so that a caller may add columns (marks) after the relations';
    joined_instances() reads the rows back."""
    return _joined_select(model, fields, relations, connection.vendor)


@functools.lru_cache(maxsize=64)
def _joined_select(model: type[Model], fields, relations: Relations, vendor: str) -> tuple[str, str]:
    quote = connection.ops.quote_name
    columns, joins = [model_columns(model, fields)], []
    for index, (name, subset) in enumerate(relations):
        field: Any = model._meta.get_field(name)
        alias = f"j{index}"
        columns.append(model_columns(field.related_model, subset, alias))
        on = f"{alias}.{quote(field.target_field.column)} = {column(model, name)}"
        joins.append(f" LEFT JOIN {quote(field.related_model._meta.db_table)} {alias} ON {on}")
    return f"SELECT {', '.join(columns)}", f" FROM {quote(model._meta.db_table)}{''.join(joins)}"


def joined_instances(model: type[M], fields: tuple[str, ...] | None, relations: Relations, rows) -> list[M]:
    """The instances of joined_select()'s rows, each relation cached as select_related caches
    it (None when the row has none). Columns after the relations' are the caller's."""
    db = connections[DEFAULT_DB_ALIAS]
    readers: list[Any] = [(model._meta.get_field(name), subset) for name, subset in relations]
    instances = []
    for row in rows:
        instance = _from_row(db, model, row, 0, fields)
        offset = len(_row_reader(model, db.vendor, fields)[1])
        for field, subset in readers:
            field.set_cached_value(instance, _joined_from_row(db, field.related_model, row, offset, subset))
            offset += len(_row_reader(field.related_model, db.vendor, subset)[1])
        instances.append(instance)
    return instances


def read_joined(
    model: type[M],
    fields: tuple[str, ...] | None,
    relations: Relations,
    order: tuple[str, ...],
    *,
    limit: int,
    offset: int = 0,
    **equals,
) -> list[M]:
    """read_rows() with relations joined and an offset: the instances of `model` whose fields
    equal `equals`, in `order`, `limit` of them from `offset`, `fields` loaded and `relations`
    joined as select_related and only() read them."""
    sql = _joined_rows_sql(model, fields, relations, tuple(equals), tuple(order), connection.vendor)
    return joined_instances(model, fields, relations, fetch_rows(sql, [*equals.values(), limit, offset]))


@functools.lru_cache(maxsize=64)
def _joined_rows_sql(model, fields, relations: Relations, equals: tuple[str, ...], order: tuple[str, ...], vendor: str):
    where = " AND ".join(f"{column(model, name)} = %s" for name in equals)
    return f"{''.join(joined_select(model, fields, relations))} WHERE {where} ORDER BY {order_sql(model, order)} LIMIT %s OFFSET %s"


@functools.lru_cache(maxsize=128)
def _one_sql(model: type[Model], vendor: str, relations: tuple[str, ...], only: tuple, equals: tuple[str, ...]):
    quote = connection.ops.quote_name
    meta: Any = model._meta
    table = quote(meta.db_table)
    subsets = dict(only)
    columns, joins, joined = [model_columns(model, subsets.get(""))], [], []
    for index, name in enumerate(relations):
        field: Any = meta.get_field(name)
        related, subset = field.related_model, subsets.get(name)
        # Each joined table under its own alias (two relations may join the same table).
        alias = quote(f"j{index}")
        if field.concrete:  # a foreign key of the model
            on = f"{alias}.{quote(field.target_field.column)} = {table}.{quote(field.column)}"
        else:  # the reverse side of a one-to-one
            on = f"{alias}.{quote(field.field.column)} = {table}.{quote(meta.pk.column)}"
        columns.append(model_columns(related, subset, f"j{index}"))
        joins.append(f" LEFT JOIN {quote(related._meta.db_table)} {alias} ON {on}")
        joined.append((field, related, subset))
    where = " AND ".join(f"{table}.{quote(meta.get_field(name).column)} = %s" for name in equals)
    head = f"SELECT {', '.join(columns)}"
    tail = f" FROM {table}{''.join(joins)} WHERE {where}"  # noqa: S608 - the models' quoted names
    return head, tail, tuple(joined)


def read_one(
    model: type[M], *, relations=(), only: dict | None = None, marks: dict | None = None, **equals
) -> M | None:
    """The row of `model` whose fields equal `equals` (values as parameters: `pole=pole.pk,
    id=pk`; one row at most), with its `relations` (foreign keys, or the reverse side of a
    one-to-one) joined and cached as select_related caches them, and `marks` (RawSQL
    annotations on the model's unaliased table: exists_mark(), counts) set as attributes;
    `only`: the fields read of the model (key None) or of a relation (its name), the others
    deferred as with QuerySet.only(). What the ORM answers, without its building and compiling
    (several times the read for a page's main object); None when no row matches."""
    subsets = tuple(sorted(((name or ""), tuple(fields)) for name, fields in (only or {}).items()))
    db = connections[DEFAULT_DB_ALIAS]
    head, tail, joined = _one_sql(model, db.vendor, tuple(relations), subsets, tuple(equals))
    marks = marks or {}
    sql = head + "".join(f", {mark.sql}" for mark in marks.values()) + tail
    params = [*(param for mark in marks.values() for param in mark.params), *equals.values()]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    own = dict(subsets).get("")
    instance: Any = _from_row(db, model, row, 0, own)
    offset = len(_row_reader(model, db.vendor, own)[1])
    for field, related, subset in joined:
        found = _joined_from_row(db, related, row, offset, subset)
        offset += len(_row_reader(related, db.vendor, subset)[1])
        field.set_cached_value(instance, found)
        if found is not None and not field.concrete:  # the other side knows its owner, as with select_related
            field.field.set_cached_value(found, instance)
    for index, name in enumerate(marks):
        setattr(instance, name, row[offset + index])
    return instance
