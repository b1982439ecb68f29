"""A project's or a structure's needs: create, edit, a need's page with its suggested
partners, and proposing partnerships to several of them at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import can, require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view
from peps.directory.selectors import structure_for_page
from peps.projects.selectors import project_for_viewer

from .. import reach, selectors, services
from ..forms import NeedForm, ProposeForm
from ..matching_adapter import suggestable_offers
from ..models import Need


def _save_need(request, form, **owner):
    """Run the service; a rule it enforces is shown on the form, never as a 500."""
    try:
        return services.need_create(pole=request.pole, by=request.user, data=form.cleaned_data, **owner)
    except ValidationError as error:
        apply_validation_error(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def need_create_for_project(request, project_pk: int):
    project = project_for_viewer(user=request.user, pole=request.pole, pk=project_pk)
    require(request.user, "partnerships.add_project_need", project)
    form = NeedForm(request.POST or None, initial={"commune": project.commune, "reach": "around"})
    if request.method == "POST" and form.is_valid():
        need = _save_need(request, form, project=project)
        if need is not None:
            messages.success(request, _("Le besoin est publié. Voici les partenaires qui pourraient y répondre."))
            return redirect(need.get_absolute_url())
    return render(request, "partnerships/need_form.html", {"form": form, "project": project})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def need_create_for_structure(request, slug: str):
    structure = structure_for_page(pole=request.pole, slug=slug, user=request.user)
    require(request.user, "partnerships.add_structure_need", structure)
    form = NeedForm(request.POST or None, initial={"commune": structure.commune, "reach": "around"})
    if request.method == "POST" and form.is_valid():
        need = _save_need(request, form, structure=structure)
        if need is not None:
            messages.success(request, _("Le besoin de la structure est publié."))
            return redirect(need.get_absolute_url())
    return render(request, "partnerships/need_form.html", {"form": form, "structure": structure})


@require_GET
@pole_view
def project_needs(request, project_pk: int):
    project = project_for_viewer(user=request.user, pole=request.pole, pk=project_pk)
    context = {
        "project": project,
        "needs": selectors.project_needs(project=project),
        "can_add": can(request.user, "partnerships.add_project_need", project),
    }
    return render(request, "partnerships/project_needs.html", context)


def _propose_form(request, need: Need, data=None) -> ProposeForm:
    visible = selectors.offers_visible_to(user=request.user, pole=request.pole)
    choices = suggestable_offers(request.pole).filter(pk__in=visible.values("pk"))
    return ProposeForm(data, choices_queryset=choices, field_label=_("Partenaires à qui proposer"))


def need_context(request, need: Need, propose_form=None) -> dict:
    can_change = can(request.user, "partnerships.change_need", need)
    context = {"need": need, "can_change": can_change}
    if can_change:
        context["suggestions"] = suggestions = selectors.suggestions_for_need(need=need, user=request.user)
        # Before proposing, say who will receive it (a person, the structure's e-mail, the coordination).
        recipients = reach.recipients_for_offers([s.offer for s in suggestions], pole=need.pole)
        for suggestion in suggestions:
            suggestion.recipient = recipients.get(suggestion.offer.pk)
        context["propose_form"] = propose_form or _propose_form(request, need)
        context["partnerships"] = selectors.with_partnership_row(need.partnerships.all()).order_by("-created_at")[:50]
    return context


@require_GET
@pole_view
def need_detail(request, pk: int):
    need = selectors.need_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "partnerships/need_detail.html", need_context(request, need))


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def need_edit(request, pk: int):
    need = selectors.need_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.change_need", need)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le besoin est mis à jour."))
            return redirect(need.get_absolute_url())
    return render(request, "partnerships/need_form.html", {"form": form, "need": need, "editing": True})


@login_required
@require_POST
@pole_view
def need_propose(request, pk: int):
    need = selectors.need_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.change_need", need)
    form = _propose_form(request, need, request.POST)
    if form.is_valid():
        try:
            created, existing = services.partnership_propose_for_need(
                need=need,
                offers=list(form.cleaned_data["targets"]),
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            tell_outcome(request, created, existing)
            return redirect(need.get_absolute_url())
    return render(request, "partnerships/need_detail.html", need_context(request, need, propose_form=form))


def tell_outcome(request, created: list, existing: list) -> None:
    if created:
        messages.success(
            request,
            _("Partenariat proposé : %(names)s. Vous serez prévenu·e de la réponse.")
            % {"names": ", ".join(p.partner_name if not p.proposed_by_partner else p.project.title for p in created)},
        )
    for partnership in existing:
        messages.info(
            request,
            _(
                "Un partenariat entre « %(project)s » et %(partner)s existe déjà : il n’a pas été proposé une deuxième fois."
            )
            % {"project": partnership.project.title, "partner": partnership.partner_name},
        )
