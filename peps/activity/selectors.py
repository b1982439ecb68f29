"""Reads of the contact log: the coordinators' list with its filters, and the figures of
the annual report (`contacts_summary`, `contacts_in_period`), each in a fixed number of queries."""

import datetime
import functools
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import BooleanField, Min, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.shortcuts import get_object_or_404
from django.utils import timezone

from peps.core.pagination import MAX_COUNT, Page, page_number, page_of_rows
from peps.core.sql import column, joined_instances, joined_select
from peps.directory.models import Structure
from peps.poles.models import Pole

from .models import Channel, Contact


# A row is its structure's first contact with the pole when no contact of the same structure
# in the same pole came before it (by date, then id). Written out, with the model's names:
# the ORM's version (an Exists of four OuterRefs under an OR) cost more to build and compile
# than the read, and the log's page compiles it twice (its rows and their count). The outer
# query's table is not aliased (the main query, or the count's subquery of it).
@functools.lru_cache(maxsize=2)
def _first_contact_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    table = quote(Contact._meta.db_table)
    columns = {field.name: quote(field.column or "") for field in Contact._meta.concrete_fields}
    pole, structure, date, pk = (columns[name] for name in ("pole", "structure", "date", "id"))
    return (
        f"({table}.{structure} IS NOT NULL AND NOT EXISTS(SELECT 1 FROM {table} e"  # noqa: S608 - the model's quoted names
        f" WHERE e.{pole} = {table}.{pole} AND e.{structure} = {table}.{structure}"
        f" AND (e.{date} < {table}.{date} OR (e.{date} = {table}.{date} AND e.{pk} < {table}.{pk}))))"
    )


def with_first_flag(queryset: QuerySet) -> QuerySet:
    """Annotate `is_first_contact`: this row is the structure's first contact with the pole."""
    sql = _first_contact_sql(connection.vendor)
    first = RawSQL(sql, (), output_field=BooleanField())  # noqa: S611 - the model's quoted names, no value
    return queryset.annotate(is_first_contact=first)


def contacts_of_pole(pole: Pole) -> QuerySet:
    return with_first_flag(
        Contact.objects.filter(pole=pole).select_related("structure", "person").order_by("-date", "-pk")
    )


def contact_for_coordinator(*, pole: Pole, pk: int) -> Contact:
    """A contact of this pole, or 404 (ids of other poles are never found)."""
    return get_object_or_404(Contact.objects.select_related("structure", "person"), pole=pole, pk=pk)


def filtered_contacts(
    *,
    pole: Pole,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    channel: str = "",
    structure: Structure | None = None,
    follow_up: str = "",
    today: datetime.date | None = None,
) -> QuerySet:
    """The log with the list page's filters; `follow_up` is "due" (date reached, not done)
    or "open" (any follow-up not done yet). Only the columns a row of the log shows: a
    structure's and a person's full rows (descriptions, search text) cost more to read
    and build than the rest of the page."""
    queryset = contacts_of_pole(pole).only(
        *ROW_FIELDS, *(f"structure__{name}" for name in ROW_STRUCTURE), *(f"person__{name}" for name in ROW_PERSON)
    )
    if start:
        queryset = queryset.filter(date__gte=start)
    if end:
        queryset = queryset.filter(date__lte=end)
    if channel in Channel.values:
        queryset = queryset.filter(channel=channel)
    if structure is not None:
        queryset = queryset.filter(structure=structure)
    if follow_up == "due":
        today = today or timezone.localdate()
        queryset = queryset.filter(done=False, follow_up_on__lte=today)
    elif follow_up == "open":
        queryset = queryset.filter(done=False).filter(~Q(follow_up="") | Q(follow_up_on__isnull=False))
    return queryset


