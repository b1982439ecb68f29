"""Reads of the calls for projects that depend on who asks, the access helpers (404 for
missing or hidden, 403 for seen but not allowed) and the ranked results."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404

from peps.core.tenancy import is_network_admin
from peps.core.text import search_terms
from peps.poles.models import Membership, MembershipStatus, Pole, Role

from . import scoring
from .models import (
    PUBLIC_STATUSES,
    Application,
    ApplicationStatus,
    Assignment,
    Attachment,
    Call,
    CallReviewer,
    Decision,
)


def calls_visible_to(*, user):
    calls = Call.objects.all()
    if not is_network_admin(user):
        calls = calls.filter(status__in=PUBLIC_STATUSES)
    return calls.only("pk", "title", "summary", "opens_at", "closes_at", "status")


def call_for_viewer(*, user, pk: int) -> Call:
    """A call the viewer may see: a draft is the administrators' business (404 for others)."""
    call = Call.objects.filter(pk=pk).first()
    if call is None or not user.has_perm("calls.view_call", call):
        raise Http404
    return call


def call_for_admin(*, user, pk: int) -> Call:
    """The administrators' pages about a call: others learn nothing (404)."""
    if not is_network_admin(user):
        raise Http404
    call = Call.objects.filter(pk=pk).first()
    if call is None:
        raise Http404
    return call


def application_for_viewer(*, user, pk: int) -> Application:
    """An application seen by its applicant, a network administrator, or a reviewer it is
    assigned to. A reviewer who declared a conflict knows it exists (403); anyone else 404."""
    application = (
        Application.objects.select_related("call", "pole", "applicant").filter(pk=pk).first()
        if user.is_authenticated
        else None
    )
    if application is None:
        raise Http404
    if user.has_perm("calls.view_application", application):
        return application
    if Assignment.objects.filter(application=application, reviewer_id=user.pk, conflict=True).exists():
        raise PermissionDenied
    raise Http404


def application_for_applicant(*, user, pk: int) -> Application:
    """The applicant's own application; anyone else gets 404 (administrators use the detail page)."""
    application = Application.objects.select_related("call", "pole").filter(pk=pk).first()
    if application is None or application.applicant_id != getattr(user, "pk", None):
        raise Http404
    return application


def attachment_for_viewer(*, user, application: Application, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(application=application, pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment


def assignment_for_reviewer(*, user, pk: int) -> Assignment:
    """Reviewers see only their own assignments: anyone else's is a 404."""
    assignment = (
        Assignment.objects.select_related("application__call", "application__pole", "application__applicant")
        .filter(pk=pk, reviewer_id=getattr(user, "pk", None))
        .first()
    )
    if assignment is None:
        raise Http404
    return assignment


def poles_user_may_apply_for(*, user):
    """Poles whose coordination the person is part of: they may apply on the pole's behalf."""
    pole_ids = Membership.objects.filter(
        person_id=user.pk, status=MembershipStatus.ACTIVE, role__in=[Role.COORDINATOR, Role.ADMIN]
    ).values("pole_id")
    return Pole.objects.filter(pk__in=pole_ids).order_by("name")


def applications_of(*, user):
    return (
        Application.objects.filter(applicant_id=user.pk)
        .select_related("call", "pole")
        .only(
            "pk",
            "kind",
            "status",
            "reference",
            "submitted_at",
            "decision",
            "outcome_sent_at",
            "pole_name",
            "updated_at",
            "call__title",
            "call__closes_at",
            "call__status",
            "call__opens_at",
            "pole__name",
        )
        .order_by("-updated_at", "-pk")
    )


def call_applications(*, call: Call, status: str = "", kind: str = "", decision: str = "", q: str = ""):
    """The administrators' list of a call's applications, with how far their review is."""
    applications = call.applications.select_related("pole", "applicant").annotate(
        assigned=Count("assignments", filter=Q(assignments__conflict=False), distinct=True),
        conflicts=Count("assignments", filter=Q(assignments__conflict=True), distinct=True),
        completed=Count("assignments", filter=Q(assignments__completed_at__isnull=False), distinct=True),
    )
    if status:
        applications = applications.filter(status=status)
    if kind:
        applications = applications.filter(kind=kind)
    if decision:
        applications = applications.filter(decision=decision)
    for term in search_terms(q):
        applications = applications.filter(search_text__contains=term)
    return applications.order_by("status", "reference", "-updated_at", "pk")


def call_counts(*, call: Call) -> dict:
    return call.applications.aggregate(
        drafts=Count("pk", filter=Q(status=ApplicationStatus.DRAFT)),
        submitted=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED)),
        applications=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED, kind="application")),
        expressions=Count("pk", filter=Q(status=ApplicationStatus.SUBMITTED, kind="expression")),
        retained=Count("pk", filter=Q(decision=Decision.RETAINED)),
    )


def committee(*, call: Call) -> list[CallReviewer]:
    return list(
        CallReviewer.objects.filter(call=call)
        .select_related("user")
        .annotate(
            load=Count(
                "user__call_assignments",
                filter=Q(user__call_assignments__application__call=call, user__call_assignments__conflict=False),
            )
        )
        .order_by("pk")
    )


def submitted_with_assignments(*, call: Call):
    assignments = Assignment.objects.select_related("reviewer").order_by("pk")
    return (
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("pole")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("reference", "pk")
    )


def assignments_of(*, user):
    """A reviewer's assignments on calls still under review or decided, with their progress."""
    return (
        Assignment.objects.filter(reviewer_id=user.pk, application__status=ApplicationStatus.SUBMITTED)
        .select_related("application__call", "application__pole")
        .annotate(
            scored=Count("scores", distinct=True), criteria_count=Count("application__call__criteria", distinct=True)
        )
        .order_by("-application__call__closes_at", "application__reference")
    )


@dataclass
class ResultRow:
    application: Application
    result: scoring.Result
    reviews: list[Assignment]
    criterion_means: list  # mean score per criterion, in the criteria's order


def call_results(*, call: Call) -> tuple[list, list[ResultRow]]:
    """Ranked results of the submitted applications: (criteria, rows best first)."""
    criteria = list(call.criteria.all())
    specs = [scoring.CriterionSpec(id=c.pk, weight=c.weight, max_score=c.max_score) for c in criteria]
    assignments = Assignment.objects.select_related("reviewer").prefetch_related("scores").order_by("pk")
    applications = list(
        call.applications.filter(status=ApplicationStatus.SUBMITTED)
        .select_related("pole")
        .prefetch_related(Prefetch("assignments", queryset=assignments))
        .order_by("reference", "pk")
    )
    rows: dict[object, ResultRow] = {}  # by scoring.Result.key, the application's pk
    results = []
    for application in applications:
        reviews = list(application.assignments.all())
        result = scoring.application_result(
            application.pk,
            specs,
            [
                scoring.Review(
                    reviewer_id=a.reviewer_id,
                    scores={s.criterion_id: s.score for s in a.scores.all()},
                    conflict=a.conflict,
                )
                for a in reviews
            ],
        )
        rows[application.pk] = ResultRow(
            application=application,
            result=result,
            reviews=reviews,
            criterion_means=[result.per_criterion.get(c.pk) for c in criteria],
        )
        results.append(result)
    return criteria, [rows[r.key] for r in scoring.rank(results)]
