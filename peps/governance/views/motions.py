"""Votes: the list, creating a motion, its page (vote form or explanation, then results),
casting a vote and closing early."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..eligibility import participation_so_far, standing
from ..forms import MotionFilterForm, MotionForm, VoteForm
from ..models import AgendaItem, Participation


@require_GET
@pole_view
def motion_list(request):
    form = MotionFilterForm(request.GET or None)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    motions = selectors.motions_visible_to(user=request.user, pole=request.pole, status=status)
    context = {"form": form, "page": paginate(motions, request), "now": timezone.now()}
    template = "governance/_motion_results.html" if request.htmx else "governance/motion_list.html"
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def motion_create(request, pk: int | None = None):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk) if pk else None
    if body is None:
        require(request.user, "governance.create_pole_motion", request.pole)
    else:
        require(request.user, "governance.manage_body", body)
    item = None
    if body is not None and request.GET.get("point", "").isdigit():
        item = AgendaItem.objects.filter(body=body, pk=int(request.GET["point"])).first()
    now = timezone.localtime().replace(second=0, microsecond=0)
    initial = {"opens_at": now, "closes_at": now + datetime.timedelta(days=7)}
    if item is not None:
        initial.update(title=item.title, text=item.text, meeting=item.meeting_id)
    form = MotionForm(request.POST or None, body=body, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            motion = services.motion_create(
                pole=request.pole,
                by=request.user,
                body=body,
                meeting=data.get("meeting"),
                agenda_item=item,
                title=data["title"],
                text=data["text"],
                method=data["method"],
                majority=data["majority"],
                quorum_kind=data["quorum_kind"],
                quorum_value=data.get("quorum_value") or 0,
                secret=data["secret"],
                allow_change=data["allow_change"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                options=data["option_list"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le vote est créé."))
            return redirect(motion.get_absolute_url())
    return render(request, "governance/motion_form.html", {"form": form, "body": body, "item": item})


def motion_context(request, motion, *, vote_form=None, error: str = "", vote_box: bool = True) -> dict:
    """What the motion's page shows; `vote_box`: whether it shows the voting box (the page of
    a closed motion shows its result instead, so the viewer's standing is not looked up)."""
    user = request.user
    context = {
        "motion": motion,
        "window": motion.window(),
        "can_manage": user.has_perm("governance.manage_motion", motion),
        "options": list(motion.options.all()),
        "error": error,
    }
    if motion.is_closed:
        context["objections"] = selectors.motion_objections(motion) if motion.method == "consent" else []
        context["ballots"] = selectors.motion_open_ballots(motion)
        labels = {str(o.pk): o.label for o in context["options"]}
        context["option_results"] = [
            (labels.get(key, "?"), n) for key, n in (motion.tally.get("options") or {}).items()
        ]
        context["decision"] = selectors.motion_decision(motion)
    elif context["window"] == "open":
        context["progress"] = participation_so_far(motion)
    if user.is_authenticated and vote_box:
        voter_standing = standing(motion=motion, user=user)
        people = [v.person_id for v in voter_standing.voters if v.person_id]
        structures = [v.structure_id for v in voter_standing.voters if v.structure_id]
        cast = set(
            Participation.objects.filter(motion=motion)
            .filter(Q(person_id__in=people) | Q(structure_id__in=structures))
            .values_list("person_id", "structure_id")
        )
        votable = [
            v
            for v in voter_standing.voters
            if (v.person_id, v.structure_id) not in cast or (motion.allow_change and not motion.secret)
        ]
        context.update(
            standing=voter_standing,
            cast_labels=[v.label for v in voter_standing.voters if (v.person_id, v.structure_id) in cast],
            vote_form=vote_form or (VoteForm(motion=motion, voters=votable) if votable else None),
        )
    return context


@require_GET
@pole_view
def motion_detail(request, pk: int):
    motion = selectors.motion_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "governance/motion.html", motion_context(request, motion, vote_box=not motion.is_closed))


@require_http_methods(["GET", "POST"])
@pole_view
def vote(request, pk: int):
    """Casting a vote. Anonymous visitors go to the login page; an ineligible person gets a page
    that explains why (not an error); a refused vote (closed, already cast) says why too."""
    motion = selectors.motion_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    voter_standing = standing(motion=motion, user=request.user)
    if not voter_standing.voters:
        return render(request, "governance/not_eligible.html", {"motion": motion, "standing": voter_standing})
    if request.method == "GET":
        return redirect(motion.get_absolute_url())
    form = VoteForm(request.POST, motion=motion, voters=voter_standing.voters)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.vote_cast(
                motion=motion,
                by=request.user,
                voter_key=data["voter"],
                choice=data["choice"],
                option_ids=data.get("option_ids"),
                reason=data.get("reason") or "",
            )
        except ValidationError as refused:
            error = refusal_text(refused)
        else:
            messages.success(request, _("Votre vote est enregistré."))
            if request.htmx:
                return render(request, "governance/_vote.html", motion_context(request, motion))
            return redirect(motion.get_absolute_url())
    context = motion_context(request, motion, vote_form=form if not error else None, error=error)
    template = "governance/_vote.html" if request.htmx else "governance/motion.html"
    return render(request, template, context, status=200 if request.htmx else 400)


@login_required
@require_POST
@pole_view
def motion_close(request, pk: int):
    motion = selectors.motion_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_motion", motion)
    try:
        services.motion_close(motion=motion, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Le vote est clos et son résultat publié."))
    return redirect(motion.get_absolute_url())