# The log's page written out: the ORM's query (select_related, only(), the first-contact
# annotation) and its count cost several times the reads to build and compile. The same
# rows as filtered_contacts() in the same order, paged as peps.core.pagination pages.
# What a row of the log shows (activity/jinja2/activity/_rows.html).
ROW_FIELDS = (
    "pole",
    "date",
    "structure",
    "person",
    "person_name",
    "channel",
    "topic",
    "follow_up",
    "follow_up_on",
    "done",
)
ROW_STRUCTURE = ("name", "slug")
ROW_PERSON = ("display_name", "first_name", "last_name", "email")


def _log_where(pole: Pole, *, start, end, channel: str, structure, follow_up: str, today) -> tuple[str, list[Any]]:
    """filtered_contacts()'s conditions as SQL on the unaliased contact table, and their values."""
    day = connection.ops.adapt_datefield_value
    conditions = [f"{column(Contact, 'pole')} = %s"]
    params: list[Any] = [pole.pk]
    if start:
        conditions.append(f"{column(Contact, 'date')} >= %s")
        params.append(day(start))
    if end:
        conditions.append(f"{column(Contact, 'date')} <= %s")
        params.append(day(end))
    if channel in Channel.values:
        conditions.append(f"{column(Contact, 'channel')} = %s")
        params.append(channel)
    if structure is not None:
        conditions.append(f"{column(Contact, 'structure')} = %s")
        params.append(structure.pk)
    done, on = column(Contact, "done"), column(Contact, "follow_up_on")
    if follow_up == "due":
        conditions.append(f"{done} = %s AND {on} <= %s")
        params += [False, day(today or timezone.localdate())]
    elif follow_up == "open":
        conditions.append(f"{done} = %s AND ({column(Contact, 'follow_up')} <> %s OR {on} IS NOT NULL)")
        params += [False, ""]
    return " WHERE " + " AND ".join(conditions), params


ROW_RELATIONS = (("structure", ROW_STRUCTURE), ("person", ROW_PERSON))


def _log_select() -> tuple[str, str]:
    """The log's SELECT (a row, its structure's and its person's, its first-contact flag last)
    with its FROM, and its ORDER BY."""
    head, tail = joined_select(Contact, ROW_FIELDS, ROW_RELATIONS)
    first = _first_contact_sql(connection.vendor)
    return f"{head}, {first}{tail}", f" ORDER BY {column(Contact, 'date')} DESC, {column(Contact, 'pk')} DESC"


def contact_log_page(*, pole: Pole, request, today: datetime.date | None = None, **filters) -> Page:
    """A page of the log (filtered_contacts()'s rows with `filters`, newest first) and the
    capped count of all its rows, in two written-out queries."""
    where, params = _log_where(
        pole,
        start=filters.get("start"),
        end=filters.get("end"),
        channel=filters.get("channel") or "",
        structure=filters.get("structure"),
        follow_up=filters.get("follow_up") or "",
        today=today,
    )
    per_page, number = settings.PEPS_PAGE_SIZE, page_number(request)
    select, order = _log_select()
    table = connection.ops.quote_name(Contact._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"{select}{where}{order} LIMIT %s OFFSET %s", [*params, per_page + 1, (number - 1) * per_page])
        rows = cursor.fetchall()
        cursor.execute(f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where} LIMIT %s) capped", [*params, MAX_COUNT + 1])  # noqa: S608 - the model's quoted names, values as parameters
        (count,) = cursor.fetchone()
    contacts: list[Any] = joined_instances(Contact, ROW_FIELDS, ROW_RELATIONS, rows[:per_page])
    for contact, row in zip(contacts, rows[:per_page], strict=True):
        contact.is_first_contact = bool(row[-1])
    return page_of_rows(contacts, fetched=len(rows), number=number, per_page=per_page, count=count)


def recent_contacts_of_structure(*, structure: Structure, limit: int = 5) -> list[Contact]:
    return list(
        with_first_flag(Contact.objects.filter(pole_id=structure.pole_id, structure=structure))
        .select_related("person")
        .order_by("-date", "-pk")[:limit]
    )


