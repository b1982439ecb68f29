"""Joining a pole: a signed-in person asks, in their own name or for a structure."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from ..forms import JoinForm
from ..models import Membership, MembershipStatus
from ..services import membership_request


def _structures_to_join(user, pole):
    """Structures of this pole the person represents and that are not (yet) members."""
    from peps.directory.models import RepresentativeStatus, Structure

    return (
        Structure.objects.filter(
            pole=pole,
            representatives__person=user,
            representatives__status=RepresentativeStatus.APPROVED,
        )
        .exclude(
            memberships__pole=pole,
            memberships__status__in=[MembershipStatus.ACTIVE, MembershipStatus.PENDING],
        )
        .only("pk", "name")
        .order_by("name")
    )


@login_required
@pole_view
def join(request):
    pole = request.pole
    own = Membership.objects.filter(pole=pole, person=request.user).only("status").first()
    structures = _structures_to_join(request.user, pole)
    form = JoinForm(request.POST or None, pole=pole, structures=structures)
    if request.method == "POST" and form.is_valid():
        structure = form.cleaned_data.get("structure")
        try:
            membership_request(
                pole=pole, person=request.user, college=form.cleaned_data["college"], structure=structure
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Votre demande d’adhésion est envoyée : la coordination du pôle va l’examiner."),
            )
            return redirect("poles:home", pole=pole.slug)
    context = {"pole": pole, "form": form, "own": own}
    return render(request, "poles/join.html", context)
