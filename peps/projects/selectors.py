"""Reads of projects that depend on who asks: what a viewer may see, the board, the logs."""

from django.db.models import Q, QuerySet
from django.http import Http404

from peps.core.access import require
from peps.core.pagination import Page, paginate
from peps.core.sql import exists_mark, read_one
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