def contacts_in_period(pole: Pole, start: datetime.date, end: datetime.date) -> QuerySet:
    """The traceable list behind `contacts_summary`: every contact of the period, newest first,
    with `is_first_contact`."""
    return contacts_of_pole(pole).filter(date__gte=start, date__lte=end)


def first_contacts(pole: Pole) -> QuerySet:
    """(structure, first date) of every structure the pole has contacted."""
    return (
        Contact.objects.filter(pole=pole, structure__isnull=False)
        .values("structure")
        .annotate(first=Min("date"))
        .order_by()
    )


def structures_contacted_in_period(pole: Pole, start: datetime.date, end: datetime.date) -> QuerySet:
    """The structures whose first contact with the pole falls in the period (the report's list)."""
    ids = first_contacts(pole).filter(first__gte=start, first__lte=end).values("structure")
    return Structure.objects.filter(pole=pole, pk__in=ids).order_by("name")


@functools.lru_cache(maxsize=2)
def _summary_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    table = quote(Contact._meta.db_table)
    columns = {field.name: quote(field.column or "") for field in Contact._meta.concrete_fields}
    pole, date, person, key, channel, structure = (
        columns[name] for name in ("pole", "date", "person", "person_key", "channel", "structure")
    )
    by_channel = "".join(f", COUNT(CASE WHEN {channel} = %s THEN 1 END)" for _ in Channel.values)
    return (
        f"SELECT COUNT(*), COUNT(DISTINCT {person}),"  # noqa: S608 - the model's quoted names, values as parameters
        f" COUNT(DISTINCT CASE WHEN {person} IS NULL AND {key} <> '' THEN {key} END){by_channel},"
        f" (SELECT COUNT(*) FROM (SELECT {structure} FROM {table} WHERE {pole} = %s AND {structure} IS NOT NULL"
        f" GROUP BY {structure} HAVING MIN({date}) >= %s AND MIN({date}) <= %s) firsts)"
        f" FROM {table} WHERE {pole} = %s AND {date} >= %s AND {date} <= %s"
    )


def contacts_summary(pole: Pole, start: datetime.date, end: datetime.date) -> dict:
    """The report's figures for the period, in one query:

    - contacts: contacts dated in the period;
    - structures_contacted: structures whose FIRST contact with this pole is in the period;
    - people_contacted: distinct people met in the period (accounts by id, others by folded name);
    - by_channel: [(label, count)] for every channel, in the order of `Channel` (zeros kept,
      so that two periods compare line by line).

    Written out: the ORM's aggregate of ten filtered counts, and the count of first contacts
    apart, cost several times the reads to build and compile (the contact log shows these
    figures on every page). Tests hold it to the ORM's answer."""
    first, last = (connection.ops.adapt_datefield_value(day) for day in (start, end))
    params = [*Channel.values, pole.pk, first, last, pole.pk, first, last]
    with connection.cursor() as cursor:
        cursor.execute(_summary_sql(connection.vendor), params)
        contacts, accounts, names, *counts, structures = cursor.fetchone()
    channels = dict(zip(Channel.values, counts, strict=True))
    return {
        "contacts": contacts,
        "structures_contacted": structures,
        "people_contacted": accounts + names,
        "by_channel": [(label, channels[value]) for value, label in Channel.choices],
    }


def follow_ups_due_count(*, pole: Pole, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return Contact.objects.filter(pole=pole, done=False, follow_up_on__lte=today).count()


def structures_matching(*, pole: Pole, query: str, limit: int = 12) -> list[Structure]:
    """Structures of the pole whose name matches every typed word (for the form's suggestions)."""
    from peps.core.text import search_terms

    terms = search_terms(query)
    if not terms:
        return []
    queryset = Structure.objects.filter(pole=pole).only("pk", "name", "slug")
    for term in terms:
        queryset = queryset.filter(search_text__contains=term)
    return list(queryset.order_by("name")[:limit])
