"""The answer page of a structure reached by e-mail (a signed link, no account), and the
coordination's relay of proposals to structures that have no contact at all."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.tenancy import pole_view

from .. import reach, selectors
from ..forms_reach import DelaysForm, LinkAnswerForm, LinkQuestionForm, RelayForm
from ..models import Partnership, PartnershipStatus, ReachedVia


def _render(request, partnership, *, answer_form=None, question_form=None, status=200):
    context = {
        "partnership": partnership,
        "events": selectors.partnership_events(partnership=partnership),
        "answer_form": answer_form or LinkAnswerForm(prefix="answer"),
        "question_form": question_form or LinkQuestionForm(prefix="question"),
        "can_answer": partnership.status == PartnershipStatus.PROPOSED and partnership.reached_via == ReachedVia.EMAIL,
    }
    return render(request, "partnerships/answer_link.html", context, status=status)


@require_http_methods(["GET", "POST"])
@pole_view
def answer_link(request, token: str):
    # No login: whoever holds the signed link of the e-mail speaks for the structure.
    try:
        partnership = reach.partnership_from_token(token=token, pole=request.pole)
    except ValidationError as error:
        return render(request, "partnerships/answer_link_invalid.html", {"message": refusal_text(error)}, status=410)
    if request.method == "GET":
        return _render(request, partnership)
    if partnership.status != PartnershipStatus.PROPOSED:
        messages.info(request, _("Cette proposition a déjà reçu une réponse."))
        return redirect(request.path)
    if "question-message" in request.POST:
        form = LinkQuestionForm(request.POST, prefix="question")
        if form.is_valid():
            try:
                reach.partnership_question_by_link(
                    partnership=partnership, name=form.cleaned_data["name"], message=form.cleaned_data["message"]
                )
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, _("Votre question est transmise au projet. Sa réponse vous parviendra par e-mail.")
                )
                return redirect(request.path)
        return _render(request, partnership, question_form=form, status=400)
    form = LinkAnswerForm(request.POST, prefix="answer")
    if form.is_valid():
        try:
            reach.partnership_answer_by_link(
                partnership=partnership,
                decision=form.cleaned_data["decision"],
                name=form.cleaned_data["name"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            accepted = partnership.status == PartnershipStatus.ACCEPTED
            messages.success(
                request,
                _("Merci : le partenariat est accepté. Le projet est prévenu et va vous recontacter.")
                if accepted
                else _("Merci : votre réponse est transmise au projet."),
            )
            return redirect(request.path)
    return _render(request, partnership, answer_form=form, status=400)


@login_required
@require_POST
@pole_view
def relay(request, pk: int):
    require(request.user, "partnerships.view_dashboard", request.pole, hide=not request.is_member)
    partnership = get_object_or_404(
        Partnership.objects.select_related("pole", "project__holder", "partner_structure", "proposed_by"),
        pole=request.pole,
        pk=pk,
        reached_via=ReachedVia.COORDINATION,
    )
    form = RelayForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez comment la proposition a été transmise."))
    else:
        try:
            reach.partnership_record_relay(
                partnership=partnership,
                by=request.user,
                channel=form.cleaned_data["channel"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(
                request,
                _("Transmission notée dans le journal des contacts de %(partner)s.")
                % {"partner": partnership.partner_name},
            )
    return redirect("partnerships:dashboard", pole=request.pole.slug)


@login_required
@require_POST
@pole_view
def delays(request):
    require(request.user, "partnerships.view_dashboard", request.pole, hide=not request.is_member)
    form = DelaysForm(request.POST)
    if form.is_valid():
        try:
            reach.partnership_delays_update(pole=request.pole, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Les délais de relance et d’expiration sont enregistrés."))
    else:
        messages.error(request, _("Indiquez des nombres de jours : relance entre 1 et 90, expiration entre 2 et 365."))
    return redirect("partnerships:dashboard", pole=request.pole.slug)
