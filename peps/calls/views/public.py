"""Pages of the calls for projects for the public and the applicants: the calls, starting
an application, the form with drafts and files, the receipt, and one's applications.
The administrators' pages are in manage.py, the reviewers' in review.py."""

import rules
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.forms import apply_validation_error, refusal_text
from peps.core.pagination import paginate

from .. import answers as answer_rules
from .. import selectors, services
from ..forms import ApplicationForm, ApplicationStartForm
from ..models import FieldKind


@require_GET
def call_list(request):
    calls = selectors.calls_visible_to(user=request.user)
    context = {"page": paginate(calls, request), "can_manage": request.user.has_perm("calls.manage")}
    return render(request, "calls/list.html", context)


@require_GET
def call_detail(request, pk: int):
    call = selectors.call_for_viewer(user=request.user, pk=pk)
    context = {
        "call": call,
        "is_open": call.is_open(),
        "can_manage": request.user.has_perm("calls.manage"),
        "fields": list(call.fields.all()),
        "criteria": list(call.criteria.all()),
    }
    return render(request, "calls/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def application_start(request, pk: int):
    call = selectors.call_for_viewer(user=request.user, pk=pk)
    if not rules.has_perm("calls.apply", request.user, call):
        raise PermissionDenied
    poles = list(selectors.poles_user_may_apply_for(user=request.user))
    form = ApplicationStartForm(request.POST or None, poles=poles)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_start(
                call=call,
                by=request.user,
                kind=data["kind"],
                pole=form.chosen_pole(),
                pole_name=data["pole_name"],
                territory=data["territory"],
                contact_name=data["contact_name"],
                contact_email=data["contact_email"],
                contact_phone=data["contact_phone"],
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if application.applicant_id != request.user.pk:
                # Another coordinator of the pole started it (maybe at the same moment).
                messages.info(
                    request,
                    _("%(pole)s a déjà une candidature à cet appel, commencée par %(name)s : la voici.")
                    % {"pole": application.name, "name": application.applicant.public_name},
                )
                return redirect(application.get_absolute_url())
            if application.is_submitted:
                return redirect(application.get_absolute_url())
            messages.success(request, _("Votre brouillon est prêt : répondez aux questions puis déposez-le."))
            return redirect("calls:application_edit", pk=application.pk)
    return render(request, "calls/apply.html", {"call": call, "form": form})


def _application_form(request, application):
    fields = list(application.call.fields.all())
    data = (request.POST, request.FILES) if request.method == "POST" else ()
    return ApplicationForm(*data, fields=fields, application=application)


@login_required
@require_http_methods(["GET", "POST"])
def application_edit(request, pk: int):
    application = selectors.application_for_applicant(user=request.user, pk=pk)
    if application.is_submitted:
        return redirect(application.get_absolute_url())
    if not rules.has_perm("calls.edit_application", request.user, application):
        raise PermissionDenied
    form = _application_form(request, application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_save_draft(
                application=application,
                by=request.user,
                answers=form.answers(),
                files=form.files_given(),
                remove=form.files_removed(),
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            if "submit" not in request.POST:
                messages.success(request, _("Brouillon enregistré."))
                return redirect("calls:application_edit", pk=application.pk)
            try:
                services.application_submit(application=application, by=request.user)
            except ValidationError as error:
                # The draft is kept; the form shows what is missing, with what was typed.
                form = _rebind(request, application)
                form.add_error(None, _("Votre brouillon est enregistré, mais la candidature n’est pas déposée :"))
                apply_validation_error(form, error)
            else:
                messages.success(
                    request, _("Votre candidature est déposée sous le numéro %(ref)s.") % {"ref": application.reference}
                )
                return redirect("calls:receipt", pk=application.pk)
    context = {"application": application, "call": application.call, "form": form}
    return render(request, "calls/application_form.html", context)


def _rebind(request, application):
    """After saving, show the files now attached while keeping the text typed."""
    application.refresh_from_db()
    fresh = ApplicationForm(request.POST, fields=list(application.call.fields.all()), application=application)
    fresh.is_valid()
    return fresh


@login_required
@require_POST
def application_delete(request, pk: int):
    application = selectors.application_for_applicant(user=request.user, pk=pk)
    try:
        services.application_delete_draft(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
        return redirect(application.get_absolute_url())
    messages.success(request, _("Le brouillon est supprimé."))
    return redirect("calls:my_applications")


def answers_for_display(application) -> list[tuple]:
    """(question, answer text, attachment) in the form's order."""
    attachments = {a.field_id: a for a in application.attachments.all()}
    rows = []
    for field in application.call.fields.all():
        if field.kind == FieldKind.FILE:
            rows.append((field, "", attachments.get(field.pk)))
        else:
            rows.append((field, answer_rules.display_value(field, application.answers.get(field.key)), None))
    return rows


@login_required
@require_GET
def application_detail(request, pk: int):
    application = selectors.application_for_viewer(user=request.user, pk=pk)
    context = {
        "application": application,
        "call": application.call,
        "answers": answers_for_display(application),
        "is_applicant": application.applicant_id == request.user.pk,
        "can_edit": rules.has_perm("calls.edit_application", request.user, application),
        "can_manage": request.user.has_perm("calls.manage"),
    }
    return render(request, "calls/application.html", context)


@login_required
@require_GET
def application_receipt(request, pk: int):
    application = selectors.application_for_applicant(user=request.user, pk=pk)
    if not application.is_submitted:
        raise Http404
    context = {"application": application, "call": application.call, "answers": answers_for_display(application)}
    return render(request, "calls/receipt.html", context)


@login_required
@require_GET
def my_applications(request):
    page = paginate(selectors.applications_of(user=request.user), request)
    return render(request, "calls/my_applications.html", {"page": page})


@login_required
@require_GET
def attachment_download(request, pk: int, attachment: int):
    """Files are never on a public URL: each download checks who asks."""
    application = selectors.application_for_viewer(user=request.user, pk=pk)
    item = selectors.attachment_for_viewer(user=request.user, application=application, pk=attachment)
    try:
        handle = item.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=item.original_name, content_type=item.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
