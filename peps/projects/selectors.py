"""Reads of projects that depend on who asks: what a viewer may see, the board, the logs."""

from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404

from peps.core.access import require
from peps.core.pagination import MAX_COUNT, Page, page_number, page_of_rows
from peps.core.sql import (
    column,
    exists_mark,
    fetch_rows,
    joined_instances,
    joined_select,
    order_sql,
    read_joined,
    read_one,
)
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


# The list's cards as a written-out read (the ORM's four joins, only() and slicing cost
# more to build and compile than the read): what _project_cards.html shows of a project, its
# holder, structure and commune; the pole is the one asked for.
LIST_FIELDS = (
    "title",
    "summary",
    "stage",
    "domain",
    "visibility",
    "supporters_count",
    "comments_count",
    "holder",
    "holder_structure",
    "commune",
)
LIST_RELATIONS = (
    ("holder", ("display_name", "first_name", "last_name", "email")),
    ("holder_structure", ("name", "slug")),
    ("commune", ("name", "departement_id")),
)
SEARCH_TEXT = Project._meta.get_field("search_text")


def _list_where(*, user, pole: Pole, filters: dict) -> tuple[str, list]:
    """The list's WHERE, as projects_visible_to() and the filters ask, with its values."""
    conditions: list[str] = [f"{column(Project, 'pole')} = %s"]
    params: list[Any] = [pole.pk]
    if not is_member(user, pole):
        visibility = f"{column(Project, 'visibility')} = %s"
        params.append(ProjectVisibility.PUBLIC)
        if user.is_authenticated:
            # A citizen who chose "members only" still sees the idea they brought.
            visibility = f"({visibility} OR {column(Project, 'holder')} = %s)"
            params.append(user.pk)
        conditions.append(visibility)
    for name in ("stage", "domain", "economic_model"):
        if filters.get(name):
            conditions.append(f"{column(Project, name)} = %s")
            params.append(filters[name])
    if filters.get("commune"):
        conditions.append(f"{column(Project, 'commune')} = %s")
        params.append(filters["commune"].pk)
    terms = search_terms(filters.get("q") or "")
    if terms:
        # What search_text__contains writes on this database (LIKE, its escapes and casts).
        ops = connection.ops
        searched = ops.lookup_cast("contains", SEARCH_TEXT.get_internal_type()) % column(Project, "search_text")
        contains = connection.operators["contains"] % "%s"  # type: ignore[attr-defined] # each backend has its table
        for term in terms:
            conditions.append(f"{searched} {contains}")
            params.append(f"%{ops.prep_for_like_query(term)}%")
    return " WHERE " + " AND ".join(conditions), params


def project_list(*, user, pole: Pole, filters: dict, request) -> Page:
    """The list page: visible projects, filtered, newest first, a page of them and their
    count (capped at MAX_COUNT), in two written-out queries."""
    where, params = _list_where(user=user, pole=pole, filters=filters)
    per_page, number = settings.PEPS_PAGE_SIZE, page_number(request)
    head, tail = joined_select(Project, LIST_FIELDS, LIST_RELATIONS)
    order = f" ORDER BY {order_sql(Project, ('-created_at', '-pk'))}"
    rows = fetch_rows(
        f"{head}{tail}{where}{order} LIMIT %s OFFSET %s", [*params, per_page + 1, (number - 1) * per_page]
    )
    table = connection.ops.quote_name(Project._meta.db_table)
    ((count,),) = fetch_rows(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table}{where} LIMIT %s) capped",  # noqa: S608 - the model's quoted names, values as parameters
        [*params, MAX_COUNT + 1],
    )
    projects = _cards(rows[:per_page], pole)
    return page_of_rows(projects, fetched=len(rows), number=number, per_page=per_page, count=count)


def newest_projects(*, user, pole: Pole, limit: int) -> list[Project]:
    """The newest projects the viewer may see, as the list's cards read them (the pole's
    home): the list's written-out read without filters nor count."""
    where, params = _list_where(user=user, pole=pole, filters={})
    head, tail = joined_select(Project, LIST_FIELDS, LIST_RELATIONS)
    order = f" ORDER BY {order_sql(Project, ('-created_at', '-pk'))}"
    return _cards(fetch_rows(f"{head}{tail}{where}{order} LIMIT %s", [*params, limit]), pole)


