"""Reads of deliberation that depend on who asks: which debates and consultations one may
see, the debate page in bounded queries whatever its size, the moderation queue."""

from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404

from peps.core.access import require
from peps.core.pagination import Page, paginate
from peps.core.sql import (
    column,
    exists_mark,
    fetch_rows,
    joined_instances,
    joined_select,
    latest_per_value,
    order_sql,
    read_one,
)
from peps.core.tenancy import is_member
from peps.core.text import search_terms
from peps.poles.models import Pole

from .models import (
    Appeal,
    AppealStatus,
    Argument,
    Consultation,
    Debate,
    DebateVisibility,
    Follow,
    ModerationEvent,
    Proposal,
    ProposalSupport,
    Reaction,
    Reply,
    Report,
    ReportStatus,
    Stance,
)

ARGUMENTS_PER_COLUMN = 10
REPLIES_PER_ARGUMENT = 5
PERSON_FIELDS = ("display_name", "first_name", "last_name", "email")
SORTS = {
    "utiles": (F("reactions_count").desc(), F("created_at").desc(), F("pk").desc()),
    "recents": (F("created_at").desc(), F("pk").desc()),
}
DEFAULT_SORT = "utiles"

# The debate page's reads written out once, as the pole's role is (peps/poles/roles.py): the
# ORM's subqueries (three column tops, each thread's first replies) cost more to build and
# compile than the queries take to run; the column tops and the reader's marks are
# peps.core.sql's. Each is what the ORM wrote, on the same indexes; the values are parameters.
_TOP_ORDER = {"utiles": ("-reactions_count", "-created_at", "-pk"), "recents": ("-created_at", "-pk")}
_FIRST_REPLIES_SQL = (
    "SELECT f.id FROM deliberation_reply f WHERE f.argument_id = deliberation_reply.argument_id"
    " ORDER BY f.created_at, f.id LIMIT %s"
)


def _person(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}__{name}" for name in PERSON_FIELDS)


def _visible(queryset: QuerySet, *, user, pole: Pole) -> QuerySet:
    if is_member(user, pole) or (user.is_authenticated and user.is_superuser):
        return queryset
    return queryset.filter(visibility=DebateVisibility.PUBLIC)


# --- Debates -----------------------------------------------------------------------------


def debates_visible_to(*, user, pole: Pole) -> QuerySet:
    return _visible(Debate.objects.filter(pole=pole), user=user, pole=pole)


def debate_list(*, user, pole: Pole, filters: dict) -> QuerySet:
    """The list page: visible debates, filtered, newest first (one query with the project)."""
    debates = debates_visible_to(user=user, pole=pole)
    if filters.get("status"):
        debates = debates.filter(status=filters["status"])
    if filters.get("project"):
        debates = debates.filter(project=filters["project"])
    for term in search_terms(filters.get("q") or ""):
        debates = debates.filter(search_text__contains=term)
    return (
        debates.select_related("project", "author")
        .only(
            "id",
            "pole_id",
            "title",
            "status",
            "visibility",
            "pros_count",
            "cons_count",
            "questions_count",
            "created_at",
            "closed_at",
            "project__id",
            "project__title",
            "project__pole_id",
            *_person("author"),
        )
        .order_by("-created_at", "-pk")
    )


def debate_for_viewer(*, user, pole: Pole, pk: int) -> Debate:
    """The access helper: 404 when missing, of another pole, or hidden from the viewer."""
    # One written-out query (read_one): the ORM's select_related and annotation cost about
    # 1.5 ms in-process to build and compile, several times the read.
    marks = {}
    if user.is_authenticated:
        marks["is_following"] = exists_mark(Follow, link="debate", outer=Debate, person=user.pk)
    debate = read_one(Debate, relations=("project", "author", "closed_by"), marks=marks, pole=pole.pk, id=pk)
    if debate is None:
        raise Http404
    debate.pole = pole  # the request's pole, already read: no join on its wide row
    require(user, "deliberation.view_debate", debate, hide=True)
    return debate


