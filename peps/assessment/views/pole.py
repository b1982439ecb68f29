"""Pole pages of the self-assessment (/p/<pole>/autoevaluation/): the pole's campaigns, its
answer (questionnaire while a draft, read-only once submitted), making it public, and its
results: radar against the network and evolution since the previous campaign."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import charts, exports, selectors, services
from ..forms import AnswerForm, PublishForm
from ..models import Answer, Campaign, CampaignStatus


def _invited_campaign(pole, pk: int) -> Campaign:
    """A non-draft campaign the pole is invited to, else 404."""
    return get_object_or_404(
        Campaign.objects.select_related("version__referential").exclude(status=CampaignStatus.DRAFT),
        pk=pk,
        invited_poles=pole,
    )


def _answer_url(pole, campaign) -> str:
    return reverse("assessment_pole:answer", args=[pole.slug, campaign.pk])


@login_required
@require_GET
@pole_view
def campaign_list(request):
    if not request.is_member:
        raise Http404
    campaigns = list(selectors.campaigns_of_pole(request.pole))
    context = {"campaigns": campaigns, "can_answer": request.user.has_perm("assessment.answer", request.pole)}
    return render(request, "assessment/pole_campaigns.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def answer(request, pk: int):
    pole = request.pole
    campaign = _invited_campaign(pole, pk)
    current = Answer.objects.filter(campaign=campaign, pole=pole).first()
    can_answer = request.user.has_perm("assessment.answer", pole)
    if not (can_answer or (current and request.user.has_perm("assessment.view_answer", current))):
        raise Http404
    tree = selectors.version_tree(campaign.version)
    rows = {row.item_id: row for row in current.items.all()} if current else {}
    editable = can_answer and campaign.is_open and not (current and current.is_submitted)
    if request.method == "POST":
        if not editable:
            # Seen but closed to changes (submitted, campaign closed, or not a coordinator).
            raise PermissionDenied
        return _answer_post(request, campaign, current, tree, rows)
    form = AnswerForm(campaign=campaign, tree=tree, rows=rows) if editable else None
    return _render_answer(request, campaign, current, tree, rows, form)


def _answer_post(request, campaign, current, tree, rows):
    form = AnswerForm(request.POST, campaign=campaign, tree=tree, rows=rows)
    submit = request.POST.get("action") == "submit"
    if form.is_valid():
        try:
            answer = current or services.answer_get_or_start(campaign=campaign, pole=request.pole)
            if submit:
                services.answer_submit(answer=answer, by=request.user, values=form.values())
            else:
                services.answer_save(answer=answer, by=request.user, values=form.values())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if request.htmx:
                return render(request, "assessment/_autosave.html", {"saved_at": timezone.now(), "form": form})
            if submit:
                messages.success(request, _("Votre réponse est transmise au réseau. Merci !"))
            else:
                messages.success(request, _("Le brouillon est enregistré."))
            return redirect(_answer_url(request.pole, campaign))
    if request.htmx:
        return render(request, "assessment/_autosave.html", {"form": form})
    current = Answer.objects.filter(campaign=campaign, pole=request.pole).first()
    return _render_answer(request, campaign, current, tree, rows, form, status=400)


def _render_answer(request, campaign, current, tree, rows, form, status=200):
    context = {
        "campaign": campaign,
        "answer": current,
        "tree": tree,
        "form": form,
        "rows": rows,
        "can_publish": bool(
            current and current.is_submitted and request.user.has_perm("assessment.publish_answer", current)
        ),
        "can_view_results": bool(current and current.is_submitted),
        "history": current.events.select_related("by") if current and request.is_coordinator else [],
        "publish_form": PublishForm(initial={"public": current.public}) if current else None,
    }
    return render(request, "assessment/answer.html", context, status=status)


@login_required
@require_POST
@pole_view
def answer_publish(request, pk: int):
    campaign = _invited_campaign(request.pole, pk)
    current = get_object_or_404(Answer, campaign=campaign, pole=request.pole)
    if not request.user.has_perm("assessment.view_answer", current):
        raise Http404
    require(request.user, "assessment.publish_answer", current)
    form = PublishForm(request.POST)
    if form.is_valid():
        services.answer_set_public(answer=current, by=request.user, public=form.cleaned_data["public"])
        if current.public:
            messages.success(request, _("La réponse détaillée du pôle est désormais publique."))
        else:
            messages.success(request, _("La réponse détaillée du pôle n’est plus publique."))
    return redirect(_answer_url(request.pole, campaign))


def _pole_results(request, pk: int):
    """The pole's submitted answer and the campaign's results, if the viewer may see them."""
    campaign = selectors.invited_campaign(pole=request.pole, pk=pk)
    if campaign is None:
        raise Http404
    current = selectors.pole_answer(campaign=campaign, pole=request.pole)
    if current is None or not request.user.has_perm("assessment.view_answer", current):
        raise Http404
    if not current.is_submitted:
        raise Http404
    results = selectors.campaign_results(campaign)
    profile = selectors.pole_profile(results, request.pole.pk) or []
    return campaign, current, results, profile


@require_GET
@pole_view
def pole_results(request, pk: int):
    campaign, current, results, profile = _pole_results(request, pk)
    levels = selectors.answer_levels(current)
    context = {
        "campaign": campaign,
        "answer": current,
        "results": results,
        "profile": profile,
        "radar": charts.radar(profile),
        "summary": charts.radar_summary(profile),
        "evolution": selectors.pole_evolution(
            campaign=campaign, pole=request.pole, tree=results["tree"], levels=levels
        ),
        # A member of this (invited) pole may see the aggregates: no need to ask the rule.
        "can_see_network": request.is_member or request.user.has_perm("assessment.view_results", campaign),
    }
    return render(request, "assessment/pole_results.html", context)


@require_GET
@pole_view
def pole_radar_svg(request, pk: int):
    campaign, _current, results, profile = _pole_results(request, pk)
    context = {
        "campaign": campaign,
        "radar": charts.radar(profile),
        "objectives": profile,
        "pole": request.pole,
        "standalone": True,
    }
    return exports.svg_response(
        "assessment/charts/radar.svg", context, f"profil-{request.pole.slug}-campagne-{campaign.pk}"
    )
