"""Reads of the network app: the directory and map of poles with their filters, a fiche for
its viewer, the comparison of 2 to 4 poles, and the referential results of a pole."""

from django.conf import settings
from django.db.models import Field, Func, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse

from peps.core.collation import french_sort_key
from peps.core.pagination import Page, page_number
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
    """Every pole with its fiche, regions, themes and active members count, filtered by kind,
    region code, theme slug and folded words; themes of non-public fiches never match."""
    filters = filters or {}
    poles = Pole.objects.only(
        "slug",
        "name",
        "short_name",
        "kind",
        "territory_name",
        "tagline",
        "is_demo",
        "profile__pole_id",
        "profile__public",
        "profile__latitude",
        "profile__longitude",
    )
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
    return (
        poles.select_related("profile")
        .prefetch_related(
            Prefetch("profile__regions", queryset=Region.objects.only("code", "name").order_by("name")),
            Prefetch("profile__themes", queryset=Theme.objects.order_by("name")),
        )
        .annotate(members_count=_members_count())
        .order_by("name", "pk")
    )


def _in_french_order(poles: QuerySet[Pole]) -> list[int]:
    """The ids of the poles sorted by name as a French reader expects (« Éoliennes » among
    the E, « n° 2 » before « n° 10 »): SQLite and PostgreSQL's default collations do neither,
    and the network holds a few hundred poles, so the names are sorted here."""
    rows = poles.prefetch_related(None).order_by().values_list("pk", "name")
    return [pk for pk, _name in sorted(rows, key=lambda row: (french_sort_key(row[1]), row[0]))]


def _fetch_in_order(poles: QuerySet[Pole], ids: list[int]) -> list[Pole]:
    by_id = {pole.pk: pole for pole in poles.filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def directory_page(*, filters: dict | None = None, request, per_page: int | None = None) -> Page:
    """One page of the directory in French order: two queries for the order and the page's
    rows (with their fiches, regions, themes and members count), whatever the page."""
    per_page = per_page or settings.PEPS_PAGE_SIZE
    poles = poles_of_directory(filters=filters)
    ids = _in_french_order(poles)
    number = page_number(request)
    start = (number - 1) * per_page
    return Page(
        items=_fetch_in_order(poles, ids[start : start + per_page]),
        number=number,
        has_next=start + per_page < len(ids),
        has_previous=number > 1,
        total=len(ids),
        total_is_capped=False,
        num_pages=max(1, -(-len(ids) // per_page)),
    )


def poles_on_map(*, filters: dict | None = None) -> list[Pole]:
    """The same poles as the directory, all at once (a map is not paginated), capped."""
    poles = poles_of_directory(filters=filters)
    return _fetch_in_order(poles, _in_french_order(poles)[:MAP_LIMIT])


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


def filter_regions() -> QuerySet[Region]:
    """Regions where at least one pole lies, for the filters."""
    return Region.objects.filter(pole_profiles__isnull=False).distinct().order_by("name")


def filter_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(profiles__public=True).distinct().order_by("name")


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
