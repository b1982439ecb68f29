"""The decisions register: searchable, filterable by body and year, paginated, and exported
as CSV (UTF-8 with BOM and semicolons, so that spreadsheet software opens it as is)."""

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from peps.core import exports
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors
from ..forms import DecisionFilterForm

CSV_LIMIT = 20_000


def _filtered(request):
    bodies = selectors.bodies_visible_to(user=request.user, pole=request.pole)
    form = DecisionFilterForm(request.GET or None, bodies=bodies)
    filters = form.filters() if form.is_bound else {}
    return form, filters, selectors.decisions_visible_to(user=request.user, pole=request.pole, filters=filters)


@require_GET
@pole_view
def decision_list(request):
    form, filters, decisions = _filtered(request)
    context = {"form": form, "page": paginate(decisions, request), "filtered": bool(filters)}
    template = "governance/_decision_results.html" if request.htmx else "governance/decisions.html"
    return render(request, template, context)


@require_GET
@pole_view
def decision_csv(request):
    _form, _filters, decisions = _filtered(request)
    response, writer = exports.csv_response(f"decisions-{request.pole.slug}.csv")
    writer.writerow(
        [_("Numéro"), _("Date"), _("Instance"), _("Intitulé"), _("Texte"), _("Résultat du vote"), _("Compte rendu")]
    )
    for decision in decisions[:CSV_LIMIT]:
        minutes = request.build_absolute_uri(decision.meeting.get_absolute_url()) if decision.meeting_id else ""
        writer.writerow(
            [
                decision.number,
                decision.decided_on.isoformat(),
                decision.body.name if decision.body_id else _("Tous les membres"),
                decision.title,
                decision.text,
                decision.result,
                minutes,
            ]
        )
    return response
