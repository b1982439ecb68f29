"""Pages of the pool of resource people under /reseau/personnes-ressources/: the list and a
person (open to all for public profiles), the administrators' form, requests and their follow-up."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate

from . import selectors, services
from .forms import AnswerForm, FilterForm, PersonForm, RequestForm
from .models import RequestStatus, ResourcePerson

# Display decisions ask django-rules directly (rules.has_perm): user.has_perm would first ask
# Django's ModelBackend, two queries per page for nothing.


@require_GET
def person_list(request):
    choices = selectors.filter_choices(user=request.user)
    form = FilterForm(request.GET or None, choices=choices)
    filters = form.filters()
    can_manage = rules.has_perm("resourcepeople.manage", request.user)
    people = selectors.people_search(user=request.user, include_inactive=can_manage, **filters)
    context = {
        "form": form,
        "page": paginate(people, request),
        "filtered": any(filters.values()),
        "can_manage": can_manage,
        "can_request": rules.has_perm("resourcepeople.send_request", request.user),
        "pending_for_me": selectors.pending_count_for_person(user=request.user),
    }
    template = "resourcepeople/_results.html" if request.htmx else "resourcepeople/list.html"
    return render(request, template, context)


@require_GET
def person_detail(request, pk: int):
    person = selectors.person_for_viewer(user=request.user, pk=pk)
    context = {
        "person": person,
        "coverage": selectors.person_coverage(person),
        "can_manage": rules.has_perm("resourcepeople.manage", request.user),
        "can_request": person.is_active and rules.has_perm("resourcepeople.send_request", request.user),
    }
    return render(request, "resourcepeople/detail.html", context)


def _person_form(request, person: ResourcePerson | None):
    require(request.user, "resourcepeople.manage")
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        services.person_save(
            person=saved,
            by=request.user,
            departements=form.cleaned_data["departements"],
            regions=form.cleaned_data["regions"],
        )
        messages.success(request, _("La fiche de %(name)s est enregistrée.") % {"name": saved.name})
        return redirect(saved.get_absolute_url())
    return render(request, "resourcepeople/person_form.html", {"form": form, "person": person})


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request):
    return _person_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request, pk: int):
    require(request.user, "resourcepeople.manage")
    person = selectors.person_for_viewer(user=request.user, pk=pk)
    return _person_form(request, person)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, pk: int):
    person = selectors.person_for_viewer(user=request.user, pk=pk)
    require(request.user, "resourcepeople.send_request")
    form = RequestForm(
        request.POST or None,
        poles=selectors.poles_to_request_for(user=request.user),
        projects=selectors.projects_to_request_for(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = services.request_send(
                pole=data["pole"],
                person=person,
                by=request.user,
                purpose=data["purpose"],
                project=data["project"],
                message=data["message"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(
                request, _("Votre sollicitation est envoyée à %(name)s par e-mail.") % {"name": person.name}
            )
            return redirect(sent.get_absolute_url())
    return render(request, "resourcepeople/request_form.html", {"form": form, "person": person})


@login_required
@require_GET
def request_list(request):
    status = request.GET.get("statut", "")
    pole_slug = request.GET.get("pole", "")[:60]
    requests = selectors.requests_for(user=request.user, status=status, pole_slug=pole_slug)
    context = {
        "pole_slug": pole_slug,
        "page": paginate(requests, request),
        "status": status if status in RequestStatus.values else "",
        "statuses": RequestStatus.choices,
        "poles": selectors.poles_to_request_for(user=request.user),
    }
    return render(request, "resourcepeople/requests.html", context)


@login_required
@require_GET
def request_detail(request, pk: int):
    resource_request = selectors.request_for_viewer(user=request.user, pk=pk)
    can_answer = resource_request.is_pending and rules.has_perm(
        "resourcepeople.answer_request", request.user, resource_request
    )
    can_withdraw = resource_request.is_pending and rules.has_perm(
        "resourcepeople.withdraw_request", request.user, resource_request
    )
    context = {
        "req": resource_request,
        "answer_form": AnswerForm() if can_answer else None,
        "can_withdraw": can_withdraw,
        "answering_for": can_answer and resource_request.person.user_id != request.user.pk,
    }
    return render(request, "resourcepeople/request.html", context)


@login_required
@require_POST
def request_answer(request, pk: int):
    resource_request = selectors.request_for_viewer(user=request.user, pk=pk)
    require(request.user, "resourcepeople.answer_request", resource_request)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.request_answer(
                request=resource_request,
                by=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("La réponse est enregistrée ; le pôle en est informé."))
        return redirect(resource_request.get_absolute_url())
    context = {"req": resource_request, "answer_form": form, "can_withdraw": False, "answering_for": False}
    return render(request, "resourcepeople/request.html", context, status=200)


@login_required
@require_POST
def request_withdraw(request, pk: int):
    resource_request = selectors.request_for_viewer(user=request.user, pk=pk)
    require(request.user, "resourcepeople.withdraw_request", resource_request)
    try:
        services.request_withdraw(request=resource_request, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("La sollicitation est retirée ; la personne en est informée."))
    return redirect(resource_request.get_absolute_url())
