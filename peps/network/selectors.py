"""Reads of the network app: the directory and map of poles with their filters, a fiche for
its viewer, the comparison of 2 to 4 poles, and the referential results of a pole."""

import functools
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Field, Func, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse

from peps.core.collation import french_sort_key
from peps.core.pagination import Page, page_number
from peps.core.sql import fetch_rows, joined_from_row, model_columns, model_from_row, model_width
from peps.core.text import search_terms
from peps.poles.models import Membership, MembershipStatus, Pole, PoleKind
from peps.territory.models import Region

from .models import COMPARISON_FIELDS, EMERGENCE_FIELDS, PoleProfile, Theme

MAP_LIMIT = 1000


def _members_count():
    # COUNT(*) without GROUP BY: one row even for a pole without members, and the pole's
    # (pole, status) index entries are counted without reading their ids (a third faster).
    active = (
        Membership.objects.filter(pole=OuterRef("pk"), status=MembershipStatus.ACTIVE)
        .order_by()
        .annotate(n=Func(template="COUNT(*)", output_field=IntegerField()))
        .values("n")
    )
    return Subquery(active, output_field=IntegerField())


def poles_of_directory(*, filters: dict | None = None) -> QuerySet[Pole]:
    """Every pole matching the filters: kind, region code, theme slug and folded words;
    themes of non-public fiches never match. The rows are read apart (_poles_in_order)."""
    filters = filters or {}
    poles = Pole.objects.all()
    if filters.get("kind") in PoleKind.values:
        poles = poles.filter(kind=filters["kind"])
    if filters.get("region"):
        poles = poles.filter(profile__regions__code=filters["region"])
    if filters.get("theme"):
        poles = poles.filter(profile__public=True, profile__themes__slug=filters["theme"])
    for term in search_terms(filters.get("q") or ""):
        # The folded search text of the fiche; the bare name for poles not yet located.
        poles = poles.filter(
            Q(profile__search_text__contains=term) | Q(name__icontains=term) | Q(short_name__icontains=term)
        )
    return poles


# A pure function of the name, kept for the names already seen: sorting the network's few
# hundred names then costs a lookup each, not an NFKD decomposition and two regexes.
_french_key = functools.lru_cache(maxsize=4096)(french_sort_key)


def _in_french_order(poles: QuerySet[Pole]) -> list[int]:
    """The ids of the poles sorted by name as a French reader expects (« Éoliennes » among
    the E, « n° 2 » before « n° 10 »): SQLite and PostgreSQL's default collations do neither,
    and the network holds a few hundred poles, so the names are sorted here."""
    rows = poles.order_by().values_list("pk", "name")
    return [pk for pk, _name in sorted(rows, key=lambda row: (_french_key(row[1]), row[0]))]


# What a row of the directory or the map shows (network/jinja2/network/_pole_rows.html).
POLE_FIELDS = ("slug", "name", "short_name", "kind", "territory_name", "tagline", "is_demo")
PROFILE_FIELDS = ("pole", "public", "latitude", "longitude")


@functools.lru_cache(maxsize=8)
def _poles_sql(vendor: str, count: int) -> str:
    quote = connection.ops.quote_name
    pole: Any = Pole._meta
    profile: Any = PoleProfile._meta
    membership: Any = Membership._meta
    poles, pole_id = quote(pole.db_table), quote(pole.pk.column)
    members = (
        f"(SELECT COUNT(*) FROM {quote(membership.db_table)} m"  # noqa: S608 - the models' quoted names
        f" WHERE m.{quote(membership.get_field('pole').column)} = {poles}.{pole_id}"
        f" AND m.{quote(membership.get_field('status').column)} = %s)"
    )
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT {model_columns(Pole, POLE_FIELDS)}, {model_columns(PoleProfile, PROFILE_FIELDS, 'f')}, {members}"  # noqa: S608 - the models' quoted names, values as parameters
        f" FROM {poles} LEFT JOIN {quote(profile.db_table)} f ON f.{quote(profile.get_field('pole').column)} = {poles}.{pole_id}"
        f" WHERE {poles}.{pole_id} IN ({marks})"
    )


