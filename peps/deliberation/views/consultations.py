"""Consultations: the list, a consultation's page with its proposals, submitting and
supporting proposals within the dates, the coordinator's answer, and proposal → project."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import AnswerForm, ConsultationForm, ProposalForm, ToProjectForm
from ..models import ProposalStatus


@require_GET
@pole_view
def consultation_list(request):
    consultations = selectors.consultations_visible_to(user=request.user, pole=request.pole)
    context = {
        "page": paginate(consultations, request),
        "can_manage": request.user.has_perm("deliberation.manage_consultation", request.pole),
    }
    return render(request, "deliberation/consultations.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def consultation_create(request):
    require(request.user, "deliberation.manage_consultation", request.pole)
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(pole=request.pole, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La consultation est créée."))
            return redirect(consultation.get_absolute_url())
    return render(request, "deliberation/consultation_form.html", {"form": form})


@require_GET
@pole_view
def consultation_detail(request, pk: int):
    consultation = selectors.consultation_for_viewer(user=request.user, pole=request.pole, pk=pk)
    status = request.GET.get("statut", "")
    status = status if status in ProposalStatus.values else ""
    proposals = selectors.consultation_proposals(consultation=consultation, user=request.user, status=status)
    page = paginate(proposals, request)
    context = {
        "consultation": consultation,
        "page": page,
        "status": status,
        "statuses": ProposalStatus.choices,
        "window_error": services.window_error(consultation),
        "can_participate": request.user.has_perm("deliberation.participate", consultation),
        "is_following": getattr(consultation, "is_following", False),
    }
    template = "deliberation/_proposals.html" if request.htmx else "deliberation/consultation.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def proposal_add(request, pk: int):
    consultation = selectors.consultation_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.participate", consultation)
    window_error = services.window_error(consultation)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_submit(consultation=consultation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error, field=None if error.code == "window" else "body")
        else:
            messages.success(request, _("Merci ! Votre proposition est publiée."))
            return redirect(proposal.get_absolute_url())
    context = {"consultation": consultation, "form": form, "window_error": window_error}
    return render(request, "deliberation/proposal_form.html", context)


def proposal_context(request, proposal, **forms) -> dict:
    user = request.user
    consultation = proposal.consultation
    can_manage = user.has_perm("deliberation.manage_consultation", consultation)
    context = {
        "proposal": proposal,
        "consultation": consultation,
        "can_participate": user.has_perm("deliberation.participate", consultation),
        "window_error": services.window_error(consultation),
        "can_manage": can_manage,
        "is_supporting": getattr(proposal, "is_supporting", False),
    }
    if can_manage:
        context["answer_form"] = forms.get("answer_form") or AnswerForm(
            prefix="answer", initial={"status": proposal.status, "answer": proposal.answer}
        )
        context["project_form"] = forms.get("project_form") or ToProjectForm(prefix="project")
    return context


@require_GET
@pole_view
def proposal_detail(request, pk: int):
    proposal = selectors.proposal_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "deliberation/proposal.html", proposal_context(request, proposal))


@login_required
@require_POST
@pole_view
def proposal_support(request, pk: int):
    proposal = selectors.proposal_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.participate", proposal.consultation)
    error = ""
    try:
        if request.POST.get("action") == "remove":
            services.proposal_unsupport(proposal=proposal, person=request.user)
            proposal.is_supporting = False
        else:
            services.proposal_support(proposal=proposal, person=request.user)
            proposal.is_supporting = True
    except ValidationError as exc:
        error = refusal_text(exc)
    if request.htmx:
        context = {"proposal": proposal, "is_supporting": proposal.is_supporting, "support_error": error}
        context["can_participate"] = True
        context["window_error"] = services.window_error(proposal.consultation)
        return render(request, "deliberation/_support.html", context)
    if error:
        messages.error(request, error)
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
@pole_view
def proposal_answer(request, pk: int):
    proposal = selectors.proposal_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.manage_consultation", proposal.consultation)
    form = AnswerForm(request.POST, prefix="answer")
    if form.is_valid():
        try:
            services.proposal_answer(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error, field="answer" if error.code == "answer_required" else None)
        else:
            messages.success(request, _("La réponse est publiée."))
            return redirect(proposal.get_absolute_url())
    return render(request, "deliberation/proposal.html", proposal_context(request, proposal, answer_form=form))


@login_required
@require_POST
@pole_view
def proposal_to_project(request, pk: int):
    proposal = selectors.proposal_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.manage_consultation", proposal.consultation)
    form = ToProjectForm(request.POST, prefix="project")
    if form.is_valid():
        try:
            project = services.proposal_to_project(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La proposition devient un projet, porté par son auteur."))
            return redirect(project.get_absolute_url())
    return render(request, "deliberation/proposal.html", proposal_context(request, proposal, project_form=form))


@login_required
@require_POST
@pole_view
def consultation_follow(request, pk: int):
    consultation = selectors.consultation_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "deliberation.follow", consultation)
    if request.POST.get("action") == "remove":
        services.follow_remove(target=consultation, person=request.user)
        following = False
    else:
        services.follow_add(target=consultation, person=request.user)
        following = True
    if request.htmx:
        context = {
            "target": consultation,
            "is_following": following,
            "follow_url_name": "deliberation:consultation_follow",
        }
        return render(request, "deliberation/_follow.html", context)
    return redirect(consultation.get_absolute_url())
