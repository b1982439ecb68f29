"""The coordinators' dashboard: partnerships formed per month, needs left without answer,
pooling opportunities, and opening a collective project from one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peps.core.access import require
from peps.core.forms import refusal_text
from peps.core.tenancy import pole_view

from .. import reach, selectors, services
from ..forms import PoolingForm
from ..forms_reach import DelaysForm, RelayForm


def _require_coordination(request) -> None:
    # Someone outside the pole learns nothing (404); a member is told no (403).
    require(request.user, "partnerships.view_dashboard", request.pole, hide=not request.is_member)


@login_required
@require_GET
@pole_view
def dashboard(request):
    _require_coordination(request)
    pole = request.pole
    months = selectors.partnerships_per_month(pole=pole)
    delays = reach.delays_of(pole)
    context = {
        "months": months,
        "months_total": sum(month["count"] for month in months),
        "stale_needs": selectors.stale_needs(pole=pole),
        "opportunities": selectors.pooling_for_pole(pole=pole),
        "stalled": reach.stalled_partnerships(pole=pole, delays=delays),
        "delays": delays,
        "relay_form": RelayForm(),
        "delays_form": DelaysForm(initial={"reminder_days": delays.reminder_days, "expiry_days": delays.expiry_days}),
    }
    return render(request, "partnerships/dashboard.html", context)


@login_required
@require_POST
@pole_view
def pooling_open(request):
    _require_coordination(request)
    form = PoolingForm(request.POST, pole=request.pole)
    if not form.is_valid():
        messages.error(request, _("Ces besoins ne sont plus disponibles : rechargez le tableau de bord."))
        return redirect("partnerships:dashboard", pole=request.pole.slug)
    try:
        project = services.pooling_open_project(
            pole=request.pole, by=request.user, needs=list(form.cleaned_data["needs"])
        )
    except ValidationError as error:
        messages.error(request, refusal_text(error))
        return redirect("partnerships:dashboard", pole=request.pole.slug)
    messages.success(request, _("Le projet collectif est ouvert ; les besoins y sont rattachés."))
    return redirect(project.get_absolute_url())