def _cards(rows, pole: Pole) -> list[Project]:
    projects = joined_instances(Project, LIST_FIELDS, LIST_RELATIONS, rows)
    for project in projects:
        project.pole = pole
    return projects


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


# The project's relations read with it (as select_related would join them), and what the
# project's page reads of it and of each (`page` in project_for_viewer()).
_RELATIONS = ("holder", "holder_structure", "commune")
_PAGE_ONLY = {
    None: tuple(f.name for f in Project._meta.concrete_fields if f.name != "search_text"),
    "holder": ("display_name", "first_name", "last_name", "email"),
    "holder_structure": ("name", "slug"),
    "commune": ("name", "departement_id"),
}


def project_for_viewer(*, user, pole: Pole, pk: int, page: bool = False, marks: dict | None = None) -> Project:
    """The access helper: 404 when missing, of another pole, or hidden from the viewer.
    `page`: only what the project's page shows (for reading, not for a service to save);
    `marks`: more annotations (exists_mark()) the page asks for in the same query."""
    marks = dict(marks or {})
    if user.is_authenticated:
        marks["is_following"] = exists_mark(Follow, link="project", outer=Project, person=user.pk)
        marks["is_supporting"] = exists_mark(Support, link="project", outer=Project, person=user.pk)
    # One written-out query (read_one): the ORM's select_related, only() and annotations cost
    # about 2 ms in-process to build and compile, several times the read.
    only = _PAGE_ONLY if page else None
    project = read_one(Project, relations=_RELATIONS, only=only, marks=marks, pole=pole.pk, id=pk)
    if project is None:
        raise Http404
    # The pole asked for, already loaded (its wide row joined again would cost more).
    project.pole = pole
    require(user, "projects.view_project", project, hide=True)
    return project


# The project page's lists (comments, stages' history, support log) as written-out queries
# (peps.core.sql): the ORM's select_related, only() and slicing cost several times the reads,
# which return a few rows each. Tests hold each to the ORM's answer.
PERSON_NAME = ("display_name", "first_name", "last_name", "email")  # what public_name reads
COMMENT_FIELDS = ("author", "text", "created_at")
COMMENT_RELATIONS = (("author", PERSON_NAME),)
HISTORY_FIELDS = ("by", "from_stage", "to_stage", "reason", "at")
HISTORY_RELATIONS = (("by", PERSON_NAME),)
LOG_FIELDS = ("author", "kind", "happened_on", "text")
LOG_RELATIONS = (("author", PERSON_NAME),)
REFERRAL_FIELDS = ("by", "network", "contact", "referred_on", "note")
REFERRAL_RELATIONS = (("by", PERSON_NAME),)


def project_comments(*, project: Project, request) -> Page:
    """Comments, oldest first, 20 a page; the page count comes from the project's counter."""
    number = page_number(request)
    comments = read_joined(
        Comment,
        COMMENT_FIELDS,
        COMMENT_RELATIONS,
        ("created_at", "pk"),
        limit=COMMENTS_PER_PAGE + 1,  # one more: is there a next page?
        offset=(number - 1) * COMMENTS_PER_PAGE,
        project=project.pk,
        is_hidden=False,
    )
    return Page(
        items=comments[:COMMENTS_PER_PAGE],
        number=number,
        has_next=len(comments) > COMMENTS_PER_PAGE,
        has_previous=number > 1,
        total=project.comments_count,
        total_is_capped=False,
        num_pages=comments_last_page(project=project),
    )


def comments_last_page(*, project: Project) -> int:
    return max(1, -(-project.comments_count // COMMENTS_PER_PAGE))


def stage_history(*, project: Project, limit: int = 100) -> list[StageChange]:
    """The stages' changes, latest first."""
    return read_joined(StageChange, HISTORY_FIELDS, HISTORY_RELATIONS, ("-at", "-pk"), limit=limit, project=project.pk)


def support_log(*, project: Project, limit: int = 200) -> tuple[list[SupportLogEntry], list[Referral]]:
    """The support log and the referrals, latest first: only for the holder and the coordinators."""
    entries = read_joined(
        SupportLogEntry, LOG_FIELDS, LOG_RELATIONS, ("-happened_on", "-pk"), limit=limit, project=project.pk
    )
    referrals = read_joined(
        Referral, REFERRAL_FIELDS, REFERRAL_RELATIONS, ("-referred_on", "-pk"), limit=limit, project=project.pk
    )
    return entries, referrals


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
