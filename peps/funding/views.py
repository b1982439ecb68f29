"""Pages of the pole's funding: the mix year by year and one year's lines. The board reads
them, the coordination and the pole's administration edit; other members get 403 and people
outside the pole 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from . import charts, selectors, services
from .forms import FundingLineForm, YearRangeForm


def _require_reader(request) -> None:
    require(request.user, "funding.view_funding", request.pole, hide=not request.is_member)


def _require_editor(request) -> None:
    _require_reader(request)
    require(request.user, "funding.manage_funding", request.pole)


def _can_edit(request) -> bool:
    return request.user.has_perm("funding.manage_funding", request.pole)


@login_required
@require_GET
@pole_view
def overview(request):
    _require_reader(request)
    form = YearRangeForm(request.GET or None)
    first, last = form.years(selectors.funding_years(request.pole))
    if not form.is_bound:
        form = YearRangeForm(initial={"de": first, "a": last})
    years = selectors.funding_summary(request.pole, first, last)
    context = {
        "form": form,
        "years": years,
        "kind_labels": [label for label, _amount in years[0]["by_kind"]] if years else [],
        "chart": charts.public_share_chart(years),
        "can_edit": _can_edit(request),
        "this_year": timezone.localdate().year,
    }
    return render(request, "funding/overview.html", context)


@login_required
@require_GET
@pole_view
def year_detail(request, year: int):
    _require_reader(request)
    if not 1990 <= year <= 2100:
        raise Http404
    summary = selectors.funding_summary(request.pole, year, year)[0]
    context = {
        "year": year,
        "summary": summary,
        "lines": selectors.lines_of_year(pole=request.pole, year=year),
        "fees": selectors.fees_detail(pole=request.pole, year=year),
        "chart": charts.mix_chart(summary["by_kind"], summary["total"]),
        "can_edit": _can_edit(request),
    }
    return render(request, "funding/year.html", context)


def _save(form, save) -> bool:
    try:
        save()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def line_add(request):
    _require_editor(request)
    raw_year = request.GET.get("annee", "")
    year = int(raw_year) if raw_year.isdigit() and 1990 <= int(raw_year) <= 2100 else timezone.localdate().year
    form = FundingLineForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.funding_line_create(pole=request.pole, by=request.user, **data)):
            messages.success(request, _("La ligne de financement est enregistrée."))
            return redirect("funding:year", pole=request.pole.slug, year=data["year"])
    return render(request, "funding/line_form.html", {"form": form, "line": None, "year": year})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def line_edit(request, pk: int):
    _require_editor(request)
    line = selectors.line_for_editor(pole=request.pole, pk=pk)
    year = line.year
    # The form validates on a copy: a ModelForm writes what was typed onto its instance, and
    # the service must start from the stored line.
    form = FundingLineForm(request.POST or None, instance=selectors.line_for_editor(pole=request.pole, pk=pk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _save(form, lambda: services.funding_line_update(line=line, by=request.user, **data)):
            messages.success(request, _("La ligne de financement est mise à jour."))
            return redirect("funding:year", pole=request.pole.slug, year=line.year)
    return render(request, "funding/line_form.html", {"form": form, "line": line, "year": year})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def line_delete(request, pk: int):
    _require_editor(request)
    line = selectors.line_for_editor(pole=request.pole, pk=pk)
    if request.method == "POST":
        services.funding_line_delete(line=line, by=request.user)
        messages.success(request, _("La ligne de financement est supprimée."))
        return redirect("funding:year", pole=request.pole.slug, year=line.year)
    return render(request, "funding/line_delete.html", {"line": line})
