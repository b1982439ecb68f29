"""Network pages of the campaigns (/reseau/campagnes/): the administrators' list, creating,
editing, opening and closing a campaign, following the invited poles, reopening an answer;
and the results page (aggregates only) with its charts and exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate

from .. import charts, exports, selectors, services
from ..forms import CampaignForm, ReopenForm
from ..models import Answer, AnswerStatus, Campaign, CampaignStatus


def _campaign(pk: int) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("version__referential"), pk=pk)


@login_required
@require_GET
def campaign_list(request):
    require(request.user, "assessment.manage_campaigns")
    campaigns = selectors.campaigns_for_network().annotate(
        invited_count=Count("invited_poles", distinct=True),
        submitted_count=Count("answers", filter=Q(answers__status=AnswerStatus.SUBMITTED), distinct=True),
    )
    return render(request, "assessment/campaign_list.html", {"page": paginate(campaigns, request)})


def _save_form(request, campaign: Campaign | None):
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        try:
            if campaign is None:
                campaign = services.campaign_create(by=request.user, poles=form.poles(), **fields)
            else:
                campaign.refresh_from_db()
                campaign = services.campaign_update(campaign=campaign, by=request.user, poles=form.poles(), **fields)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La campagne est enregistrée."))
            return redirect(campaign.get_absolute_url())
    return render(request, "assessment/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
@require_http_methods(["GET", "POST"])
def campaign_create(request):
    require(request.user, "assessment.manage_campaigns")
    return _save_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def campaign_edit(request, pk: int):
    require(request.user, "assessment.manage_campaigns")
    return _save_form(request, _campaign(pk))


@login_required
@require_GET
def campaign_detail(request, pk: int):
    require(request.user, "assessment.manage_campaigns")
    campaign = _campaign(pk)
    poles = selectors.campaign_poles(campaign)
    submitted = sum(1 for row in poles if row.answer_status == AnswerStatus.SUBMITTED)
    context = {
        "campaign": campaign,
        "poles": poles,
        "submitted": submitted,
        "drafts": sum(1 for row in poles if row.answer_status == AnswerStatus.DRAFT),
        "rate": selectors.maths.response_rate(len(poles), submitted),
        "events": campaign.events.select_related("by"),
    }
    return render(request, "assessment/campaign_detail.html", context)


def _transition(request, pk: int, service, done: str):
    require(request.user, "assessment.manage_campaigns")
    campaign = _campaign(pk)
    try:
        service(campaign=campaign, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, done)
    return redirect(campaign.get_absolute_url())


@login_required
@require_POST
def campaign_open(request, pk: int):
    return _transition(
        request, pk, services.campaign_open, _("La campagne est ouverte ; sa version du référentiel est figée.")
    )


@login_required
@require_POST
def campaign_close(request, pk: int):
    return _transition(request, pk, services.campaign_close, _("La campagne est clôturée."))


@login_required
@require_http_methods(["GET", "POST"])
def answer_reopen(request, pk: int, answer_pk: int):
    require(request.user, "assessment.reopen_answer")
    campaign = _campaign(pk)
    answer = get_object_or_404(Answer.objects.select_related("pole", "campaign"), pk=answer_pk, campaign=campaign)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_reopen(answer=answer, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La réponse de %(pole)s est rouverte.") % {"pole": answer.pole.name})
            return redirect(campaign.get_absolute_url())
    history = answer.events.select_related("by")
    return render(
        request,
        "assessment/answer_reopen.html",
        {"campaign": campaign, "answer": answer, "form": form, "history": history},
    )


# --- Results (aggregates) -----------------------------------------------------------------


def _results_campaign(request, pk: int) -> Campaign:
    """The campaign if the viewer may see its aggregates; anonymous visitors are sent to the
    login page, others learn nothing (404)."""
    campaign = selectors.results_campaign(pk)
    if campaign is None:
        raise Http404
    allowed = request.user.has_perm("assessment.view_results", campaign)
    if campaign.status == CampaignStatus.DRAFT and not request.user.has_perm("assessment.manage_campaigns"):
        allowed = False
    if not allowed:
        if not request.user.is_authenticated:
            raise _LoginNeeded
        raise Http404
    return campaign


class _LoginNeeded(Exception):
    pass


def results_view(view):
    """Resolve the campaign and its results once, with the visibility rule above."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, pk: int, *args, **kwargs):
        try:
            campaign = _results_campaign(request, pk)
        except _LoginNeeded:
            return redirect_to_login(request.get_full_path())
        return view(request, selectors.campaign_results(campaign), *args, **kwargs)

    return wrapped


@require_GET
@results_view
def results(request, results: dict):
    campaign = results["campaign"]
    top_rows = [row for group in results["top"] for row in group["rows"]]
    context = {
        **results,
        "bars": charts.bars(top_rows, respondents=results["submitted"]),
        "radar": charts.radar(results["objectives"], with_pole=False),
        "public_answers": selectors.public_answers(campaign),
        "is_admin": request.user.has_perm("assessment.manage_campaigns"),
    }
    return render(request, "assessment/results.html", context)


@require_GET
@results_view
def ranking_svg(request, results: dict):
    top_rows = [row for group in results["top"] for row in group["rows"]]
    context = {**results, "bars": charts.bars(top_rows, respondents=results["submitted"]), "standalone": True}
    return exports.svg_response("assessment/charts/bars.svg", context, f"classement-campagne-{results['campaign'].pk}")


@require_GET
@results_view
def network_radar_svg(request, results: dict):
    context = {**results, "radar": charts.radar(results["objectives"], with_pole=False), "standalone": True}
    return exports.svg_response(
        "assessment/charts/radar.svg", context, f"profil-reseau-campagne-{results['campaign'].pk}"
    )


@require_GET
@results_view
def results_csv(request, results: dict):
    table = "objectifs" if request.GET.get("tableau") == "objectifs" else "classement"
    return exports.csv_response(results, table)


@require_GET
@results_view
def results_xlsx(request, results: dict):
    return exports.xlsx_response(results)
