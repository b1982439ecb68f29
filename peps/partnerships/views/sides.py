"""The pages a need and an offer share: the page with its suggestions and its propose form,
editing, and proposing to several suggestions at once. A need and an offer differ only by
what a Side names (access helper, form, services, suggestions, who receives a proposal);
needs.py and offers.py each declare their Side and keep thin, decorated views."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from peps.core.access import can, require
from peps.core.forms import apply_validation_error

from .. import selectors
from ..forms import NeedForm, OfferForm, ProposeForm
from ..models import Need, Offer, Partnership


@dataclass(frozen=True)
class Side:
    """What differs between a need's pages and an offer's."""

    name: str  # "need" or "offer": the context key, the template, the rule partnerships.change_<name>
    form_class: type[NeedForm] | type[OfferForm]
    for_viewer: Callable[..., Need | Offer]  # the access helper: (user=, pole=, pk=) → item or 404
    update: Callable[..., Any]  # (item, by=, data=): the service that changes it
    propose: Callable[..., tuple[list[Partnership], list[Partnership]]]  # (item, targets, by=, message=)
    suggestions: Callable[..., list]  # (item, user=): suggested counterparts, best first
    recipients: Callable[..., dict]  # (counterparts, pole=): who each proposal would reach
    counterpart: Callable[[Any], Need | Offer | None]  # a suggestion's offer (for a need) or need
    propose_choices: Callable[..., QuerySet]  # (user=, pole=): what the viewer may propose to
    propose_label: Promise
    updated: Promise  # the message after an edit

    @property
    def change_rule(self) -> str:
        return f"partnerships.change_{self.name}"

    @property
    def template(self) -> str:
        return f"partnerships/{self.name}_detail.html"


def propose_form(request, side: Side, data=None) -> ProposeForm:
    # What the viewer may propose to is asked only of a proposal sent (data): the page lists
    # its suggestions itself, never the field's choices, a query that costs milliseconds to build.
    choices = side.propose_choices(user=request.user, pole=request.pole) if data is not None else None
    return ProposeForm(data, choices_queryset=choices, field_label=side.propose_label)


def page_context(request, side: Side, item: Need | Offer, form: ProposeForm | None = None) -> dict:
    can_change = can(request.user, side.change_rule, item)
    context = {side.name: item, "can_change": can_change}
    if can_change:
        context["suggestions"] = suggestions = side.suggestions(item, user=request.user)
        # Before proposing, say who will receive it (a person, a structure's e-mail, a
        # project's holder, or the coordination).
        recipients = side.recipients([side.counterpart(s) for s in suggestions], pole=item.pole)
        for suggestion in suggestions:
            counterpart = side.counterpart(suggestion)
            suggestion.recipient = recipients.get(counterpart.pk) if counterpart else None
        context["propose_form"] = form or propose_form(request, side)
        context["partnerships"] = selectors.partnerships_for(item)
    return context


def detail(request, side: Side, pk: int) -> HttpResponse:
    item = side.for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, side.template, page_context(request, side, item))


def edit(request, side: Side, pk: int) -> HttpResponse:
    item = side.for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, side.change_rule, item)
    form = side.form_class(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        try:
            side.update(item, by=request.user, data=form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, side.updated)
            return redirect(item.get_absolute_url())
    return render(request, f"partnerships/{side.name}_form.html", {"form": form, side.name: item, "editing": True})


def propose(request, side: Side, pk: int) -> HttpResponse:
    item = side.for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, side.change_rule, item)
    form = propose_form(request, side, request.POST)
    if form.is_valid():
        try:
            created, existing = side.propose(
                item, list(form.cleaned_data["targets"]), by=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            tell_outcome(request, created, existing)
            return redirect(item.get_absolute_url())
    return render(request, side.template, page_context(request, side, item, form=form))


def tell_outcome(request, created: list[Partnership], existing: list[Partnership]) -> None:
    if created:
        messages.success(
            request,
            _("Partenariat proposé : %(names)s. Vous serez prévenu·e de la réponse.")
            % {"names": ", ".join(p.partner_name if not p.proposed_by_partner else p.project.title for p in created)},
        )
    for partnership in existing:
        messages.info(
            request,
            _(
                "Un partenariat entre « %(project)s » et %(partner)s existe déjà : il n’a pas été proposé une deuxième fois."
            )
            % {"project": partnership.project.title, "partner": partnership.partner_name},
        )