def argument_for_viewer(*, user, debate: Debate, pk: int) -> Argument:
    argument = Argument.objects.filter(debate=debate, pk=pk).select_related("author").first()
    if argument is None:
        raise Http404
    argument.debate = debate
    return argument


# What an argument or a reply of the debate page shows (jinja2/deliberation/_argument_parts.html).
ARGUMENT_FIELDS = (
    "debate",
    "stance",
    "text",
    "reactions_count",
    "replies_count",
    "created_at",
    "is_hidden",
    "hidden_reason",
    "author",
)
REPLY_FIELDS = ("argument", "text", "created_at", "is_hidden", "hidden_reason", "author")


def _arguments(*, debate: Debate, user, sort: str) -> QuerySet:
    arguments = (
        Argument.objects.filter(debate=debate).select_related("author").only(*ARGUMENT_FIELDS, *_person("author"))
    )
    if user.is_authenticated:
        arguments = arguments.annotate(
            has_reacted=exists_mark(Reaction, link="argument", outer=Argument, person=user.pk)
        )
    return arguments.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


AUTHOR = (("author", PERSON_FIELDS),)


def _attach_replies(arguments: list[Argument], *, limit: int = REPLIES_PER_ARGUMENT) -> None:
    """The first replies of the shown arguments only, in one written-out query (a LIMIT
    subquery per thread caps each one: cheaper to compile than a window, and as cheap to
    run); the ORM's query cost several times the read to build and compile."""
    by_argument = {argument.pk: argument for argument in arguments}
    for argument in arguments:
        argument.shown_replies = []
    if not by_argument:
        return
    head, tail = joined_select(Reply, REPLY_FIELDS, AUTHOR)
    created, pk = column(Reply, "created_at"), column(Reply, "pk")
    where = (
        f" WHERE {column(Reply, 'argument')} IN ({', '.join(['%s'] * len(by_argument))})"
        f" AND {pk} IN ({_FIRST_REPLIES_SQL}) ORDER BY {created}, {pk}"
    )
    rows = fetch_rows(head + tail + where, [*by_argument, limit])
    for reply in joined_instances(Reply, REPLY_FIELDS, AUTHOR, rows):
        by_argument[reply.argument_id].shown_replies.append(reply)


def _top_arguments(*, debate: Debate, user, sort: str, per_column: int) -> list[Argument]:
    """The first `per_column` arguments of each stance in `sort`'s order, with their authors
    and whether `user` found each useful (`has_reacted`, signed in only): written out, as the
    ORM's select_related, only() and annotation cost several times the read to build."""
    in_a_top = latest_per_value(
        Argument, column="stance", values=Stance.values, order=_TOP_ORDER[sort], limit=per_column, debate=debate.pk
    )
    head, tail = joined_select(Argument, ARGUMENT_FIELDS, AUTHOR)
    order = order_sql(Argument, _TOP_ORDER[sort])
    mark = exists_mark(Reaction, link="argument", outer=Argument, person=user.pk) if user.is_authenticated else None
    where = f" WHERE {column(Argument, 'pk')} IN ({in_a_top.sql}) ORDER BY {order}"
    sql = f"{head}{f', {mark.sql}' if mark else ''}{tail}{where}"
    rows = fetch_rows(sql, [*(mark.params if mark else ()), *in_a_top.params])
    arguments: list[Any] = joined_instances(Argument, ARGUMENT_FIELDS, AUTHOR, rows)
    if mark is not None:
        for argument, row in zip(arguments, rows, strict=True):
            argument.has_reacted = bool(row[-1])
    return arguments


