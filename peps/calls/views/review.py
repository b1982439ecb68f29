"""The reviewers' pages: the applications assigned to them (and nothing else), the scoring
form per criterion, and the declaration of a conflict of interest."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.forms import apply_validation_error
from peps.core.pagination import paginate

from .. import selectors, services
from ..forms import ConflictForm, ReviewForm
from .public import answers_for_display


@login_required
@require_GET
def my_assignments(request):
    page = paginate(selectors.assignments_of(user=request.user), request)
    return render(request, "calls/review/my_assignments.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    assignment = selectors.assignment_for_reviewer(user=request.user, pk=pk)
    application = assignment.application
    if assignment.conflict:
        # The reviewer stepped aside: they see that they did, not the application.
        return render(request, "calls/review/conflict_declared.html", {"assignment": assignment}, status=403)
    can_score = rules.has_perm("calls.score", request.user, assignment)
    criteria = list(application.call.criteria.all())
    scores = {s.criterion_id: s for s in assignment.scores.all()}
    form = ReviewForm(request.POST or None, criteria=criteria, scores=scores)
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.review_save(assignment=assignment, by=request.user, scores=form.scores())
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                if assignment.completed_at:
                    messages.success(request, _("Évaluation enregistrée et complète. Merci !"))
                else:
                    messages.success(request, _("Évaluation enregistrée : des critères restent à noter."))
                return redirect("calls:review", pk=assignment.pk)
    context = {
        "assignment": assignment,
        "application": application,
        "call": application.call,
        "answers": answers_for_display(application),
        "form": form,
        "can_score": can_score,
        "conflict_form": ConflictForm(),
    }
    return render(request, "calls/review/review.html", context)


@login_required
@require_POST
def declare_conflict(request, pk: int):
    assignment = selectors.assignment_for_reviewer(user=request.user, pk=pk)
    if not rules.has_perm("calls.declare_conflict", request.user, assignment):
        raise PermissionDenied
    form = ConflictForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    services.assignment_declare_conflict(assignment=assignment, by=request.user, note=note)
    messages.success(
        request,
        _(
            "Conflit d’intérêts enregistré : vous ne noterez pas cette candidature, qui sera confiée à un autre membre du comité."
        ),
    )
    return redirect("calls:my_assignments")
