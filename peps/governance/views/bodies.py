"""The bodies of a pole: the overview, a body's page with its seats, electing and ending
seats, following a body, proxies (where the body's rules allow them, with a search field to
pick the holder), joining an open commission, proposals to the board."""

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.accounts.models import User
from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.tenancy import pole_view
from peps.directory.models import Structure

from .. import commissions, selectors, services
from ..eligibility import eligible_holders
from ..forms import AgendaItemForm, BodyForm, ProxyForm, ScheduleForm, SeatForm
from ..models import AgendaItem, BodyMember, Proxy


@require_GET
@pole_view
def index(request):
    bodies = list(selectors.bodies_visible_to(user=request.user, pole=request.pole))
    motions = list(selectors.motions_visible_to(user=request.user, pole=request.pole, status="open")[:10])
    return render(request, "governance/index.html", {"bodies": bodies, "open_motions": motions})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def body_create(request):
    require(request.user, "governance.create_body", request.pole)
    form = BodyForm(request.POST or None, pole=request.pole)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.body_create(pole=request.pole, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error, field="kind")
        else:
            messages.success(request, _("L’instance « %(name)s » est créée.") % {"name": body.name})
            return redirect(body.get_absolute_url())
    return render(request, "governance/body_form.html", {"form": form, "body": None})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def body_edit(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", body)
    form = BodyForm(request.POST or None, instance=body, pole=request.pole)
    if request.method == "POST" and form.is_valid():
        services.body_update(body=body, **form.cleaned_data)
        messages.success(request, _("L’instance est mise à jour."))
        return redirect(body.get_absolute_url())
    return render(request, "governance/body_form.html", {"form": form, "body": body})


def body_context(request, body, **forms) -> dict:
    seats = selectors.body_seats(body)
    can_manage = request.user.has_perm("governance.manage_body", body)
    context = {
        "body": body,
        "seats": seats,
        "colleges": selectors.board_colleges(body, seats) if body.is_board else [],
        "meetings": selectors.body_meetings(body),
        "motions": selectors.body_motions(user=request.user, body=body),
        "can_manage": can_manage,
        "can_follow": request.user.has_perm("governance.follow_body", body),
        "is_following": bool(getattr(body, "is_following", False)),
    }
    if body.is_board:
        context["pending"] = list(selectors.pending_proposals(body))
        if can_manage:
            context["schedule_form"] = ScheduleForm(body=body)
    if can_manage:
        colleges = [row["college"] for row in context["colleges"]] if body.is_board else None
        context["seat_form"] = forms.get("seat_form") or SeatForm(body=body, colleges=colleges)
        if body.kind == "commission":
            context["proposal_form"] = forms.get("proposal_form") or AgendaItemForm(prefix="proposal")
    if body.allows_proxies and request.is_member:
        context["proxies"] = selectors.proxies_of(body=body, user=request.user)
        context["proxy_form"] = forms.get("proxy_form") or _proxy_form(request, body)
        query = (request.GET.get("q") or "").strip()[:80]
        context["holder_query"] = query
        context["holder_results"] = _holder_results(request, body, query) if query else None
    if body.is_open_commission and request.user.is_authenticated:
        context["is_seated"] = any(seat.person_id == request.user.pk for seat in seats)
    return context


def _holders(request, body):
    return eligible_holders(body=body).exclude(pk=request.user.pk)


def _proxy_form(request, body, data=None):
    # The holder is found by the search field (_holder_results), never listed by the form:
    # the eligible people's query is only needed to check a submitted choice.
    holders = _holders(request, body) if data is not None else User.objects.none()
    return ProxyForm(data, structures=_represented(request), holders=holders)


HOLDER_RESULTS = 10


def _holder_results(request, body, query: str) -> list:
    """At most ten eligible people whose name matches: the search field's answer."""
    words = query.split()
    people = _holders(request, body)
    for word in words[:4]:
        people = people.filter(
            Q(display_name__icontains=word) | Q(first_name__icontains=word) | Q(last_name__icontains=word)
        )
    return list(people.order_by("display_name", "last_name", "pk")[:HOLDER_RESULTS])


@login_required
@require_GET
@pole_view
def proxy_holder_search(request, pk: int):
    """The htmx search field of « Donner pouvoir »: eligible people matching the name."""
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.give_proxy", body)
    if not body.allows_proxies:
        raise Http404
    query = (request.GET.get("q") or "").strip()[:80]
    results = _holder_results(request, body, query) if len(query) >= 2 else None
    return render(
        request, "governance/_holder_results.html", {"body": body, "holder_results": results, "holder_query": query}
    )


def _represented(request):
    return Structure.objects.filter(
        representatives__person=request.user, representatives__status="approved", memberships__pole=request.pole
    ).only("id", "name")


@require_GET
@pole_view
def body_detail(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "governance/body.html", body_context(request, body))


@login_required
@require_POST
@pole_view
def seat_add(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", body)
    form = SeatForm(request.POST, body=body)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.body_member_add(
                body=body,
                by=request.user,
                person=data.get("person"),
                structure=data.get("structure"),
                college=data.get("college"),
                role=data["role"],
                mandate=data["mandate"],
                since=data.get("since"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le siège est attribué."))
            return redirect(body.get_absolute_url())
    return render(request, "governance/body.html", body_context(request, body, seat_form=form), status=400)


@login_required
@require_POST
@pole_view
def seat_end(request, pk: int, seat_pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", body)
    seat = get_object_or_404(BodyMember, body=body, pk=seat_pk, until__isnull=True)
    try:
        services.body_member_end(seat=seat, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Le mandat de %(name)s prend fin.") % {"name": seat.holder})
    return redirect(body.get_absolute_url())


@login_required
@require_POST
@pole_view
def body_follow(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.follow_body", body)
    following = request.POST.get("action") != "remove"
    if following:
        services.body_follow(body=body, person=request.user)
    else:
        services.body_unfollow(body=body, person=request.user)
    if request.htmx:
        return render(request, "governance/_follow.html", {"body": body, "is_following": following})
    return redirect(body.get_absolute_url())


@login_required
@require_POST
@pole_view
def proposal_send(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.send_proposal", body)
    form = AgendaItemForm(request.POST, prefix="proposal")
    if form.is_valid():
        try:
            services.proposal_send_to_board(
                commission=body, by=request.user, title=form.cleaned_data["title"], text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La proposition est transmise au conseil d’administration."))
            return redirect(body.get_absolute_url())
    return render(request, "governance/body.html", body_context(request, body, proposal_form=form), status=400)


@login_required
@require_POST
@pole_view
def proposal_schedule(request, pk: int, item_pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", body)
    item = get_object_or_404(AgendaItem, body=body, pk=item_pk)
    form = ScheduleForm(request.POST, body=body)
    if form.is_valid():
        services.agenda_item_schedule(item=item, meeting=form.cleaned_data["meeting"], by=request.user)
        messages.success(request, _("Le point est inscrit à l’ordre du jour."))
        return redirect(form.cleaned_data["meeting"].get_absolute_url())
    messages.error(request, _("Choisissez une réunion de l’instance."))
    return redirect(body.get_absolute_url())


@login_required
@require_http_methods(["POST"])
@pole_view
def proxy_give(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.give_proxy", body)
    form = _proxy_form(request, body, request.POST)
    if form.is_valid():
        try:
            services.proxy_give(
                body=body,
                by=request.user,
                holder=form.cleaned_data["holder"],
                giver_structure=form.cleaned_data.get("structure"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Votre pouvoir est donné à %(name)s.") % {"name": form.cleaned_data["holder"].public_name}
            )
            return redirect(body.get_absolute_url())
    return render(request, "governance/body.html", body_context(request, body, proxy_form=form), status=400)


@login_required
@require_POST
@pole_view
def proxy_revoke(request, pk: int, proxy_pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    proxy = get_object_or_404(Proxy, body=body, pk=proxy_pk, created_by=request.user, revoked_at__isnull=True)
    services.proxy_revoke(proxy=proxy, by=request.user)
    messages.success(request, _("Le pouvoir est retiré."))
    return redirect(body.get_absolute_url())


class CommissionRequestForm(django_forms.Form):
    name = django_forms.CharField(label=gettext_lazy("Votre nom"), max_length=120)
    structure = django_forms.CharField(label=gettext_lazy("Votre structure"), max_length=200)
    email = django_forms.EmailField(label=gettext_lazy("Votre e-mail"))
    message = django_forms.CharField(
        label=gettext_lazy("Ce que vous souhaitez apporter"),
        required=False,
        max_length=2000,
        widget=django_forms.Textarea(attrs={"rows": 4}),
    )


@login_required
@require_POST
@pole_view
def commission_join(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    try:
        commissions.commission_join(body=body, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Vous avez rejoint la commission « %(body)s ».") % {"body": body.name})
    return redirect(body.get_absolute_url())


@require_http_methods(["GET", "POST"])
@pole_view
def commission_request(request, pk: int):
    """Outside structures: no membership needed, only a public open commission."""
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if not body.is_open_commission:
        raise Http404
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.public_name, "email": request.user.email}
    form = CommissionRequestForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            commissions.commission_request(body=body, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Votre demande est envoyée : la coordination vous répond par e-mail."))
            return redirect(body.get_absolute_url())
    return render(request, "governance/commission_request.html", {"body": body, "form": form})