def debate_columns(*, debate: Debate, user, sort: str = DEFAULT_SORT, per_column: int = ARGUMENTS_PER_COLUMN) -> dict:
    """The debate page's three columns (for, against, questions): counts from the debate's
    counters, the top arguments of each column in one query, and their first replies in one
    more, so a debate of 1,000 arguments costs what a debate of 10 does.

    Each column's top is a LIMIT subquery that reads the (debate, stance, order) index, and
    the outer query fetches those rows by primary key only: a window over the whole debate
    read and sorted every argument with its author (5 ms of SQL for 1,000 arguments)."""
    sort = sort if sort in SORTS else DEFAULT_SORT
    shown: dict[str, list[Argument]] = {stance: [] for stance in Stance.values}
    rows = _top_arguments(debate=debate, user=user, sort=sort, per_column=per_column)
    # The debate cached as select_related caches it (the assignment's checks, thirty times,
    # cost more: the rows are the debate's by the query).
    cache_debate = Argument.debate.field.set_cached_value
    for argument in rows:
        cache_debate(argument, debate)
        shown[argument.stance].append(argument)
    _attach_replies(rows)
    counts: dict[str, int] = {
        Stance.PRO: debate.pros_count,
        Stance.CON: debate.cons_count,
        Stance.QUESTION: debate.questions_count,
    }
    return {
        stance: {
            "stance": stance,
            "label": Stance(stance).label,
            "count": counts[stance],
            "arguments": shown[stance],
            "has_more": counts[stance] > len(shown[stance]),
            "next_page": 2,
        }
        for stance in Stance.values
    }


