"""Claims to represent a structure: asking (anyone signed in) and deciding (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from peps.core.access import require
from peps.core.forms import refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import services
from ..forms import ClaimForm, DecisionForm
from ..models import Representative, RepresentativeStatus
from ..selectors import pending_claims, structure_for_page

ALREADY = {
    RepresentativeStatus.PENDING: gettext_lazy(
        "Vous avez déjà demandé à représenter cette structure : la coordination du pôle examine votre demande."
    ),
    RepresentativeStatus.APPROVED: gettext_lazy("Vous représentez déjà cette structure."),
    RepresentativeStatus.REFUSED: gettext_lazy(
        "Votre demande pour cette structure a déjà été examinée. Contactez la coordination du pôle pour en reparler."
    ),
}


@login_required
@pole_view
def claim(request, slug: str):
    pole = request.pole
    structure = structure_for_page(pole=pole, slug=slug, user=request.user)
    existing = Representative.objects.filter(structure=structure, person=request.user).first()
    if existing is not None:
        messages.info(request, str(ALREADY[existing.status]))
        return redirect("directory:structure", pole=pole.slug, slug=structure.slug)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        new_claim, created = services.representative_claim(
            structure=structure,
            by=request.user,
            message=form.cleaned_data["message"],
            title=form.cleaned_data["title"],
        )
        if created:
            messages.success(
                request, _("Votre demande est envoyée à la coordination du pôle, qui vous répondra par e-mail.")
            )
        else:  # a double submission raced the check above
            messages.info(request, str(ALREADY[new_claim.status]))
        return redirect("directory:structure", pole=pole.slug, slug=structure.slug)
    return render(request, "directory/claim.html", {"pole": pole, "structure": structure, "form": form})


def _require_reviewer(request) -> None:
    # People outside the pole learn nothing of its claims (404); its members are refused (403).
    require(request.user, "directory.review_claims", request.pole, hide=not request.is_member)


@login_required
@pole_view
def claims(request):
    _require_reviewer(request)
    page = paginate(pending_claims(pole=request.pole), request)
    return render(request, "directory/claims.html", {"pole": request.pole, "page": page})


@require_POST
@login_required
@pole_view
def claim_decide(request, pk: int):
    _require_reviewer(request)
    representative = get_object_or_404(Representative, pk=pk, structure__pole=request.pole)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez d’accepter ou de refuser la demande."))
        return redirect("directory:claims", pole=request.pole.slug)
    approve = form.cleaned_data["decision"] == "approve"
    try:
        decided = services.representative_decide(representative=representative, by=request.user, approve=approve)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        template = (
            _("%(person)s représente désormais « %(structure)s ».")
            if approve
            else _("La demande de %(person)s pour « %(structure)s » est refusée.")
        )
        messages.success(
            request, template % {"person": decided.person.public_name, "structure": decided.structure.name}
        )
    return redirect("directory:claims", pole=request.pole.slug)
