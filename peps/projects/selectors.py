"""Reads of projects that depend on who asks: what a viewer may see, the board, the logs."""

import functools
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from peps.core.access import require
from peps.core.pagination import Page, paginate
from peps.core.sql import exists_mark, joined_from_row, model_columns, model_from_row, model_width
from peps.core.tenancy import is_member
from peps.core.text import search_terms
from peps.directory.models import RepresentativeStatus, Structure
from peps.poles.models import Pole

from .models import Comment, Follow, Project, ProjectVisibility, Referral, StageChange, Support, SupportLogEntry

# What the project_card tag (templatetags/projects_tags.py) reads: join these so a list costs one query.
CARD_RELATED = ("pole", "holder", "holder_structure", "commune")
CARD_FIELDS = (
    "id",
    "title",
    "summary",
    "stage",
    "domain",
    "economic_model",
    "visibility",
    "request_kind",
    "stage_changed_at",
    "created_at",
    "supporters_count",
    "followers_count",
    "comments_count",
    "pole__slug",
    "holder__display_name",
    "holder__first_name",
    "holder__last_name",
    "holder__email",
    "holder_structure__name",
    "holder_structure__slug",
    "commune__name",
    "commune__departement_id",
)
COMMENTS_PER_PAGE = 20


def with_card_relations(queryset: QuerySet) -> QuerySet:
    """Everything the project_card tag needs, in the same query."""
    return queryset.select_related(*CARD_RELATED).only(*CARD_FIELDS)


def projects_visible_to(*, user, pole: Pole) -> QuerySet:
    """Public projects for everybody; members-only ones for members of the pole and their holder."""
    projects = Project.objects.filter(pole=pole)
    if is_member(user, pole):
        return projects
    visible = Q(visibility=ProjectVisibility.PUBLIC)
    if user.is_authenticated:
        # A citizen who chose "members only" still sees the idea they brought.
        visible |= Q(holder_id=user.pk)
    return projects.filter(visible)


def project_list(*, user, pole: Pole, filters: dict) -> QuerySet:
    """The list page: visible projects, filtered, newest first."""
    projects = projects_visible_to(user=user, pole=pole)
    for name in ("stage", "domain", "economic_model"):
        if filters.get(name):
            projects = projects.filter(**{name: filters[name]})
    if filters.get("commune"):
        projects = projects.filter(commune=filters["commune"])
    for term in search_terms(filters.get("q") or ""):
        projects = projects.filter(search_text__contains=term)
    return with_card_relations(projects).order_by("-created_at", "-pk")


# What the project's page reads of the project and of its holder, structure and commune:
# not the search text, nor the holder's profile (a select of the four joined rows' every
# column costs more to compile and convert than the rest of the query).
PAGE_FIELDS = (
    *(f.name for f in Project._meta.concrete_fields if f.name != "search_text"),
    "holder__display_name",
    "holder__first_name",
    "holder__last_name",
    "holder__email",
    "holder_structure__name",
    "holder_structure__slug",
    "commune__name",
    "commune__departement_id",
)


# The project's relations read with it (as select_related would join them), and, for its page,
# what is read of each: `page` in project_for_viewer().
_RELATIONS = ("holder", "holder_structure", "commune")
_PAGE_ONLY = {
    None: tuple(f.name for f in Project._meta.concrete_fields if f.name != "search_text"),
    "holder": ("display_name", "first_name", "last_name", "email"),
    "holder_structure": ("name", "slug"),
    "commune": ("name", "departement_id"),
}


@functools.lru_cache(maxsize=4)
def _project_sql(vendor: str, page: bool) -> tuple[str, tuple]:
    quote = connection.ops.quote_name
    table = quote(Project._meta.db_table)
    columns, joins, relations = [model_columns(Project, _PAGE_ONLY[None] if page else None)], [], []
    for name in _RELATIONS:
        field: Any = Project._meta.get_field(name)
        model, only = field.related_model, _PAGE_ONLY[name] if page else None
        related_table = quote(model._meta.db_table)
        columns.append(model_columns(model, only))
        joins.append(
            f" LEFT JOIN {related_table} ON {related_table}.{quote(field.target_field.column)} = {table}.{quote(field.column)}"
        )
        relations.append((field, model, only))
    meta: Any = Project._meta
    pk, pole = (quote(meta.get_field(name).column) for name in ("id", "pole"))
    sql = (
        f"SELECT {', '.join(columns)}%s FROM {table}{''.join(joins)} WHERE {table}.{pole} = %%s AND {table}.{pk} = %%s"  # noqa: S608 - the models' quoted names, values as parameters
    )
    return sql, tuple(relations)


