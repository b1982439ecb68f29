"""Moderation: reporting a message, the moderators' queue (reports and appeals), hiding or
dismissing, the author's single appeal, and the log of everything done."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import AppealDecisionForm, AppealForm, ModerateForm, ReportForm

QUEUE_LIMIT = 50


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def report(request, kind: str, pk: int):
    target = selectors.target_for_viewer(user=request.user, pole=request.pole, kind=kind, pk=pk)
    back = services.moderated_url(target)
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_create(target=target, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error, field="reason")
        else:
            messages.success(request, _("Merci : le message est signalé à l’équipe de modération du pôle."))
            return redirect(back)
    return render(request, "deliberation/report.html", {"form": form, "target": target, "back": back})


@login_required
@require_GET
@pole_view
def queue(request):
    require(request.user, "deliberation.moderate", request.pole)
    reports = list(selectors.open_reports(pole=request.pole)[:QUEUE_LIMIT])
    appeals = list(selectors.pending_appeals(pole=request.pole)[:QUEUE_LIMIT])
    # One form per row, prefixed, so every input has its own id and label.
    for row in reports:
        row.form = ModerateForm(prefix=f"report-{row.pk}")
    for row in appeals:
        row.form = AppealDecisionForm(prefix=f"appeal-{row.pk}")
    context = {"reports": reports, "appeals": appeals, "queue_limit": QUEUE_LIMIT}
    return render(request, "deliberation/moderation.html", context)


@login_required
@require_POST
@pole_view
def report_decide(request, pk: int):
    require(request.user, "deliberation.moderate", request.pole)
    report = selectors.report_for_moderator(pole=request.pole, pk=pk)
    form = ModerateForm(request.POST, prefix=f"report-{report.pk}")
    if form.is_valid():
        try:
            if form.cleaned_data["action"] == "hide":
                services.message_hide(target=report.target, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Le message est masqué ; son auteur voit le motif."))
            else:
                services.report_dismiss(report=report, by=request.user, reason=form.cleaned_data["reason"])
                messages.success(request, _("Le signalement est écarté ; le message reste visible."))
        except ValidationError as error:
            apply_validation_error(form, error, field="reason")
        else:
            return redirect("deliberation:moderation", pole=request.pole.slug)
    context = {"report": report, "form": form}
    return render(request, "deliberation/report_decide.html", context, status=200)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def appeal(request, kind: str, pk: int):
    target = selectors.target_for_viewer(user=request.user, pole=request.pole, kind=kind, pk=pk)
    if not request.user.has_perm("deliberation.appeal", target):
        raise PermissionDenied
    back = services.moderated_url(target)
    already = selectors.has_appealed(target)
    form = AppealForm(request.POST or None)
    if request.method == "POST" and not already and form.is_valid():
        try:
            services.appeal_submit(target=target, by=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            apply_validation_error(form, error, field="text")
        else:
            messages.success(request, _("Votre appel est transmis : un modérateur va le trancher."))
            return redirect(back)
    context = {"form": form, "target": target, "back": back, "already": already}
    return render(request, "deliberation/appeal.html", context)


@login_required
@require_POST
@pole_view
def appeal_decide(request, pk: int):
    require(request.user, "deliberation.moderate", request.pole)
    appeal = selectors.appeal_for_moderator(pole=request.pole, pk=pk)
    form = AppealDecisionForm(request.POST, prefix=f"appeal-{appeal.pk}")
    if form.is_valid():
        try:
            services.appeal_decide(
                appeal=appeal,
                by=request.user,
                grant=form.cleaned_data["decision"] == "grant",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’appel est tranché ; son auteur est prévenu."))
            return redirect("deliberation:moderation", pole=request.pole.slug)
    return render(request, "deliberation/appeal_decide.html", {"appeal": appeal, "form": form})


@login_required
@require_GET
@pole_view
def log(request):
    require(request.user, "deliberation.moderate", request.pole)
    page = paginate(selectors.moderation_log(pole=request.pole), request, per_page=50)
    return render(request, "deliberation/moderation_log.html", {"page": page})
