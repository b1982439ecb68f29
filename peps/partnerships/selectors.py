"""Reads of needs, offers and partnerships that depend on who asks: lists, pages, the
suggestions shown to an owner, the partnerships beside a project or a structure, and the
coordinators' dashboard."""

import datetime
import functools
from dataclasses import dataclass
from typing import Any

import rules
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from peps.core import tenancy
from peps.core.sql import column, fetch_rows, joined_instances, joined_select, order_sql, read_one
from peps.core.text import search_terms
from peps.directory.models import Representative, RepresentativeStatus, Structure
from peps.directory.selectors import is_approved_representative
from peps.poles.models import Pole
from peps.projects.models import Project, ProjectVisibility
from peps.projects.selectors import projects_visible_to

from . import matching_adapter
from .models import DETAIL_FIELDS, Need, Offer, Partnership, PartnershipEvent, PartnershipStatus
from .pooling import Opportunity, pooling_opportunities

Status = PartnershipStatus
# Statuses anyone who may see the project may see; the others stay between the two sides.
PUBLIC_STATUSES = [Status.ACCEPTED, Status.ACTIVE, Status.COMPLETED]
CARD_RELATED = ("pole", "project", "structure", "commune")
STALE_AFTER = datetime.timedelta(days=30)
POOLING_SCAN_LIMIT = 2000
CHART_HEIGHT = 90
PERSON_FIELDS = ("display_name", "first_name", "last_name", "email")


@dataclass(frozen=True)
class HubFilters:
    kind: str = "needs"  # or "offers"
    category: str = ""
    commune: str = ""  # an INSEE code
    q: str = ""

    @property
    def active(self) -> bool:
        return bool(self.category or self.commune or search_terms(self.q))


# --- What a viewer may see


def _represented_ids(user) -> QuerySet:
    return Representative.objects.filter(person_id=user.pk, status=RepresentativeStatus.APPROVED).values("structure_id")


def needs_visible_to(*, user, pole: Pole) -> QuerySet[Need]:
    """Needs of projects the viewer may see, and needs of active structures (and of the
    structures they represent, even inactive)."""
    visible = Q(project__in=projects_visible_to(user=user, pole=pole).values("pk")) | Q(
        project__isnull=True, structure__is_active=True
    )
    if user.is_authenticated:
        visible |= Q(structure_id__in=_represented_ids(user))
    return Need.objects.filter(pole=pole).filter(visible)


def offers_visible_to(*, user, pole: Pole) -> QuerySet[Offer]:
    """Offers of active structures for everyone; people's offers for the pole's members
    (a person's name is not shown to the whole web); one's own offers always."""
    visible = Q(structure__isnull=False, structure__is_active=True)
    if tenancy.is_member(user, pole):
        visible |= Q(person__isnull=False)
    if user.is_authenticated:
        visible |= Q(person_id=user.pk) | Q(structure_id__in=_represented_ids(user))
    return Offer.objects.filter(pole=pole).filter(visible)


def _filtered(queryset: QuerySet, filters: HubFilters) -> QuerySet:
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.commune:
        queryset = queryset.filter(commune_id=filters.commune)
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    return queryset


def with_need_card(queryset: QuerySet[Need]) -> QuerySet[Need]:
    return queryset.select_related("pole", "project", "structure", "commune").only(
        "id", "pole__slug", "category", "title", "description", "starts_on", "ends_on", "reach", "radius_km",
        "is_open", "created_at", "project_id", "project__title", "project__pole_id", "structure_id",
        "structure__name", "structure__slug", "commune__name", "commune__departement_id", *DETAIL_FIELDS,
    )  # fmt: skip


