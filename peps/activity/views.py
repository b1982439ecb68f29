"""Pages of the contact log. Coordinators only: a member of the pole gets 403, anyone
outside it 404 (they learn nothing of whom the pole meets)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error
from peps.core.tenancy import pole_view
from peps.directory.models import Structure

from . import selectors, services
from .forms import ContactFilterForm, ContactForm, default_period, people_of_pole, person_label


def _require_staff(request) -> None:
    require(request.user, "activity.manage_contacts", request.pole, hide=not request.is_member)


def _fixed_structure(request) -> Structure | None:
    """The structure whose page holds the quick form (posted as `from_structure`)."""
    raw = request.POST.get("from_structure") or request.GET.get("from_structure") or ""
    if not raw.isdigit():
        return None
    return Structure.objects.filter(pole=request.pole, pk=int(raw)).first()


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _apply(form, save) -> bool:
    """Run a service; its validation errors land on the form's fields."""
    try:
        save()
    except ValidationError as error:
        apply_validation_error(form, error)
        return False
    return True


@login_required
@require_GET
@pole_view
def contact_log(request):
    _require_staff(request)
    pole = request.pole
    filter_form = ContactFilterForm(request.GET or None, pole=pole)
    filters = filter_form.filters()
    page = selectors.contact_log_page(pole=pole, request=request, **filters)
    start, end = (filters.get("start"), filters.get("end"))
    default_start, default_end = default_period()
    period = (start or default_start, end or default_end)
    context = {
        "filter_form": filter_form,
        "filtered": any(filters.values()) if filters else False,
        "page": page,
        "period": period,
        "summary": selectors.contacts_summary(pole, *period),
        "form": ContactForm(pole=pole),
    }
    template = "activity/_results.html" if request.htmx else "activity/log.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def contact_add(request):
    """The quick form's target. From a structure's page (`from_structure`), htmx gets that
    page's box back; from the log, the form box plus the new row; without JavaScript, a redirect."""
    _require_staff(request)
    pole = request.pole
    structure = _fixed_structure(request)
    initial = {}
    if request.method == "GET" and structure is None and request.GET.get("structure", "").isdigit():
        initial["structure"] = request.GET["structure"]
    form = ContactForm(request.POST or None, pole=pole, fixed_structure=structure, initial=initial)
    contact = None
    if request.method == "POST" and form.is_valid():

        def save():
            nonlocal contact
            contact = services.contact_create(pole=pole, by=request.user, **form.service_fields())

        _apply(form, save)
    if contact is not None and not request.htmx:
        messages.success(request, _("Le contact est enregistré dans le journal."))
        default = structure.get_absolute_url() if structure else _log_url(pole)
        return redirect(_safe_next(request, default))
    if request.htmx and structure is not None:
        return render(request, "activity/_structure_box.html", _structure_box_context(structure, form, contact))
    if request.htmx:
        if contact is not None:
            contact = selectors.contacts_of_pole(pole).get(pk=contact.pk)
            form = ContactForm(pole=pole)
        return render(request, "activity/_quick_form.html", {"form": form, "new_contact": contact})
    return render(request, "activity/contact_form.html", {"form": form, "contact": None, "structure": structure})


def _log_url(pole) -> str:
    return reverse("activity:log", kwargs={"pole": pole.slug})


def _structure_box_context(structure, form, contact=None) -> dict:
    if contact is not None:
        form = ContactForm(pole=structure.pole, fixed_structure=structure)
    return {
        "structure": structure,
        "contact_form": form,
        "recent_contacts": selectors.recent_contacts_of_structure(structure=structure),
        "new_contact": contact,
    }


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def contact_edit(request, pk: int):
    _require_staff(request)
    contact = selectors.contact_for_coordinator(pole=request.pole, pk=pk)
    form = ContactForm(request.POST or None, pole=request.pole, instance=contact, full=True)
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if _apply(form, lambda: services.contact_update(contact=contact, by=request.user, **fields)):
            messages.success(request, _("Le contact est mis à jour."))
            return redirect(_safe_next(request, _log_url(request.pole)))
    return render(request, "activity/contact_form.html", {"form": form, "contact": contact})


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def contact_delete(request, pk: int):
    """A confirmation page; the deletion itself is a POST."""
    _require_staff(request)
    contact = selectors.contact_for_coordinator(pole=request.pole, pk=pk)
    if request.method == "POST":
        services.contact_delete(contact=contact, by=request.user)
        messages.success(request, _("Le contact est supprimé du journal."))
        return redirect(_log_url(request.pole))
    return render(request, "activity/contact_delete.html", {"contact": contact})


@login_required
@require_POST
@pole_view
def contact_done(request, pk: int):
    _require_staff(request)
    contact = selectors.contact_for_coordinator(pole=request.pole, pk=pk)
    services.contact_mark_done(contact=contact, by=request.user)
    if request.htmx:
        contact = selectors.contacts_of_pole(request.pole).get(pk=contact.pk)
        return render(request, "activity/_row.html", {"contact": contact, "just_done": True})
    messages.success(request, _("La suite à donner est marquée comme faite."))
    return redirect(_safe_next(request, _log_url(request.pole)))


@login_required
@require_GET
@pole_view
def structure_suggestions(request):
    """<option>s for the structure <datalist>: reads whichever field was typed in."""
    _require_staff(request)
    query = next((v for k, v in request.GET.items() if k.endswith("structure") and v), "")
    structures = selectors.structures_matching(pole=request.pole, query=query[:100])
    return render(request, "activity/_options.html", {"labels": [s.name for s in structures]})


@login_required
@require_GET
@pole_view
def person_suggestions(request):
    _require_staff(request)
    query = next((v for k, v in request.GET.items() if k.endswith("person_text") and v), "")
    words = [w for w in query[:100].split() if len(w) >= 2][:3]
    people = []
    if words:
        queryset = people_of_pole(request.pole)
        for word in words:
            queryset = queryset.filter(Q(display_name__icontains=word) | Q(email__icontains=word))
        people = list(queryset.order_by("display_name")[:12])
    return render(request, "activity/_options.html", {"labels": [person_label(p) for p in people]})
