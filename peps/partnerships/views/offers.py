"""Offers of structures and people: create, edit, an offer's page with the needs it could
serve, and proposing help to several of them at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import can, require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view
from peps.projects.selectors import structures_represented_by

from .. import reach, selectors, services
from ..forms import OfferForm, ProposeForm
from ..matching_adapter import suggestable_needs
from ..models import Offer
from .needs import tell_outcome


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def offer_create(request):
    structures = structures_represented_by(user=request.user, pole=request.pole)
    initial = {"reach": "around", "commune": request.user.commune_id and request.user.commune}
    chosen = request.GET.get("structure")
    if chosen and chosen.isdigit():
        initial["on_behalf"] = int(chosen)
    form = OfferForm(request.POST or None, initial=initial, user=request.user, structures=structures)
    if request.method == "POST" and form.is_valid():
        structure = form.cleaned_data.get("on_behalf")
        if structure is not None:
            # The choices are the structures represented; asked again so a rule is never skipped.
            require(request.user, "partnerships.add_structure_offer", structure)
        try:
            offer = services.offer_create(
                pole=request.pole, by=request.user, data=form.cleaned_data, structure=structure
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’offre est publiée. Voici les besoins auxquels elle pourrait répondre."))
            return redirect(offer.get_absolute_url())
    return render(request, "partnerships/offer_form.html", {"form": form})


def _propose_form(request, data=None) -> ProposeForm:
    visible = selectors.needs_visible_to(user=request.user, pole=request.pole)
    choices = suggestable_needs(request.pole).filter(project__isnull=False, pk__in=visible.values("pk"))
    return ProposeForm(data, choices_queryset=choices, field_label=_("Besoins auxquels proposer votre aide"))


def offer_context(request, offer: Offer, propose_form=None) -> dict:
    can_change = can(request.user, "partnerships.change_offer", offer)
    context = {"offer": offer, "can_change": can_change}
    if can_change:
        context["suggestions"] = suggestions = selectors.suggestions_for_offer(offer=offer, user=request.user)
        # Before proposing, say who will receive it: the project's holder, or the coordination.
        recipients = reach.recipients_for_needs([s.need for s in suggestions], pole=offer.pole)
        for suggestion in suggestions:
            suggestion.recipient = recipients.get(suggestion.need.pk)
        context["propose_form"] = propose_form or _propose_form(request)
        context["partnerships"] = selectors.with_partnership_row(offer.partnerships.all()).order_by("-created_at")[:50]
    return context


@require_GET
@pole_view
def offer_detail(request, pk: int):
    offer = selectors.offer_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "partnerships/offer_detail.html", offer_context(request, offer))


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def offer_edit(request, pk: int):
    offer = selectors.offer_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.change_offer", offer)
    form = OfferForm(request.POST or None, instance=offer)
    if request.method == "POST" and form.is_valid():
        try:
            services.offer_update(offer=offer, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("L’offre est mise à jour."))
            return redirect(offer.get_absolute_url())
    return render(request, "partnerships/offer_form.html", {"form": form, "offer": offer, "editing": True})


@login_required
@require_POST
@pole_view
def offer_propose(request, pk: int):
    offer = selectors.offer_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.change_offer", offer)
    form = _propose_form(request, request.POST)
    if form.is_valid():
        try:
            created, existing = services.partnership_propose_for_offer(
                offer=offer,
                needs=list(form.cleaned_data["targets"]),
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            tell_outcome(request, created, existing)
            return redirect(offer.get_absolute_url())
    return render(request, "partnerships/offer_detail.html", offer_context(request, offer, propose_form=form))
