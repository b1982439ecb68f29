"""The network administrators' pages of a call: editor (text, dates, questions, criteria),
status, applications, steering committee and assignments, results, selection and export."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core import exports
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import is_network_admin

from .. import selectors, services
from ..forms import (
    ApplicationFilterForm,
    AssignForm,
    CallFieldForm,
    CallForm,
    CriterionForm,
    DecisionForm,
    DistributeForm,
    ReviewerAddForm,
)
from ..models import Assignment, Call, CallField, CallStatus, Criterion, Decision


def _admin_only(request) -> None:
    if not is_network_admin(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    _admin_only(request)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call = services.call_save(call=form.save(commit=False), by=request.user)
        messages.success(request, _("L’appel est créé en brouillon : ajoutez ses questions et ses critères."))
        return redirect("calls:edit", pk=call.pk)
    return render(request, "calls/manage/call_form.html", {"form": form, "call": None})


@login_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        services.call_save(call=form.save(commit=False), by=request.user)
        messages.success(request, _("L’appel est enregistré."))
        return redirect("calls:edit", pk=call.pk)
    context = {
        "form": form,
        "call": call,
        "fields": list(call.fields.all()),
        "criteria": list(call.criteria.all()),
        "form_locked": call.applications.exists(),
        "next_statuses": [CallStatus(s) for s in sorted(services.TRANSITIONS[call.status])],
    }
    return render(request, "calls/manage/call_form.html", context)


@login_required
@require_POST
def call_status(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    to = request.POST.get("to", "")
    if to not in CallStatus.values:
        messages.error(request, _("Statut inconnu."))
        return redirect("calls:edit", pk=call.pk)
    try:
        call = services.call_set_status(call=call, to=to, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("L’appel est maintenant : %(status)s.") % {"status": call.get_status_display()})
    return redirect("calls:edit", pk=call.pk)


def _item_form(request, call: Call, *, model, form_class, pk, save, template: str):
    item = get_object_or_404(model, call=call, pk=pk) if pk else model(call=call)
    form = form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.save(commit=False), by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Enregistré."))
            return redirect("calls:edit", pk=call.pk)
    return render(request, template, {"form": form, "call": call, "item": item})


@login_required
@require_http_methods(["GET", "POST"])
def field_edit(request, pk: int, field: int | None = None):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    return _item_form(
        request,
        call,
        model=CallField,
        form_class=CallFieldForm,
        pk=field,
        save=lambda item, by: services.call_field_save(field=item, by=by),
        template="calls/manage/field_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def criterion_edit(request, pk: int, criterion: int | None = None):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    return _item_form(
        request,
        call,
        model=Criterion,
        form_class=CriterionForm,
        pk=criterion,
        save=lambda item, by: services.criterion_save(criterion=item, by=by),
        template="calls/manage/criterion_form.html",
    )


@login_required
@require_POST
def field_delete(request, pk: int, field: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(CallField, call=call, pk=field)
    try:
        services.call_field_delete(field=item, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("La question est supprimée."))
    return redirect("calls:edit", pk=call.pk)


@login_required
@require_POST
def criterion_delete(request, pk: int, criterion: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(Criterion, call=call, pk=criterion)
    try:
        services.criterion_delete(criterion=item, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Le critère est supprimé."))
    return redirect("calls:edit", pk=call.pk)


@login_required
@require_POST
def field_move(request, pk: int, field: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(CallField, call=call, pk=field)
    services.call_field_move(field=item, direction=request.POST.get("direction", ""), by=request.user)
    return redirect("calls:edit", pk=call.pk)


@login_required
@require_POST
def criterion_move(request, pk: int, criterion: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(Criterion, call=call, pk=criterion)
    services.criterion_move(criterion=item, direction=request.POST.get("direction", ""), by=request.user)
    return redirect("calls:edit", pk=call.pk)


@login_required
@require_GET
def applications(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    form = ApplicationFilterForm(request.GET or None)
    filters = form.filters() if form.is_bound else {}
    page = paginate(selectors.call_applications(call=call, **filters), request)
    context = {
        "call": call,
        "form": form,
        "page": page,
        "counts": selectors.call_counts(call=call),
        "filtered": any(filters.values()),
    }
    template = "calls/manage/_applications.html" if request.htmx else "calls/manage/applications.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def committee(request, pk: int):
    """The committee's members and who reviews what: name, assign, distribute evenly."""
    call = selectors.call_for_admin(user=request.user, pk=pk)
    reviewers = selectors.committee(call=call)
    applications = list(selectors.submitted_with_assignments(call=call))
    add_form = ReviewerAddForm(prefix="add")
    assign_form = AssignForm(prefix="assign", applications=applications, reviewers=reviewers)
    if request.method == "POST":
        if "add-email" in request.POST:
            add_form = ReviewerAddForm(request.POST, prefix="add")
            if add_form.is_valid():
                services.reviewer_add(call=call, user=add_form.user, by=request.user)
                messages.success(request, _("%(name)s fait partie du comité.") % {"name": add_form.user.public_name})
                return redirect("calls:committee", pk=call.pk)
        else:
            assign_form = AssignForm(request.POST, prefix="assign", applications=applications, reviewers=reviewers)
            if assign_form.is_valid():
                application = next(a for a in applications if a.pk == assign_form.cleaned_data["application"])
                reviewer = next(r.user for r in reviewers if r.user_id == assign_form.cleaned_data["reviewer"])
                try:
                    services.assignment_create(application=application, reviewer=reviewer, by=request.user)
                except ValidationError as error:
                    apply_validation_error(assign_form, error)
                else:
                    messages.success(request, _("Candidature confiée."))
                    return redirect("calls:committee", pk=call.pk)
    context = {
        "call": call,
        "reviewers": reviewers,
        "applications": applications,
        "add_form": add_form,
        "assign_form": assign_form,
        "distribute_form": DistributeForm(),
    }
    return render(request, "calls/manage/committee.html", context)


