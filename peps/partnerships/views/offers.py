"""Offers of structures and people: create, edit, an offer's page with the needs it could
serve, and proposing help to several of them at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view
from peps.projects.selectors import structures_represented_by

from .. import reach, selectors, services
from ..forms import OfferForm
from ..matching_adapter import suggestable_needs
from ..models import Need
from . import sides


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


def _needs_to_propose_to(*, user, pole) -> QuerySet[Need]:
    visible = selectors.needs_visible_to(user=user, pole=pole)
    return suggestable_needs(pole).filter(project__isnull=False, pk__in=visible.values("pk"))


OFFERS = sides.Side(
    name="offer",
    form_class=OfferForm,
    for_viewer=selectors.offer_for_viewer,
    update=lambda offer, **kwargs: services.offer_update(offer=offer, **kwargs),
    propose=lambda offer, needs, **kwargs: services.partnership_propose_for_offer(offer=offer, needs=needs, **kwargs),
    suggestions=lambda offer, **kwargs: selectors.suggestions_for_offer(offer=offer, **kwargs),
    recipients=reach.recipients_for_needs,
    counterpart=lambda suggestion: suggestion.need,
    propose_choices=_needs_to_propose_to,
    propose_label=_lazy("Besoins auxquels proposer votre aide"),
    updated=_lazy("L’offre est mise à jour."),
)


@require_GET
@pole_view
def offer_detail(request, pk: int):
    return sides.detail(request, OFFERS, pk)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def offer_edit(request, pk: int):
    return sides.edit(request, OFFERS, pk)


@login_required
@require_POST
@pole_view
def offer_propose(request, pk: int):
    return sides.propose(request, OFFERS, pk)
