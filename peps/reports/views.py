"""Pages of annual reports: the list, creating and editing a report, its page (the figures,
charts and appendices), generating the PDF with a polled progress, and the download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.tenancy import pole_view

from . import selectors, services
from .forms import ReportCreateForm, ReportForm
from .models import ReportStatus

LIST_LIMIT = 100


def _report(request, pk: int, *, manage: bool = False):
    report = selectors.report_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if manage:
        require(request.user, "reports.manage_report", report)
    return report


def _context(request, report) -> dict:
    return {
        "report": report,
        "snapshot": report.figures,
        "can_manage": request.user.has_perm("reports.manage_report", report),
    }


@login_required
@require_GET
@pole_view
def report_list(request):
    require(request.user, "reports.list_reports", request.pole, hide=True)
    reports = list(selectors.reports_visible_to(user=request.user, pole=request.pole)[: LIST_LIMIT + 1])
    context = {
        "reports": reports[:LIST_LIMIT],
        "truncated": len(reports) > LIST_LIMIT,
        "can_manage": request.user.has_perm("reports.manage_report", request.pole),
    }
    return render(request, "reports/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def report_create(request):
    require(request.user, "reports.list_reports", request.pole, hide=True)
    require(request.user, "reports.manage_report", request.pole)
    form = ReportCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_create(
                pole=request.pole, by=request.user, title=data["title"], start=data["start"], end=data["end"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le bilan est créé : ajoutez une introduction, puis créez le PDF."))
            return redirect(report.get_absolute_url())
    return render(request, "reports/form.html", {"form": form})


@login_required
@require_GET
@pole_view
def report_detail(request, pk: int):
    report = _report(request, pk)
    return render(request, "reports/detail.html", _context(request, report))


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def report_edit(request, pk: int):
    report = _report(request, pk, manage=True)
    form = ReportForm(request.POST or None, instance=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.report_update(
                report=selectors.report_for_viewer(user=request.user, pole=request.pole, pk=pk),
                title=data["title"],
                start=data["start"],
                end=data["end"],
                introduction=data["introduction"],
                highlights=data["highlights"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le bilan est enregistré."))
            return redirect(report.get_absolute_url())
    return render(request, "reports/form.html", {"form": form, "report": report})


@login_required
@require_POST
@pole_view
def report_refresh(request, pk: int):
    report = _report(request, pk, manage=True)
    try:
        services.report_recount(report=report)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Les chiffres sont recalculés."))
    return redirect(report.get_absolute_url())


@login_required
@require_POST
@pole_view
def report_generate(request, pk: int):
    report = _report(request, pk, manage=True)
    try:
        report = services.report_generate(report=report, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        if report.status == ReportStatus.READY:
            messages.success(request, _("Le PDF est prêt."))
        elif report.status == ReportStatus.GENERATING:
            messages.info(request, _("La création du PDF a commencé."))
    return redirect(report.get_absolute_url())


@login_required
@require_GET
@pole_view
def report_status(request, pk: int):
    """The status box, polled by htmx every 2 s while the PDF is being made. When it is done,
    the whole page reloads: its figures are the fresh snapshot the PDF was made from."""
    report = _report(request, pk)
    response = render(request, "reports/_status.html", _context(request, report))
    if request.htmx and request.GET.get("suivi") and not report.is_generating:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
@pole_view
def report_download(request, pk: int):
    report = _report(request, pk)
    if not report.is_ready:
        raise Http404
    try:
        handle = report.pdf.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    name = f"{slugify(report.pole.short_name or report.pole.name)}-{slugify(report.title) or 'bilan'}.pdf"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    return response
