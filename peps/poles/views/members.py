"""The coordination's membership pages: the list, requests, additions, changes and fees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from ..forms import FeeForm, MembersFilterForm, MembershipAddForm, MembershipEditForm
from ..selectors import membership_of_pole, memberships_for_coordination, pending_memberships
from ..services import fee_record, membership_add, membership_approve, membership_refuse, membership_update
from .access import staff_only


@login_required
@pole_view
def members(request):
    if denied := staff_only(request, "poles.view_members_list"):
        return denied
    pole = request.pole
    filter_form = MembersFilterForm(request.GET, pole=pole)
    filters = filter_form.filters()
    page = paginate(memberships_for_coordination(pole, **filters), request)
    context = {
        "pole": pole,
        "filter_form": filter_form,
        "page": page,
        "pending": pending_memberships(pole) if not filters["status"] else [],
        "can_manage": request.user.has_perm("poles.manage_members", pole),
        "can_manage_colleges": request.user.has_perm("poles.manage_colleges", pole),
    }
    template = "poles/_members_table.html" if request.htmx else "poles/members.html"
    return render(request, template, context)


@login_required
@pole_view
def membership_add_view(request):
    if denied := staff_only(request, "poles.manage_members"):
        return denied
    pole = request.pole
    may_grant_staff = request.user.has_perm("poles.grant_staff_roles", pole)
    form = MembershipAddForm(request.POST or None, pole=pole, may_grant_staff=may_grant_staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = membership_add(
                pole=pole,
                by=request.user,
                college=data["college"],
                person=data.get("person") if data["kind"] == "person" else None,
                structure=data.get("structure") if data["kind"] == "structure" else None,
                role=data["role"],
                joined_on=data["joined_on"],
                may_grant_staff=may_grant_staff,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Adhésion ajoutée : %(member)s.") % {"member": membership.member})
            return redirect("poles:members", pole=pole.slug)
    return render(request, "poles/membership_add.html", {"pole": pole, "form": form})


def _edit_context(request, membership, form, fee_form):
    return {
        "pole": request.pole,
        "membership": membership,
        "form": form,
        "fee_form": fee_form,
        "fees": list(membership.fees.order_by("-year")),
        "events": list(membership.events.select_related("by")[:20]),
    }


@login_required
@pole_view
def membership_edit(request, pk: int):
    if denied := staff_only(request, "poles.manage_members"):
        return denied
    pole = request.pole
    membership = membership_of_pole(pole, pk)
    may_grant_staff = request.user.has_perm("poles.grant_staff_roles", pole)
    form = MembershipEditForm(request.POST or None, instance=membership, may_grant_staff=may_grant_staff)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The form wrote onto the instance while validating: reload it so the service sees the
        # stored values and can tell what changed.
        membership = membership_of_pole(pole, pk)
        try:
            membership_update(
                membership=membership,
                by=request.user,
                college=data["college"],
                role=data.get("role", membership.role),
                status=data["status"],
                joined_on=data["joined_on"],
                left_on=data["left_on"],
                may_grant_staff=may_grant_staff,
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Adhésion mise à jour."))
            return redirect("poles:members", pole=pole.slug)
    return render(request, "poles/membership_edit.html", _edit_context(request, membership, form, FeeForm()))


@login_required
@pole_view
def fee_add(request, pk: int):
    if denied := staff_only(request, "poles.manage_members"):
        return denied
    pole = request.pole
    membership = membership_of_pole(pole, pk)
    fee_form = FeeForm(request.POST or None)
    if request.method == "POST" and fee_form.is_valid():
        try:
            fee_record(membership=membership, by=request.user, **fee_form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(fee_form, error, field="year")
        else:
            messages.success(request, _("Cotisation enregistrée."))
            return redirect("poles:membership_edit", pole=pole.slug, pk=membership.pk)
    may_grant_staff = request.user.has_perm("poles.grant_staff_roles", pole)
    form = MembershipEditForm(instance=membership, may_grant_staff=may_grant_staff)
    return render(request, "poles/membership_edit.html", _edit_context(request, membership, form, fee_form))


@require_POST
@login_required
@pole_view
def membership_decide(request, pk: int, decision: str):
    """Approve or refuse a pending request (two URLs, one view)."""
    if denied := staff_only(request, "poles.manage_members"):
        return denied
    membership = membership_of_pole(request.pole, pk)
    service = membership_approve if decision == "approve" else membership_refuse
    try:
        service(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        if decision == "approve":
            messages.success(request, _("Demande acceptée : %(member)s est membre.") % {"member": membership.member})
        else:
            messages.success(request, _("Demande refusée : %(member)s.") % {"member": membership.member})
    return redirect("poles:members", pole=request.pole.slug)