@login_required
@require_POST
def reviewer_remove(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    member = call.committee.filter(user_id=request.POST.get("user") or 0).select_related("user").first()
    if member is None:
        raise Http404
    services.reviewer_remove(call=call, user=member.user, by=request.user)
    messages.success(request, _("%(name)s ne fait plus partie du comité.") % {"name": member.user.public_name})
    return redirect("calls:committee", pk=call.pk)


@login_required
@require_POST
def distribute(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    form = DistributeForm(request.POST)
    per = form.cleaned_data["per_application"] if form.is_valid() else 2
    try:
        made = services.assignments_distribute(call=call, by=request.user, per_application=per)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("%(n)d affectation(s) ajoutée(s).") % {"n": made})
    return redirect("calls:committee", pk=call.pk)


@login_required
@require_POST
def unassign(request, pk: int, assignment: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(Assignment, application__call=call, pk=assignment)
    services.assignment_delete(assignment=item, by=request.user)
    messages.success(request, _("Affectation retirée."))
    return redirect("calls:committee", pk=call.pk)


@login_required
@require_GET
def results(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    criteria, rows = selectors.call_results(call=call)
    context = {
        "call": call,
        "criteria": criteria,
        "rows": rows,
        "counts": selectors.call_counts(call=call),
        "can_decide": call.status == CallStatus.CLOSED,
        "pending": sum(1 for r in rows if r.application.decision == Decision.PENDING),
        "decisions": Decision.choices,
    }
    return render(request, "calls/manage/results.html", context)


@login_required
@require_POST
def decide(request, pk: int, application: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    item = get_object_or_404(call.applications.select_related("call"), pk=application)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez une décision."))
    else:
        try:
            services.application_decide(
                application=item,
                decision=form.cleaned_data["decision"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(
                request,
                _("%(name)s : %(decision)s.") % {"name": item.name, "decision": item.get_decision_display().lower()},
            )
    return redirect(reverse("calls:results", kwargs={"pk": call.pk}) + f"#app-{item.pk}")


@login_required
@require_POST
def send_outcomes(request, pk: int):
    call = selectors.call_for_admin(user=request.user, pk=pk)
    try:
        sent = services.call_send_outcomes(call=call, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Les résultats sont envoyés à %(n)d candidat(s).") % {"n": sent})
    return redirect("calls:results", pk=call.pk)


@login_required
@require_GET
def results_csv(request, pk: int):
    """Spreadsheet-friendly export: UTF-8 with a BOM (Excel reads the accents) and semicolons."""
    call = selectors.call_for_admin(user=request.user, pk=pk)
    criteria, rows = selectors.call_results(call=call)
    stamp = timezone.localdate().isoformat()
    response, writer = exports.csv_response(f"appel-{call.pk}-resultats-{stamp}.csv")
    writer.writerow(
        [
            _("Rang"),
            _("Numéro"),
            _("Candidat"),
            _("Nature"),
            _("Territoire"),
            _("Note /100"),
            *[f"{c.label} (×{c.weight}, /{c.max_score})" for c in criteria],
            _("Évaluations complètes"),
            _("Évaluations incomplètes"),
            _("Conflits d’intérêts"),
            _("Décision"),
            _("Note sur la décision"),
        ]
    )
    for row in rows:
        a, r = row.application, row.result
        writer.writerow(
            [
                r.rank or "",
                a.reference,
                a.name,
                a.get_kind_display(),
                a.territory,
                _number(r.mean),
                *[_number(r.per_criterion.get(c.pk)) for c in criteria],
                r.complete_reviews,
                r.incomplete_reviews,
                r.conflicts,
                a.get_decision_display(),
                a.decision_note,
            ]
        )
    return response


def _number(value) -> str:
    # French spreadsheets read a decimal comma.
    return "" if value is None else str(value).replace(".", ",")