@functools.lru_cache(maxsize=8)
def _tags_sql(vendor: str, name: str, count: int) -> str:
    """The profiles' regions or themes (the many-to-many field `name`), by name."""
    quote = connection.ops.quote_name
    field: Any = PoleProfile._meta.get_field(name)
    through: Any = field.remote_field.through._meta
    tag: Any = field.related_model._meta
    owner, target = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
    marks = ", ".join(["%s"] * count)
    return (
        f"SELECT t.{owner}, {model_columns(field.related_model, TAG_FIELDS[name], 'r')}"  # noqa: S608 - the models' quoted names, values as parameters
        f" FROM {quote(through.db_table)} t JOIN {quote(tag.db_table)} r ON r.{quote(tag.pk.column)} = t.{target}"
        f" WHERE t.{owner} IN ({marks}) ORDER BY r.{quote(tag.get_field('name').column)}, r.{quote(tag.pk.column)}"
    )


TAG_FIELDS = {"regions": ("name",), "themes": ("slug", "name")}


def _poles_in_order(ids: list[int]) -> list[Pole]:
    """The poles of `ids` in that order, each with its fiche (or None, as select_related
    leaves it), the fiche's regions and themes by name (`region_list`, `theme_list`) and the
    pole's active members count (`members_count`): three written-out queries, where the ORM's
    select_related, annotation and two nested prefetches cost about 5 ms to build and run."""
    if not ids:
        return []
    db = connections[DEFAULT_DB_ALIAS]
    rows = fetch_rows(_poles_sql(db.vendor, len(ids)), [MembershipStatus.ACTIVE, *ids])
    width = model_width(Pole, POLE_FIELDS)
    field: Any = Pole._meta.get_field("profile")
    by_id, profiles = {}, {}
    for row in rows:
        pole: Any = model_from_row(Pole, row, 0, POLE_FIELDS)
        profile: Any = joined_from_row(PoleProfile, row, width, PROFILE_FIELDS)
        field.set_cached_value(pole, profile)
        if profile is not None:
            field.field.set_cached_value(profile, pole)
            profile.region_list, profile.theme_list = [], []
            profiles[profile.pk] = profile
        pole.members_count = row[-1]
        by_id[pole.pk] = pole
    if profiles:
        for name, attribute in (("regions", "region_list"), ("themes", "theme_list")):
            model: Any = PoleProfile._meta.get_field(name).related_model
            for row in fetch_rows(_tags_sql(db.vendor, name, len(profiles)), list(profiles)):
                getattr(profiles[row[0]], attribute).append(model_from_row(model, row, 1, TAG_FIELDS[name]))
    return [by_id[pk] for pk in ids if pk in by_id]


