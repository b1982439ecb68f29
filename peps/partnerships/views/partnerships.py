"""A partnership's page: its history and short exchange, the answer (accept or decline
with a reason), and the follow-up (start, complete, end)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from peps.core.access import can, require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import reach, selectors, services
from ..forms import AnswerForm, MessageForm, MoveForm
from ..models import PartnershipStatus


def detail_context(request, partnership, **forms) -> dict:
    user = request.user
    can_answer = partnership.status == PartnershipStatus.PROPOSED and can(
        user, "partnerships.answer_partnership", partnership
    )
    can_follow_up = can(user, "partnerships.follow_up_partnership", partnership)
    move_form = forms.get("move_form") or MoveForm(current=partnership.status)
    return {
        "partnership": partnership,
        "events": selectors.partnership_events(partnership=partnership),
        "can_answer": can_answer,
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "can_move": can_follow_up and bool(move_form.fields["to_status"].choices),
        "move_form": move_form,
        "can_write": can_follow_up,
        "message_form": forms.get("message_form") or MessageForm(),
        "waiting_delays": reach.delays_of(partnership.pole)
        if partnership.status == PartnershipStatus.PROPOSED
        else None,
    }


@login_required
@require_GET
@pole_view
def partnership_detail(request, pk: int):
    partnership = selectors.partnership_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "partnerships/partnership_detail.html", detail_context(request, partnership))


@login_required
@require_POST
@pole_view
def partnership_answer(request, pk: int):
    partnership = selectors.partnership_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.answer_partnership", partnership)
    if partnership.status != PartnershipStatus.PROPOSED:
        # A second click, or the other tab: say so instead of a form error nobody sees.
        messages.info(request, _("Ce partenariat a déjà reçu une réponse."))
        return redirect(partnership.get_absolute_url())
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.partnership_move(
                partnership=partnership,
                to_status=form.cleaned_data["decision"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            accepted = partnership.status == PartnershipStatus.ACCEPTED
            messages.success(request, _("Partenariat accepté.") if accepted else _("Partenariat décliné."))
            return redirect(partnership.get_absolute_url())
    context = detail_context(request, partnership, answer_form=form)
    return render(request, "partnerships/partnership_detail.html", context)


@login_required
@require_POST
@pole_view
def partnership_move(request, pk: int):
    partnership = selectors.partnership_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.follow_up_partnership", partnership)
    form = MoveForm(request.POST, current=partnership.status)
    if form.is_valid():
        try:
            services.partnership_move(
                partnership=partnership,
                to_status=form.cleaned_data["to_status"],
                by=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Le partenariat est maintenant « %(status)s ».") % {"status": partnership.get_status_display()},
            )
            return redirect(partnership.get_absolute_url())
    return render(request, "partnerships/partnership_detail.html", detail_context(request, partnership, move_form=form))


@login_required
@require_POST
@pole_view
def partnership_message(request, pk: int):
    partnership = selectors.partnership_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "partnerships.follow_up_partnership", partnership)
    form = MessageForm(request.POST)
    sent = False
    if form.is_valid():
        try:
            services.partnership_message(partnership=partnership, by=request.user, message=form.cleaned_data["message"])
            sent = True
        except ValidationError as error:
            apply_validation_error(form, error, field="message")
    if request.htmx:
        context = detail_context(request, partnership, message_form=None if sent else form)
        return render(request, "partnerships/_exchange.html", context)
    if not sent:
        context = detail_context(request, partnership, message_form=form)
        return render(request, "partnerships/partnership_detail.html", context)
    messages.success(request, _("Votre message est envoyé."))
    return redirect(partnership.get_absolute_url() + "#echanges")