def _project_with_relations(*, pole: Pole, pk: int, page: bool, marks: dict) -> Project | None:
    """The project, its holder, structure and commune, and the marks asked for (RawSQL
    annotations: exists_mark()), by one written-out query: the ORM's select_related and
    only() cost about 2 ms in-process to build and compile, several times the read. Tests hold
    it to the ORM's answer."""
    sql, relations = _project_sql(connection.vendor, page)
    names = list(marks)
    extra = "".join(f", {marks[name].sql}" for name in names)
    params = [param for name in names for param in marks[name].params]
    with connection.cursor() as cursor:
        cursor.execute(sql % extra, [*params, pole.pk, pk])
        row = cursor.fetchone()
    if row is None:
        return None
    only = _PAGE_ONLY[None] if page else None
    project: Any = model_from_row(Project, row, 0, only)
    offset = model_width(Project, only)
    for field, model, related_only in relations:
        field.set_cached_value(project, joined_from_row(model, row, offset, related_only))
        offset += model_width(model, related_only)
    for index, name in enumerate(names):
        setattr(project, name, row[offset + index])
    return project


def project_for_viewer(*, user, pole: Pole, pk: int, page: bool = False, marks: dict | None = None) -> Project:
    """The access helper: 404 when missing, of another pole, or hidden from the viewer.
    `page`: only what the project's page shows (for reading, not for a service to save);
    `marks`: more annotations (exists_mark()) the page asks for in the same query."""
    marks = dict(marks or {})
    if user.is_authenticated:
        marks["is_following"] = exists_mark(Follow, link="project", outer=Project, person=user.pk)
        marks["is_supporting"] = exists_mark(Support, link="project", outer=Project, person=user.pk)
    project = _project_with_relations(pole=pole, pk=pk, page=page, marks=marks)
    if project is None:
        raise Http404
    # The pole asked for, already loaded (its wide row joined again would cost more).
    project.pole = pole
    require(user, "projects.view_project", project, hide=True)
    return project


def project_comments(*, project: Project, request) -> Page:
    """Comments, oldest first, 20 a page; the page count comes from the project's counter."""
    comments = (
        Comment.objects.filter(project=project, is_hidden=False)
        .select_related("author")
        .only(
            "id",
            "text",
            "created_at",
            "author__display_name",
            "author__first_name",
            "author__last_name",
            "author__email",
        )
        .order_by("created_at", "pk")
    )
    page = paginate(comments, request, per_page=COMMENTS_PER_PAGE, count=False)
    page.total = project.comments_count
    page.num_pages = comments_last_page(project=project)
    return page


def comments_last_page(*, project: Project) -> int:
    return max(1, -(-project.comments_count // COMMENTS_PER_PAGE))


def stage_history(*, project: Project, limit: int = 100) -> list[StageChange]:
    return list(
        StageChange.objects.filter(project=project)
        .select_related("by")
        .only(
            "id",
            "from_stage",
            "to_stage",
            "reason",
            "at",
            "by__display_name",
            "by__first_name",
            "by__last_name",
            "by__email",
        )[:limit]
    )


def support_log(*, project: Project, limit: int = 200) -> tuple[list[SupportLogEntry], list[Referral]]:
    """The support log and the referrals: only for the holder and the coordinators."""
    person_fields = ("display_name", "first_name", "last_name", "email")
    entries = (
        SupportLogEntry.objects.filter(project=project)
        .select_related("author")
        .only("id", "kind", "happened_on", "text", *(f"author__{f}" for f in person_fields))[:limit]
    )
    referrals = (
        Referral.objects.filter(project=project)
        .select_related("by")
        .only("id", "network", "contact", "referred_on", "note", *(f"by__{f}" for f in person_fields))[:limit]
    )
    return list(entries), list(referrals)


def structures_represented_by(*, user, pole: Pole) -> QuerySet:
    """Structures of this pole the person may speak for (approved representative)."""
    if not user.is_authenticated:
        return Structure.objects.none()
    return Structure.objects.filter(
        pole=pole,
        is_active=True,
        representatives__person_id=user.pk,
        representatives__status=RepresentativeStatus.APPROVED,
    ).order_by("name")
