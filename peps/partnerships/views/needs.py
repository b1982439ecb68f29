"""A project's or a structure's needs: create, edit, a need's page with its suggested
partners, and proposing partnerships to several of them at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import can, require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view
from peps.directory.selectors import structure_for_page
from peps.projects.selectors import project_for_viewer

from .. import reach, selectors, services
from ..forms import NeedForm
from ..matching_adapter import suggestable_offers
from ..models import Offer
from . import sides


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


def _offers_to_propose_to(*, user, pole) -> QuerySet[Offer]:
    visible = selectors.offers_visible_to(user=user, pole=pole)
    return suggestable_offers(pole).filter(pk__in=visible.values("pk"))


NEEDS = sides.Side(
    name="need",
    form_class=NeedForm,
    for_viewer=selectors.need_for_viewer,
    update=lambda need, **kwargs: services.need_update(need=need, **kwargs),
    propose=lambda need, offers, **kwargs: services.partnership_propose_for_need(need=need, offers=offers, **kwargs),
    suggestions=lambda need, **kwargs: selectors.suggestions_for_need(need=need, **kwargs),
    recipients=reach.recipients_for_offers,
    counterpart=lambda suggestion: suggestion.offer,
    propose_choices=_offers_to_propose_to,
    propose_label=_lazy("Partenaires à qui proposer"),
    updated=_lazy("Le besoin est mis à jour."),
)


@require_GET
@pole_view
def need_detail(request, pk: int):
    return sides.detail(request, NEEDS, pk)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def need_edit(request, pk: int):
    return sides.edit(request, NEEDS, pk)


@login_required
@require_POST
@pole_view
def need_propose(request, pk: int):
    return sides.propose(request, NEEDS, pk)