def with_offer_card(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    return queryset.select_related("pole", "structure", "person", "commune").only(
        "id", "pole__slug", "category", "title", "description", "starts_on", "ends_on", "reach", "radius_km",
        "is_open", "created_at", "structure_id", "structure__name", "structure__slug", "person_id",
        *(f"person__{f}" for f in PERSON_FIELDS), "commune__name", "commune__departement_id", *DETAIL_FIELDS,
    )  # fmt: skip


def hub_items(*, user, pole: Pole, filters: HubFilters) -> QuerySet:
    """Open needs (or offers) of the pole the viewer may see, filtered, newest first."""
    items: QuerySet[Need] | QuerySet[Offer]
    if filters.kind == "offers":
        items = with_offer_card(_filtered(offers_visible_to(user=user, pole=pole).filter(is_open=True), filters))
    else:
        items = with_need_card(_filtered(needs_visible_to(user=user, pole=pole).filter(is_open=True), filters))
    return items.order_by("-created_at", "-pk")


# What a need's page, its rules and the matching engine read of the need's project and of the
# collective project it was pooled into (not their texts: the others load if asked for).
_NEED_PROJECT_FIELDS = ("title", "pole", "visibility", "holder", "holder_structure", "domain")
_NEED_ONLY = {"project": _NEED_PROJECT_FIELDS, "pooled_into": ("title", "pole")}


def need_for_viewer(*, user, pole: Pole, pk: int) -> Need:
    """The access helper: 404 when missing, of another pole, or hidden from the viewer (the
    rows needs_visible_to() lets through). One written-out read (read_one) and the visibility
    asked of the rules, where the ORM's filter with its subqueries cost several milliseconds
    to build and compile for one row."""
    # The need is of `pole`, loaded already: it is given to the need (and to the projects of
    # the same pole) rather than joined again, unless only part of it was loaded.
    whole_pole = not pole.get_deferred_fields()
    relations = ("project", "structure", "commune", "pooled_into", *(() if whole_pole else ("pole",)))
    need = read_one(Need, relations=relations, only=_NEED_ONLY, pole=pole.pk, id=pk)
    if need is None:
        raise Http404
    if whole_pole:
        need.pole = pole
    if need.pooled_into is not None and need.pooled_into.pole_id == pole.pk:
        need.pooled_into.pole = need.pole
    if not _need_visible(user, need, need.pole):
        raise Http404
    return need


def _need_visible(user, need: Need, pole: Pole) -> bool:
    """needs_visible_to(user=user, pole=pole) for one need: of the pole, and of a project the
    viewer may see, of an active structure, or of a structure the viewer represents."""
    if need.pole_id != pole.pk:
        return False
    project = need.project if need.project_id else None
    if project is not None and project.pole_id == pole.pk:
        project.pole = pole  # the rules ask for the project's pole: this one, loaded already
        if rules.has_perm("projects.view_project", user, project):
            return True
    if project is None and need.structure is not None and need.structure.is_active:
        return True
    return need.structure is not None and is_approved_representative(user, need.structure)


def offer_for_viewer(*, user, pole: Pole, pk: int) -> Offer:
    """The access helper: 404 when missing, of another pole, or hidden from the viewer (the
    rows offers_visible_to() lets through), in one written-out read as need_for_viewer()."""
    whole_pole = not pole.get_deferred_fields()
    relations = ("structure", "person", "commune", *(() if whole_pole else ("pole",)))
    offer = read_one(Offer, relations=relations, pole=pole.pk, id=pk)
    if offer is None:
        raise Http404
    if whole_pole:
        offer.pole = pole
    if not _offer_visible(user, offer):
        raise Http404
    return offer


def _offer_visible(user, offer: Offer) -> bool:
    """offers_visible_to() for one offer of the pole: of an active structure; a person's, for
    the pole's members; one's own, or of a structure one represents."""
    if offer.structure is not None and offer.structure.is_active:
        return True
    if offer.person_id is not None and (tenancy.is_member(user, offer.pole) or offer.person_id == user.pk):
        return True
    return offer.structure is not None and is_approved_representative(user, offer.structure)


def project_needs(*, project, limit: int = 50) -> list[Need]:
    """The needs of a project (open first), for its page and the needs list."""
    return list(with_need_card(Need.objects.filter(project=project)).order_by("-is_open", "-created_at", "-pk")[:limit])


def structure_needs_and_offers(*, structure: Structure, limit: int = 50) -> tuple[list[Need], list[Offer]]:
    needs = with_need_card(Need.objects.filter(structure=structure)).order_by("-is_open", "-created_at")[:limit]
    offers = with_offer_card(Offer.objects.filter(structure=structure)).order_by("-is_open", "-created_at")[:limit]
    return list(needs), list(offers)


# --- Suggestions


@functools.lru_cache(maxsize=32)
def _partners_sql(count: int, vendor: str) -> str:
    names = ("project", "partner_structure", "partner_person")
    return (
        f"SELECT {', '.join(column(Partnership, name) for name in names)}"  # noqa: S608 - the model's quoted names
        f" FROM {connection.ops.quote_name(Partnership._meta.db_table)}"
        f" WHERE {column(Partnership, 'project')} IN ({', '.join(['%s'] * count)})"
    )


def _partners_of(project_ids: set[int | None]) -> list[tuple[int, int | None, int | None]]:
    """(project, partner structure, partner person) of every partnership of these projects
    (None: no project), whatever its status: the suggestions' « partenariat déjà proposé ».
    Written out: the ORM's query cost more to build than to run."""
    ids = sorted(pk for pk in project_ids if pk is not None)
    if not ids:
        return []
    return fetch_rows(_partners_sql(len(ids), connection.vendor), ids)


def suggestions_for_need(*, need: Need, user, limit: int = 10) -> list[matching_adapter.Suggestion]:
    """Suggested partners, best first, without the offers this viewer may not see, each
    marked when a partnership with that partner already exists for the project."""
    member = tenancy.is_member(user, need.pole)
    pairs = [
        (s, s.offer)
        for s in matching_adapter.suggest_partners(need, limit=limit)
        if s.offer is not None and (member or s.offer.structure_id or s.offer.person_id == user.pk)
    ]
    taken = {
        ("s", structure_id) if structure_id else ("p", person_id)
        for _project, structure_id, person_id in _partners_of({need.project_id})
    }
    for suggestion, offer in pairs:
        offer.pole = need.pole  # same pole: its links need no query each
        key = ("s", offer.structure_id) if offer.structure_id else ("p", offer.person_id)
        suggestion.already_proposed = key in taken
    return [suggestion for suggestion, _offer in pairs]


def suggestions_for_offer(*, offer: Offer, user, limit: int = 10) -> list[matching_adapter.Suggestion]:
    """Needs the offer could serve, best first, only those the viewer may see, each marked
    when the offer's owner is already a partner of the need's project."""
    pairs = [(s, s.need) for s in matching_adapter.suggest_needs(offer, limit=limit) if s.need is not None]
    if not pairs:
        return []
    pairs = [(s, need) for s, need in pairs if _need_visible(user, need, offer.pole)]
    taken = {
        project
        for project, structure_id, person_id in _partners_of({need.project_id for _s, need in pairs})
        if (structure_id == offer.structure_id if offer.structure_id else person_id == offer.person_id)
    }
    for suggestion, need in pairs:
        need.pole = offer.pole
        suggestion.already_proposed = need.project_id in taken
    return [suggestion for suggestion, _need in pairs]


# --- Partnerships


# What a partnership's line in a list shows (partnerships/_parts.html partnership_row): its
# fields, and those of each relation. with_partnership_row() asks the ORM for them,
# partnerships_for() writes the read out.
ROW_FIELDS = (
    "status", "created_at", "updated_at", "proposed_by_partner",
    "pole", "project", "need", "partner_structure", "partner_person",
)  # fmt: skip
ROW_RELATIONS = (
    ("pole", ("slug",)),
    ("project", ("title", "pole")),
    ("need", ("title",)),
    ("partner_structure", ("name", "slug")),
    ("partner_person", PERSON_FIELDS),
)


def with_partnership_row(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    return queryset.select_related(*(name for name, _fields in ROW_RELATIONS)).only(
        *ROW_FIELDS, *(f"{name}__{field}" for name, fields in ROW_RELATIONS for field in fields)
    )


@functools.lru_cache(maxsize=4)
def _partnerships_for_sql(link: str, vendor: str) -> str:
    head, tail = joined_select(Partnership, ROW_FIELDS, ROW_RELATIONS)
    newest_first = order_sql(Partnership, ("-created_at",))
    return f"{head}{tail} WHERE {column(Partnership, link)} = %s ORDER BY {newest_first} LIMIT %s"


def partnerships_for(item: Need | Offer, limit: int = 50) -> list[Partnership]:
    """The partnerships proposed for a need, or around an offer, newest first, for its page:
    what with_partnership_row(item.partnerships.all()) reads, written out (the ORM's
    select_related of five tables cost more to build and compile than the read)."""
    link = "need" if isinstance(item, Need) else "offer"
    rows = fetch_rows(_partnerships_for_sql(link, connection.vendor), [item.pk, limit])
    return joined_instances(Partnership, ROW_FIELDS, ROW_RELATIONS, rows)


def _sides_condition(user) -> Q:
    """Partnerships the person is part of: as the project's holder, the partner, or a
    representative of the partner structure."""
    return (
        Q(project__holder_id=user.pk)
        | Q(partner_person_id=user.pk)
        | Q(partner_structure_id__in=_represented_ids(user))
        | Q(proposed_by_id=user.pk)
    )


def partnerships_visible_to(*, user, pole: Pole) -> QuerySet[Partnership]:
    """Accepted, active and completed partnerships of projects the viewer may see; all of
    them for coordinators; those the person is part of, whatever their status."""
    partnerships = Partnership.objects.filter(pole=pole)
    if tenancy.is_coordinator(user, pole):
        return partnerships
    visible = Q(status__in=PUBLIC_STATUSES, project__in=projects_visible_to(user=user, pole=pole).values("pk"))
    if user.is_authenticated:
        visible |= _sides_condition(user)
    return partnerships.filter(visible)


def partnerships_of_project(project, user, limit: int = 50) -> list[Partnership]:
    """For the project's page (partial partnerships/_project_partnerships.html)."""
    partnerships = partnerships_visible_to(user=user, pole=project.pole).filter(project=project)
    return list(with_partnership_row(partnerships).order_by("-created_at", "-pk")[:limit])


def partnerships_of_structure(structure: Structure, user, limit: int = 50) -> list[Partnership]:
    """For the structure's page (partial partnerships/_structure_partnerships.html): the
    partnerships where it is the partner, those partnerships_visible_to() lets the viewer
    see, newest first. What with_partnership_row() reads, written out: the ORM's visibility
    condition, its subqueries and five joins cost about 1 ms to build and compile on every
    structure page, many times the read (a test holds it to the ORM's answer)."""
    pole, signed_in = structure.pole, user.is_authenticated
    coordinator = tenancy.is_coordinator(user, pole)
    member = coordinator or tenancy.is_member(user, pole)
    sql = _of_structure_sql(connection.vendor, coordinator, member, signed_in)
    params: list = [pole.pk, structure.pk]
    if not coordinator:
        params += [*PUBLIC_STATUSES, pole.pk]
        if not member:
            params += [ProjectVisibility.PUBLIC, *([user.pk] if signed_in else [])]
        if signed_in:
            params += [user.pk, user.pk, user.pk, RepresentativeStatus.APPROVED, user.pk]
    rows = fetch_rows(sql, [*params, limit])
    return joined_instances(Partnership, ROW_FIELDS, ROW_RELATIONS, rows)


@functools.lru_cache(maxsize=16)
def _of_structure_sql(vendor: str, coordinator: bool, member: bool, signed_in: bool) -> str:
    """partnerships_visible_to()'s condition on joined_select()'s read (the project is j1)."""
    quote = connection.ops.quote_name
    head, tail = joined_select(Partnership, ROW_FIELDS, ROW_RELATIONS)
    project: Any = Project._meta

    def of_project(name: str) -> str:
        return f"j1.{quote(project.get_field(name).column)}"

    where = f"{column(Partnership, 'pole')} = %s AND {column(Partnership, 'partner_structure')} = %s"
    if not coordinator:
        # Public statuses of a project the viewer may see (projects_visible_to)...
        statuses = ", ".join(["%s"] * len(PUBLIC_STATUSES))
        visible = f"{column(Partnership, 'status')} IN ({statuses}) AND {of_project('pole')} = %s"
        if not member:
            holder = f" OR {of_project('holder')} = %s" if signed_in else ""
            visible += f" AND ({of_project('visibility')} = %s{holder})"
        if signed_in:
            # ... or one the person is a side of, whatever its status (_sides_condition).
            represented = (
                f"SELECT {column(Representative, 'structure')} FROM {quote(Representative._meta.db_table)}"  # noqa: S608 - the models' quoted names
                f" WHERE {column(Representative, 'person')} = %s AND {column(Representative, 'status')} = %s"
            )
            sides = (
                f"{of_project('holder')} = %s OR {column(Partnership, 'partner_person')} = %s"
                f" OR {column(Partnership, 'partner_structure')} IN ({represented})"
                f" OR {column(Partnership, 'proposed_by')} = %s"
            )
            visible = f"({visible}) OR {sides}"
        where += f" AND ({visible})"
    newest_first = order_sql(Partnership, ("-created_at", "-pk"))
    return f"{head}{tail} WHERE {where} ORDER BY {newest_first} LIMIT %s"


def partnership_for_viewer(*, user, pole: Pole, pk: int) -> Partnership:
    """404 when missing, of another pole, or when the viewer is neither side nor coordinator."""
    partnership = (
        Partnership.objects.filter(pole=pole, pk=pk)
        .select_related("pole", "project", "project__holder", "need", "offer", "partner_structure", "partner_person")
        .first()
    )
    if partnership is None:
        raise Http404
    # The rule alone (not user.has_perm, which also asks the model backend).
    if not rules.has_perm("partnerships.view_partnership", user, partnership):
        raise Http404
    return partnership


def partnership_events(*, partnership: Partnership, limit: int = 200) -> list[PartnershipEvent]:
    return list(
        PartnershipEvent.objects.filter(partnership=partnership)
        .select_related("author")
        .only("id", "from_status", "to_status", "message", "created_at", *(f"author__{f}" for f in PERSON_FIELDS))
        .order_by("created_at", "pk")[:limit]
    )


# --- Mine


def my_needs(*, user, pole: Pole, limit: int = 100) -> list[Need]:
    needs = Need.objects.filter(pole=pole).filter(
        Q(project__holder_id=user.pk) | Q(structure_id__in=_represented_ids(user))
    )
    return list(with_need_card(needs).order_by("-is_open", "-created_at", "-pk")[:limit])


def my_offers(*, user, pole: Pole, limit: int = 100) -> list[Offer]:
    offers = Offer.objects.filter(pole=pole).filter(Q(person_id=user.pk) | Q(structure_id__in=_represented_ids(user)))
    return list(with_offer_card(offers).order_by("-is_open", "-created_at", "-pk")[:limit])


def my_partnerships(*, user, pole: Pole, limit: int = 100) -> list[Partnership]:
    partnerships = Partnership.objects.filter(pole=pole).filter(_sides_condition(user))
    return list(with_partnership_row(partnerships).order_by("-updated_at", "-pk")[:limit])


# --- Dashboard


def _month_starts(today: datetime.date, months: int = 12) -> list[datetime.date]:
    year, month = today.year, today.month
    starts = []
    for _i in range(months):
        starts.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return list(reversed(starts))


def partnerships_per_month(*, pole: Pole, now: datetime.datetime | None = None) -> list[dict]:
    """Partnerships formed (accepted) per month over the last 12 months, oldest first."""
    now = timezone.localtime(now or timezone.now())
    months = _month_starts(now.date())
    since = timezone.make_aware(datetime.datetime.combine(months[0], datetime.time()))
    counts = {
        row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]: row["n"]
        for row in PartnershipEvent.objects.filter(
            partnership__pole=pole, to_status=Status.ACCEPTED, created_at__gte=since
        )
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    top = max([*counts.values(), 1])
    rows = []
    for index, month in enumerate(months):
        count = counts.get(month, 0)
        # Geometry of the SVG bar chart (attributes, not styles: the CSP forbids inline styles).
        height = round(CHART_HEIGHT * count / top)
        x = index * 40 + 5
        rows.append({"month": month, "count": count, "x": x, "mid": x + 15, "y": 110 - height, "height": height})
    return rows


def stale_needs(*, pole: Pole, now: datetime.datetime | None = None, limit: int = 50) -> list[Need]:
    """Open needs without any partnership proposed, older than 30 days, oldest first."""
    before = (now or timezone.now()) - STALE_AFTER
    needs = Need.objects.filter(pole=pole, is_open=True, created_at__lt=before, pooled_into__isnull=True).exclude(
        Exists(Partnership.objects.filter(need_id=OuterRef("pk")))
    )
    return list(with_need_card(needs).order_by("created_at", "pk")[:limit])


def pooling_candidates(*, pole: Pole) -> QuerySet[Need]:
    """Open needs not pooled yet, of owners still in the pole (newest first, bounded)."""
    return (
        matching_adapter.suggestable_needs(pole)
        .filter(pooled_into__isnull=True)
        .select_related("project", "structure")
        .only(
            "id",
            "category",
            "title",
            "pole_id",
            "project_id",
            "project__title",
            "structure_id",
            "structure__name",
            "structure__slug",
            "created_at",
        )  # fmt: skip
        .order_by("-created_at", "-pk")[:POOLING_SCAN_LIMIT]
    )


def pooling_for_pole(*, pole: Pole) -> list[Opportunity]:
    return pooling_opportunities(pooling_candidates(pole=pole))
