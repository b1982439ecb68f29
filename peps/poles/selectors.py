"""Reads about poles: network and pole figures (cached), the territory, and the
membership lists the coordination works with."""

import functools
from typing import Any

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, Func, IntegerField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Lower
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from peps.core.sql import read_rows
from peps.territory.models import EPCI, Arrondissement, Commune, Departement, Region
from peps.territory.selectors import communes_in_units

from .models import College, Membership, MembershipFee, MembershipStatus, Pole, PoleKind, Role, TerritoryUnit

POLE_FIGURES_SECONDS = 10 * 60


def pole_figures_key(pole_id: int) -> str:
    return f"poles:pole-figures:v1:{pole_id}"


# --- The network -------------------------------------------------------------------


def _count(queryset: QuerySet):
    # COUNT(*), not COUNT(id): without a filter SQLite answers it from the smallest index
    # without reading rows (2 ms for 200,000 structures).
    return Subquery(queryset.order_by().annotate(n=Func(template="COUNT(*)", output_field=IntegerField())).values("n"))


def _active(model):
    """Rows whose `is_active` is true, as all rows minus the inactive ones (few, found through
    the `is_active` index): counting the active ones directly walks all of them (16 ms)."""
    return _count(model.objects.all()) - _count(model.objects.filter(is_active=Value(False)))


def network_figures() -> dict:
    """Counts shown on the network home, always current, in one query of subqueries each
    bounded by an index (see _active): half a millisecond at national scale."""
    from peps.accounts.models import User

    sql, params = _network_figures_sql(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return {"poles": 0, "structures": 0, "people": User.objects.filter(is_active=True).count(), "projects": 0}
    return dict(zip(NETWORK_FIGURES, row, strict=True))


NETWORK_FIGURES = ("poles", "structures", "people", "projects")


@functools.lru_cache(maxsize=4)
def _network_figures_sql(vendor: str) -> tuple[str, tuple]:
    # The same query every time: built and compiled by the ORM once per database engine
    # (3 ms of Python each time, for a query that runs in 0.5 ms), its text and values kept.
    from peps.accounts.models import User
    from peps.directory.models import Structure
    from peps.projects.models import Project

    counts = {
        "poles": _count(Pole.objects.all()),
        "structures": _active(Structure),
        "people": _active(User),
        "projects": _count(Project.objects.all()),
    }
    # The subqueries need a FROM: any one pole. Without a pole there are no structures nor
    # projects, and people are counted apart.
    # (Prefixed: `structures` and `projects` are also names of the pole's relations.)
    names = [f"n_{key}" for key in NETWORK_FIGURES]
    row = Pole.objects.order_by().annotate(**{f"n_{k}": v for k, v in counts.items()}).values_list(*names)[:1]
    sql, params = row.query.sql_with_params()
    return sql, tuple(params)


def poles_of_network(*, kind: str | None = None) -> QuerySet[Pole]:
    poles = Pole.objects.only("slug", "name", "short_name", "kind", "territory_name", "tagline", "is_demo")
    if kind in PoleKind.values:
        poles = poles.filter(kind=kind)
    return poles.order_by("name")


# --- One pole: territory and figures ------------------------------------------------

UNIT_MODELS: dict[str, type[Region | Departement | Arrondissement | EPCI | Commune]] = {
    "region": Region,
    "departement": Departement,
    "arrondissement": Arrondissement,
    "epci": EPCI,
    "commune": Commune,
}


def unit_label(kind: str, name: str) -> str:
    """The name shown for a unit, e.g. « Arrondissement de Roanne »."""
    if kind == "arrondissement":
        return _("Arrondissement de %(name)s") % {"name": name}
    if kind == "region":
        return _("Région %(name)s") % {"name": name}
    return name


def unit_name(kind: str, code: str) -> str | None:
    """The name of a unit in the territory tables, or None when the code is unknown."""
    model = UNIT_MODELS.get(kind)
    if model is None:
        return None
    return model.objects.filter(pk=code).values_list("name", flat=True).first()


def _units_described(pole: Pole) -> list[dict]:
    units = list(TerritoryUnit.objects.filter(pole=pole).order_by("kind", "code"))
    # Units loaded without a label get the name from the territory tables (one query per kind).
    missing: dict[str, list[str]] = {}
    for unit in units:
        if not unit.label:
            missing.setdefault(unit.kind, []).append(unit.code)
    names: dict[tuple[str, str], str] = {}
    for kind, codes in missing.items():
        for code, name in UNIT_MODELS[kind].objects.filter(pk__in=codes).values_list("pk", "name"):
            names[(kind, code)] = unit_label(kind, name)
    return [
        {
            "pk": unit.pk,
            "kind": unit.kind,
            "kind_label": unit.get_kind_display(),
            "code": unit.code,
            "label": unit.label or names.get((unit.kind, unit.code), unit.code),
        }
        for unit in units
    ]


def pole_figures(pole: Pole) -> dict:
    """Territory units, commune count, population and member counts of a pole, kept ten
    minutes; services that change them call forget_pole_figures."""
    key = pole_figures_key(pole.pk)
    figures = cache.get(key)
    if figures is None:
        units = _units_described(pole)
        territory = communes_in_units([(u["kind"], u["code"]) for u in units]).aggregate(
            communes=Count("pk"), population=Sum("population")
        )
        members = active_member_counts(pole)
        figures = {
            "units": units,
            "communes": territory["communes"] or 0,
            "population": territory["population"] or 0,
            "people": members["people"],
            "structures": members["structures"],
        }
        cache.set(key, figures, POLE_FIGURES_SECONDS)
    return figures


def active_member_counts(pole: Pole) -> dict:
    """How many people and structures are active members of the pole, written out: the ORM's
    aggregate of two filtered counts cost about 1 ms in-process to build and compile, several
    times the indexed read (COUNT of a column counts its non-NULL values: a membership is of
    a person or of a structure). A test holds it to the ORM's answer."""
    meta: Any = Membership._meta
    quote = connection.ops.quote_name
    person, structure, pole_id, status = (
        quote(meta.get_field(name).column) for name in ("person", "structure", "pole", "status")
    )
    sql = (
        f"SELECT COUNT({person}), COUNT({structure}) FROM {quote(meta.db_table)} WHERE {pole_id} = %s AND {status} = %s"  # noqa: S608 - the model's quoted names, values as parameters
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pole.pk, MembershipStatus.ACTIVE])
        people, structures = cursor.fetchone()
    return {"people": people, "structures": structures}