def debate_column_page(*, debate: Debate, user, stance: str, request, sort: str = DEFAULT_SORT) -> Page:
    """One column, page by page ("voir plus"): LIMIT/OFFSET, replies for that page only."""
    arguments = _arguments(debate=debate, user=user, sort=sort).filter(stance=stance)
    page = paginate(arguments, request, per_page=ARGUMENTS_PER_COLUMN, count=False)
    total = {Stance.PRO: debate.pros_count, Stance.CON: debate.cons_count, Stance.QUESTION: debate.questions_count}[
        Stance(stance)
    ]
    page.total = total
    page.num_pages = max(1, -(-total // ARGUMENTS_PER_COLUMN))
    for argument in page.items:
        argument.debate = debate
    _attach_replies(page.items)
    return page


def argument_replies(*, argument: Argument, request) -> Page:
    """All the replies of one argument, page by page (the argument's own page)."""
    replies = (
        Reply.objects.filter(argument=argument)
        .select_related("author")
        .only(*REPLY_FIELDS, *_person("author"))
        .order_by("created_at", "pk")
    )
    page = paginate(replies, request, per_page=20, count=False)
    page.total = argument.replies_count
    page.num_pages = max(1, -(-argument.replies_count // 20))
    return page


def projects_for_debates(*, user, pole: Pole) -> QuerySet:
    """Projects a debate may be attached to (those the person can see), newest first."""
    from peps.projects.selectors import projects_visible_to

    return projects_visible_to(user=user, pole=pole).only("id", "title", "pole_id", "visibility").order_by("title")


# --- Consultations -----------------------------------------------------------------------


def consultations_visible_to(*, user, pole: Pole) -> QuerySet:
    return _visible(Consultation.objects.filter(pole=pole), user=user, pole=pole).order_by("-starts_on", "-pk")


def consultation_for_viewer(*, user, pole: Pole, pk: int) -> Consultation:
    consultations = Consultation.objects.filter(pole=pole, pk=pk).select_related("pole")
    if user.is_authenticated:
        consultations = consultations.annotate(
            is_following=Exists(Follow.objects.filter(consultation=OuterRef("pk"), person_id=user.pk))
        )
    consultation = consultations.first()
    if consultation is None:
        raise Http404
    require(user, "deliberation.view_consultation", consultation, hide=True)
    return consultation


def _proposals(*, user) -> QuerySet:
    proposals = Proposal.objects.select_related("author", "project").only(
        "id",
        "consultation_id",
        "title",
        "body",
        "status",
        "answer",
        "supports_count",
        "created_at",
        "is_hidden",
        "hidden_reason",
        "author_id",
        "project__id",
        "project__title",
        "project__pole_id",
        *_person("author"),
    )
    if user.is_authenticated:
        proposals = proposals.annotate(
            is_supporting=Exists(ProposalSupport.objects.filter(proposal=OuterRef("pk"), person_id=user.pk))
        )
    return proposals


def consultation_proposals(*, consultation: Consultation, user, status: str = "") -> QuerySet:
    proposals = _proposals(user=user).filter(consultation=consultation)
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-supports_count", "-created_at", "-pk")


def proposal_for_viewer(*, user, pole: Pole, pk: int) -> Proposal:
    proposals = Proposal.objects.filter(consultation__pole=pole, pk=pk).select_related(
        "author", "project", "consultation", "consultation__pole", "answered_by"
    )
    if user.is_authenticated:
        proposals = proposals.annotate(
            is_supporting=Exists(ProposalSupport.objects.filter(proposal=OuterRef("pk"), person_id=user.pk))
        )
    proposal = proposals.first()
    if proposal is None:
        raise Http404
    require(user, "deliberation.view_consultation", proposal.consultation, hide=True)
    return proposal


# --- Moderation --------------------------------------------------------------------------

TARGET_RELATED = (
    "argument",
    "argument__author",
    "argument__debate",
    "reply",
    "reply__author",
    "reply__argument",
    "reply__argument__debate",
    "proposal",
    "proposal__author",
    "proposal__consultation",
)


def _with_targets(queryset: QuerySet, *people: str) -> QuerySet:
    return queryset.select_related(*TARGET_RELATED, *people)


def open_reports(*, pole: Pole) -> QuerySet:
    return _with_targets(Report.objects.filter(pole=pole, status=ReportStatus.OPEN), "reporter").order_by(
        "created_at", "pk"
    )


def pending_appeals(*, pole: Pole) -> QuerySet:
    return _with_targets(Appeal.objects.filter(pole=pole, status=AppealStatus.PENDING), "author").order_by(
        "created_at", "pk"
    )


def moderation_log(*, pole: Pole) -> QuerySet:
    return _with_targets(ModerationEvent.objects.filter(pole=pole), "actor").order_by("-at", "-pk")


def report_for_moderator(*, pole: Pole, pk: int) -> Report:
    report = _with_targets(Report.objects.filter(pole=pole, pk=pk), "reporter").first()
    if report is None:
        raise Http404
    return report


def appeal_for_moderator(*, pole: Pole, pk: int) -> Appeal:
    appeal = _with_targets(Appeal.objects.filter(pole=pole, pk=pk), "author").first()
    if appeal is None:
        raise Http404
    return appeal


def target_for_viewer(*, user, pole: Pole, kind: str, pk: int):
    """A message of this pole that the viewer can see, by kind; 404 otherwise."""
    target: Argument | Reply | Proposal | None
    container: Debate | Consultation | None
    if kind == "argument":
        argument = Argument.objects.filter(pk=pk, debate__pole=pole).select_related("debate", "debate__pole").first()
        target, container, perm = argument, (argument.debate if argument else None), "deliberation.view_debate"
    elif kind == "reponse":
        reply = (
            Reply.objects.filter(pk=pk, argument__debate__pole=pole)
            .select_related("argument", "argument__debate", "argument__debate__pole")
            .first()
        )
        target, container, perm = reply, (reply.argument.debate if reply else None), "deliberation.view_debate"
    elif kind == "proposition":
        proposal = (
            Proposal.objects.filter(pk=pk, consultation__pole=pole)
            .select_related("consultation", "consultation__pole")
            .first()
        )
        target, container = proposal, (proposal.consultation if proposal else None)
        perm = "deliberation.view_consultation"
    else:
        raise Http404
    if target is None:
        raise Http404
    require(user, perm, container, hide=True)
    return target


def has_appealed(target) -> bool:
    from .services import target_fields

    return Appeal.objects.filter(**target_fields(target)).exists()