def directory_page(*, filters: dict | None = None, request, per_page: int | None = None) -> Page:
    """One page of the directory in French order: the matching poles' names, sorted here,
    then the page's rows (_poles_in_order), whatever the page."""
    per_page = per_page or settings.PEPS_PAGE_SIZE
    ids = _in_french_order(poles_of_directory(filters=filters))
    number = page_number(request)
    start = (number - 1) * per_page
    return Page(
        items=_poles_in_order(ids[start : start + per_page]),
        number=number,
        has_next=start + per_page < len(ids),
        has_previous=number > 1,
        total=len(ids),
        total_is_capped=False,
        num_pages=max(1, -(-len(ids) // per_page)),
    )


def poles_on_map(*, filters: dict | None = None) -> list[Pole]:
    """The same poles as the directory, all at once (a map is not paginated), capped."""
    return _poles_in_order(_in_french_order(poles_of_directory(filters=filters))[:MAP_LIMIT])


def map_markers(poles: list[Pole]) -> list[dict]:
    """What network.js needs for each located pole: position, name, kind and fiche link."""
    markers = []
    for pole in poles:
        profile = getattr(pole, "profile", None)
        if profile is None or profile.latitude is None or profile.longitude is None:
            continue
        markers.append(
            {
                "name": pole.name,
                "kind": pole.get_kind_display(),
                "url": reverse("network:profile", kwargs={"slug": pole.slug}),
                "lat": round(profile.latitude, 5),
                "lng": round(profile.longitude, 5),
            }
        )
    return markers


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The choices of the directory's and the map's filters: the regions where at least one
    pole lies, as (code, name), and the themes of public fiches, as (slug, name), by name.
    Two written-out queries: the ORM's distinct joins cost about 1 ms to build on every view
    of those pages. A test holds them to the ORM's answer."""
    regions, themes = _filter_choices_sql(connection.vendor)
    return [tuple(row) for row in fetch_rows(regions, [])], [tuple(row) for row in fetch_rows(themes, [True])]


@functools.lru_cache(maxsize=2)
def _filter_choices_sql(vendor: str) -> tuple[str, str]:
    quote = connection.ops.quote_name
    region: Any = Region._meta
    theme: Any = Theme._meta
    profile: Any = PoleProfile._meta
    located: Any = profile.get_field("regions")
    tagged: Any = profile.get_field("themes")

    def col(meta: Any, alias: str, name: str) -> str:
        return f"{alias}.{quote((meta.pk if name == 'pk' else meta.get_field(name)).column)}"

    regions = (
        f"SELECT DISTINCT {col(region, 'r', 'pk')}, {col(region, 'r', 'name')} FROM {quote(region.db_table)} r"  # noqa: S608 - the models' quoted names
        f" INNER JOIN {quote(located.remote_field.through._meta.db_table)} t ON t.{quote(located.m2m_reverse_name())} = {col(region, 'r', 'pk')}"
        f" ORDER BY {col(region, 'r', 'name')}, {col(region, 'r', 'pk')}"
    )
    themes = (
        f"SELECT DISTINCT {col(theme, 'h', 'slug')}, {col(theme, 'h', 'name')} FROM {quote(theme.db_table)} h"  # noqa: S608 - the models' quoted names, values as parameters
        f" INNER JOIN {quote(tagged.remote_field.through._meta.db_table)} t ON t.{quote(tagged.m2m_reverse_name())} = {col(theme, 'h', 'pk')}"
        f" INNER JOIN {quote(profile.db_table)} p ON {col(profile, 'p', 'pk')} = t.{quote(tagged.m2m_column_name())}"
        f" WHERE {col(profile, 'p', 'public')} = %s ORDER BY {col(theme, 'h', 'name')}, {col(theme, 'h', 'slug')}"
    )
    return regions, themes


def _pole_with_profile(slug: str) -> Pole:
    pole = (
        Pole.objects.select_related("profile", "profile__updated_by")
        .prefetch_related("profile__themes", "profile__regions", "territory_units")
        .annotate(members_count=_members_count())
        .filter(slug=slug)
        .first()
    )
    if pole is None:
        raise Http404
    return pole


def profile_of_pole(pole: Pole) -> PoleProfile | None:
    return getattr(pole, "profile", None)


def pole_for_viewer(*, user, slug: str) -> Pole:
    """A pole and its fiche; 404 when missing or when its fiche is hidden from the viewer."""
    pole = _pole_with_profile(slug)
    if not user.has_perm("network.view_profile", pole):
        raise Http404
    return pole


def poles_for_comparison(*, user, slugs: list[str]) -> tuple[list[Pole], list[str]]:
    """The poles asked for, in the order asked, with their fiches; and the slugs that are
    unknown or whose fiche the viewer may not see (told apart from nothing, on purpose)."""
    found = {
        pole.slug: pole
        for pole in Pole.objects.select_related("profile")
        .prefetch_related("profile__themes", "profile__regions")
        .annotate(members_count=_members_count())
        .filter(slug__in=slugs)
    }
    poles: list[Pole] = []
    unknown: list[str] = []
    for slug in slugs:
        pole = found.get(slug)
        if pole is not None and user.has_perm("network.view_profile", pole):
            poles.append(pole)
        else:
            unknown.append(slug)
    return poles, unknown


def comparable_poles(*, user) -> list[tuple[str, str]]:
    """(slug, name) of the poles the viewer may put side by side: public fiches, or a pole
    without a fiche yet; plus the viewer's own poles (visible to them whatever the flag)."""
    poles = Pole.objects.filter(Q(profile__isnull=True) | Q(profile__public=True))
    if user.is_authenticated:
        if user.is_superuser:
            poles = Pole.objects.all()
        else:
            own = Membership.objects.filter(person=user, status=MembershipStatus.ACTIVE).values("pole_id")
            poles = Pole.objects.filter(Q(profile__isnull=True) | Q(profile__public=True) | Q(pk__in=own))
    return list(poles.order_by("name").values_list("slug", "name"))


def grid_rows(poles: list[Pole], fields: list[str]) -> list[dict]:
    """Rows of a grid for a side-by-side table: the field's label, then each pole's value."""
    rows = []
    for name in fields:
        field = PoleProfile._meta.get_field(name)
        assert isinstance(field, Field), f"{name} is not a column of the fiche"
        values = []
        for pole in poles:
            profile = getattr(pole, "profile", None)
            values.append(_display(profile, name) if profile is not None else "")
        rows.append({"name": name, "label": field.verbose_name, "values": values, "is_text": _is_text(field)})
    return rows


def _is_text(field) -> bool:
    return field.get_internal_type() == "TextField"


def _display(profile: PoleProfile, name: str):
    if name == "themes":
        return ", ".join(t.name for t in profile.themes.all())
    if name in ("approach", "innovation_kind"):
        return getattr(profile, f"get_{name}_display")()
    value = getattr(profile, name)
    return "" if value is None else value


def comparison_grid(poles: list[Pole]) -> list[dict]:
    return grid_rows(poles, COMPARISON_FIELDS)


def emergence_grid(poles: list[Pole]) -> list[dict]:
    return grid_rows(poles, EMERGENCE_FIELDS)


def results_summary(pole: Pole, *, user) -> dict | None:
    """The pole's latest referential results, from the assessment app: None when it has none
    or when the viewer may not read them (a pole's levels come from its detailed answer,
    which stays private unless the pole publishes it; the network's quartiles follow the
    campaign's own rule)."""
    try:
        from peps.assessment.models import Answer, AnswerStatus
        from peps.assessment.selectors import pole_results_summary
    except ImportError:
        # The assessment app is written in the same wave; until it is there, no results.
        return None
    summary = pole_results_summary(pole)
    if summary is None:
        return None
    answer = (
        Answer.objects.select_related("pole", "campaign")
        .filter(pole=pole, campaign=summary["campaign"], status=AnswerStatus.SUBMITTED)
        .first()
    )
    if answer is None or not (
        user.has_perm("assessment.view_answer", answer) and user.has_perm("assessment.view_results", answer.campaign)
    ):
        return None
    return summary


def results_table(poles: list[Pole], *, user) -> dict:
    """Referential results side by side: one row per objective code found in any summary."""
    summaries = [results_summary(pole, user=user) for pole in poles]
    labels: dict[str, str] = {}
    by_pole: list[dict] = []
    for summary in summaries:
        objectives = {}
        for objective in (summary or {}).get("objectives", []):
            labels.setdefault(objective["code"], objective["label"])
            objectives[objective["code"]] = objective
        by_pole.append(objectives)
    rows = [
        {"code": code, "label": labels[code], "cells": [objectives.get(code) for objectives in by_pole]}
        for code in sorted(labels)
    ]
    return {"summaries": summaries, "rows": rows, "any": any(summaries)}