def forget_pole_figures(pole_id: int) -> None:
    cache.delete(pole_figures_key(pole_id))


COMMUNE_ORDERINGS = {
    "nom": ("search_name", "code"),
    "-nom": ("-search_name", "-code"),
    "population": ("population", "search_name"),
    "-population": ("-population", "search_name"),
}


def territory_communes(pole: Pole, *, units: list[dict], order: str = "nom") -> QuerySet[Commune]:
    """The communes of the pole's territory, ready to paginate in SQL."""
    ordering = COMMUNE_ORDERINGS.get(order, COMMUNE_ORDERINGS["nom"])
    return (
        communes_in_units([(u["kind"], u["code"]) for u in units])
        .select_related("epci", "departement")
        .only("code", "name", "population", "epci__name", "departement__code", "departement__name")
        .order_by(*ordering)
    )


def colleges_of(pole: Pole) -> list[College]:
    # Written out (read_rows): the ORM's query cost more to build and compile than the read,
    # on every view of a pole's home.
    return read_rows(College, only=None, order=("position", "name"), pole=pole.pk)


def latest_projects(pole: Pole, *, user, limit: int = 6) -> list:
    """The newest projects the viewer may see (the projects app decides what is visible),
    as its list's cards read them."""
    from peps.projects.selectors import newest_projects

    return newest_projects(user=user, pole=pole, limit=limit)


# --- Memberships, for the coordination ----------------------------------------------


def _with_member(queryset: QuerySet[Membership]) -> QuerySet[Membership]:
    return queryset.select_related("person", "structure", "college").prefetch_related("fees")


def pending_memberships(pole: Pole, *, limit: int = 100) -> list[Membership]:
    return list(
        _with_member(Membership.objects.filter(pole=pole, status=MembershipStatus.PENDING)).order_by("created_at")[
            :limit
        ]
    )


def memberships_for_coordination(
    pole: Pole,
    *,
    college: int | None = None,
    status: str | None = None,
    kind: str | None = None,
    fee_year: int | None = None,
    fee: str | None = None,
) -> QuerySet[Membership]:
    """Memberships of a pole filtered as on the members page; pending requests are listed
    apart, so they are left out unless asked for."""
    memberships = Membership.objects.filter(pole=pole)
    if status in MembershipStatus.values:
        memberships = memberships.filter(status=status)
    else:
        memberships = memberships.exclude(status__in=[MembershipStatus.PENDING, MembershipStatus.REFUSED])
    if college:
        memberships = memberships.filter(college_id=college)
    if kind == "person":
        memberships = memberships.filter(person__isnull=False)
    elif kind == "structure":
        memberships = memberships.filter(structure__isnull=False)
    if fee_year and fee in ("paid", "unpaid"):
        paid = Exists(MembershipFee.objects.filter(membership=OuterRef("pk"), year=fee_year, paid_on__isnull=False))
        memberships = memberships.filter(paid if fee == "paid" else ~paid)
    return _with_member(memberships).order_by(
        Lower(Coalesce("structure__name", "person__display_name", "person__email")), "pk"
    )


def membership_of_pole(pole: Pole, pk: int) -> Membership:
    """One membership of this pole; another pole's is « not found »."""
    return get_object_or_404(
        Membership.objects.select_related("person", "structure", "college", "pole"), pole=pole, pk=pk
    )


def coordination_emails(pole: Pole, *, limit: int | None = None) -> list[str]:
    """E-mail addresses of the pole's active coordinators and administrators."""
    emails = Membership.objects.filter(
        pole=pole, status=MembershipStatus.ACTIVE, role__in=[Role.COORDINATOR, Role.ADMIN], person__isnull=False
    ).values_list("person__email", flat=True)
    return list(emails[:limit] if limit else emails)


def coordination_people(pole: Pole, *, limit: int | None = None) -> list:
    """The pole's active coordinators and administrators (accounts), the people
    notifications.services.notify_coordination tells."""
    from peps.accounts.models import User

    people = (
        User.objects.filter(
            is_active=True,
            memberships__pole=pole,
            memberships__status=MembershipStatus.ACTIVE,
            memberships__role__in=[Role.COORDINATOR, Role.ADMIN],
        )
        .distinct()
        .only("id", "email", "display_name")
        .order_by("pk")
    )
    return list(people[:limit] if limit else people)
