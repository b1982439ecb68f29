"""Meetings of a body: planning one, its page (agenda, attendance, minutes, decisions),
writing the minutes, recording attendance and adding agenda items."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import AgendaItemForm, AttendanceForm, MeetingForm, MinutesForm


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def meeting_create(request, pk: int):
    body = selectors.body_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", body)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(body=body, by=request.user, **form.cleaned_data)
        messages.success(request, _("La réunion est programmée."))
        return redirect(meeting.get_absolute_url())
    return render(request, "governance/meeting_form.html", {"body": body, "form": form})


def meeting_context(request, meeting, **forms) -> dict:
    can_manage = request.user.has_perm("governance.manage_body", meeting.body)
    seats = selectors.seats_with_attendance(meeting)
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "items": selectors.meeting_items(meeting),
        "seats": seats,
        "motions": list(meeting.motions.all()),
        "decisions": list(meeting.decisions.all()),
        "can_manage": can_manage,
        "show_minutes": bool(meeting.minutes) and (meeting.minutes_published_at or can_manage),
    }
    if can_manage:
        context["item_form"] = forms.get("item_form") or AgendaItemForm(prefix="item")
        context["attendance_form"] = forms.get("attendance_form") or AttendanceForm(
            seats=[row.seat for row in seats], initial={f"seat-{row.seat.pk}": row.status for row in seats}
        )
    return context


@require_GET
@pole_view
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_for_viewer(user=request.user, pole=request.pole, pk=pk)
    return render(request, "governance/meeting.html", meeting_context(request, meeting))


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def minutes_edit(request, pk: int):
    meeting = selectors.meeting_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", meeting.body)
    initial = {"minutes": meeting.minutes, "publish": bool(meeting.minutes_published_at)}
    form = MinutesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.meeting_minutes_save(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, _("Le compte rendu est enregistré."))
        return redirect(meeting.get_absolute_url())
    return render(request, "governance/minutes_form.html", {"meeting": meeting, "form": form})


@login_required
@require_POST
@pole_view
def attendance_save(request, pk: int):
    meeting = selectors.meeting_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", meeting.body)
    form = AttendanceForm(request.POST, seats=selectors.body_seats(meeting.body))
    if form.is_valid():
        services.attendance_save(meeting=meeting, by=request.user, statuses=form.statuses())
        messages.success(request, _("Les présences sont enregistrées."))
        return redirect(meeting.get_absolute_url())
    return render(
        request, "governance/meeting.html", meeting_context(request, meeting, attendance_form=form), status=400
    )


@login_required
@require_POST
@pole_view
def agenda_item_add(request, pk: int):
    meeting = selectors.meeting_for_viewer(user=request.user, pole=request.pole, pk=pk)
    require(request.user, "governance.manage_body", meeting.body)
    form = AgendaItemForm(request.POST, prefix="item")
    if form.is_valid():
        try:
            services.agenda_item_add(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Le point est ajouté à l’ordre du jour."))
            return redirect(meeting.get_absolute_url())
    return render(request, "governance/meeting.html", meeting_context(request, meeting, item_form=form), status=400)
