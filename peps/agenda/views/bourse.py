"""The Bourse aux projets page: presentations, resource people, who came and what came out
of it; and the coordination's tools on it (slots, invitations, contributions, synthesis).

Every tool posts to its own URL and comes back to the session page: the page with the
form's errors when it failed, a redirect when it worked (htmx or not, same behaviour)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.accounts.models import User
from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import bourse, selectors
from ..forms import ContributionForm, InviteResourcePersonForm, OutcomeForm, SlotForm
from ..models import BourseContribution, BourseSession, Event, PresentationSlot, RegistrationStatus, ResourcePerson


def _session(request, pk: int, *, manage: bool = False) -> tuple[Event, BourseSession]:
    event = selectors.event_for_viewer(user=request.user, pole=request.pole, pk=pk)
    if not event.is_bourse:
        raise Http404
    session = getattr(event, "bourse", None)
    if session is None:
        raise Http404
    if manage:
        require(request.user, "agenda.run_bourse", event)
    return event, session


def _giver_choices(session: BourseSession):
    """Resource people first, and anyone registered: who may have given advice."""
    return (
        User.objects.filter(
            Q(pk__in=ResourcePerson.objects.filter(session=session).values("person_id"))
            | Q(pk__in=session.event.registrations.filter(status=RegistrationStatus.CONFIRMED).values("person_id"))
        )
        .only("id", "display_name", "first_name", "last_name", "email")
        .order_by("display_name", "email")
    )


def contribution_form(session: BourseSession, data=None, instance=None, *, slots=None) -> ContributionForm:
    project_ids = [slot.project_id for slot in slots] if slots is not None else session.slots.values("project_id")
    projects = selectors.projects_for_slots(pole=session.event.pole).filter(pk__in=project_ids)
    return ContributionForm(
        data,
        instance=instance,
        prefix="contribution",
        projects=projects,
        people=_giver_choices(session),
        structures=selectors.member_structures(pole=session.event.pole),
    )


def session_context(request, event: Event, session: BourseSession, **forms) -> dict:
    user = request.user
    record = selectors.session_record(session=session, user=user)
    can_run = user.has_perm("agenda.run_bourse", event)
    can_see_participants = user.has_perm("agenda.view_participants", event)
    context = {"event": event, "session": session, "can_run": can_run, "can_see_participants": can_see_participants}
    context.update(record)
    if can_see_participants:
        context["attendance"] = selectors.session_attendees(event=event)
    if can_run:
        context.update(
            slot_form=forms.get("slot_form")
            or SlotForm(prefix="slot", projects=selectors.projects_for_slots(pole=event.pole)),
            invite_form=forms.get("invite_form") or InviteResourcePersonForm(prefix="invite"),
            contribution_form=forms.get("contribution_form") or contribution_form(session, slots=record["slots"]),
            outcome_form=forms.get("outcome_form")
            or OutcomeForm(prefix="outcome", initial={"outcome": session.outcome}),
        )
    return context


def _done(request, event: Event, session: BourseSession, *, success: str, **forms):
    if any(form.errors for form in forms.values()):
        return render(request, "agenda/bourse.html", session_context(request, event, session, **forms), status=200)
    messages.success(request, success)
    return redirect("agenda:bourse", pole=request.pole.slug, pk=event.pk)


@require_GET
@pole_view
def session_detail(request, pk: int):
    event, session = _session(request, pk)
    return render(request, "agenda/bourse.html", session_context(request, event, session))


@login_required
@require_POST
@pole_view
def slot_add(request, pk: int):
    event, session = _session(request, pk, manage=True)
    form = SlotForm(request.POST, prefix="slot", projects=selectors.projects_for_slots(pole=event.pole))
    if form.is_valid():
        try:
            bourse.slot_add(session=session, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _done(request, event, session, success=_("Le projet est invité à présenter."), slot_form=form)


@login_required
@require_POST
@pole_view
def slot_remove(request, pk: int, slot_pk: int):
    event, session = _session(request, pk, manage=True)
    slot = PresentationSlot.objects.filter(session=session, pk=slot_pk).first()
    if slot is None:
        raise Http404
    bourse.slot_remove(slot=slot, by=request.user)
    return _done(request, event, session, success=_("La présentation est retirée du programme."))


@login_required
@require_POST
@pole_view
def resource_invite(request, pk: int):
    event, session = _session(request, pk, manage=True)
    form = InviteResourcePersonForm(request.POST, prefix="invite")
    if form.is_valid():
        try:
            bourse.resource_person_invite(session=session, person=form.person, by=request.user)
        except ValidationError as error:
            apply_validation_error(form, error)
    return _done(request, event, session, success=_("L’invitation est envoyée par e-mail."), invite_form=form)


@login_required
@require_POST
@pole_view
def resource_remove(request, pk: int, invitation_pk: int):
    event, session = _session(request, pk, manage=True)
    invitation = ResourcePerson.objects.filter(session=session, pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    bourse.resource_person_remove(invitation=invitation, by=request.user)
    return _done(request, event, session, success=_("La personne ressource est retirée."))


@login_required
@require_POST
@pole_view
def contribution_add(request, pk: int):
    event, session = _session(request, pk, manage=True)
    form = contribution_form(session, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            bourse.contribution_add(
                session=session,
                project=data["project"],
                by=request.user,
                kind=data["kind"],
                text=data["text"],
                given_by=data.get("given_by"),
                given_by_structure=data.get("given_by_structure"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
    return _done(
        request,
        event,
        session,
        success=_("La contribution est enregistrée ; elle figure aussi dans le suivi du projet."),
        contribution_form=form,
    )


def _contribution(session: BourseSession, contribution_pk: int) -> BourseContribution:
    contribution = (
        BourseContribution.objects.filter(session=session, pk=contribution_pk)
        .select_related("project", "given_by", "given_by_structure", "session__event")
        .first()
    )
    if contribution is None:
        raise Http404
    return contribution


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def contribution_edit(request, pk: int, contribution_pk: int):
    event, session = _session(request, pk, manage=True)
    contribution = _contribution(session, contribution_pk)
    form = contribution_form(session, request.POST or None, instance=contribution)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            bourse.contribution_update(
                contribution=contribution,
                by=request.user,
                kind=data["kind"],
                text=data["text"],
                given_by=data.get("given_by"),
                given_by_structure=data.get("given_by_structure"),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("La contribution et le suivi du projet sont mis à jour."))
            return redirect("agenda:bourse", pole=request.pole.slug, pk=event.pk)
    context = {"event": event, "session": session, "contribution": contribution, "form": form}
    return render(request, "agenda/contribution_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def contribution_delete(request, pk: int, contribution_pk: int):
    """A confirmation page first: the entry disappears from the project's support log too."""
    event, session = _session(request, pk, manage=True)
    contribution = _contribution(session, contribution_pk)
    if request.method == "POST":
        bourse.contribution_delete(contribution=contribution, by=request.user)
        messages.success(request, _("La contribution est supprimée, ainsi que sa trace dans le suivi du projet."))
        return redirect("agenda:bourse", pole=request.pole.slug, pk=event.pk)
    context = {"event": event, "session": session, "contribution": contribution}
    return render(request, "agenda/contribution_delete.html", context)


@login_required
@require_POST
@pole_view
def outcome(request, pk: int):
    event, session = _session(request, pk, manage=True)
    form = OutcomeForm(request.POST, prefix="outcome")
    if form.is_valid():
        bourse.session_set_outcome(session=session, outcome=form.cleaned_data["outcome"], by=request.user)
    return _done(request, event, session, success=_("La synthèse est enregistrée."), outcome_form=form)
