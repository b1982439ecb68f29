"""The coordination's pages: the issues, composing with a preview, sending once, the record
of deliveries and the list of subscribers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.access import require
from peps.core.forms import apply_validation_error, refusal_text
from peps.core.markdown import render_markdown
from peps.core.pagination import paginate
from peps.core.tenancy import pole_view

from .. import selectors, services
from ..forms import NewsletterForm
from ..models import Newsletter


def _require_manage(request) -> None:
    """Coordinators only; members get 403, everyone else 404 (they learn nothing)."""
    require(request.user, "newsletters.manage", request.pole, hide=not request.is_member)


def _newsletter(request, pk: int) -> Newsletter:
    _require_manage(request)
    return get_object_or_404(Newsletter.objects.select_related("pole"), pole=request.pole, pk=pk)


@login_required
@require_GET
@pole_view
def index(request):
    _require_manage(request)
    context = {
        "page": paginate(selectors.newsletters_of(request.pole), request),
        "subscribers": selectors.active_subscriptions(request.pole).count(),
    }
    return render(request, "newsletters/index.html", context)


def _compose(request, newsletter: Newsletter | None):
    form = NewsletterForm(request.POST or None, instance=newsletter)
    preview = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if "preview" in request.POST:
                preview = render_markdown(data["body"])
            else:
                try:
                    if newsletter is None:
                        newsletter = services.newsletter_create(
                            pole=request.pole, by=request.user, subject=data["subject"], body=data["body"]
                        )
                    else:
                        services.newsletter_update(
                            newsletter=newsletter, by=request.user, subject=data["subject"], body=data["body"]
                        )
                except ValidationError as error:
                    apply_validation_error(form, error)
                else:
                    messages.success(request, _("Le brouillon est enregistré."))
                    return redirect("newsletters:detail", pole=request.pole.slug, pk=newsletter.pk)
        if form.errors:
            status = 400
    context = {"form": form, "newsletter": newsletter, "preview": preview}
    return render(request, "newsletters/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def create(request):
    _require_manage(request)
    return _compose(request, None)


@login_required
@require_http_methods(["GET", "POST"])
@pole_view
def edit(request, pk: int):
    newsletter = _newsletter(request, pk)
    if not newsletter.is_draft:
        messages.error(request, _("Cette lettre est déjà envoyée : elle ne peut plus être modifiée."))
        return redirect("newsletters:detail", pole=request.pole.slug, pk=newsletter.pk)
    return _compose(request, newsletter)


@login_required
@require_GET
@pole_view
def detail(request, pk: int):
    newsletter = _newsletter(request, pk)
    context = {"newsletter": newsletter}
    if newsletter.is_draft:
        context["subscribers"] = selectors.active_subscriptions(request.pole).count()
    else:
        context["page"] = paginate(selectors.deliveries_of(newsletter), request, per_page=50)
    return render(request, "newsletters/detail.html", context)


@login_required
@require_POST
@pole_view
def send(request, pk: int):
    newsletter = _newsletter(request, pk)
    try:
        count = services.newsletter_send(newsletter=newsletter, by=request.user)
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("La lettre part vers %(n)d destinataire(s) : suivez l’envoi ci-dessous.") % {"n": count}
        )
    return redirect("newsletters:detail", pole=request.pole.slug, pk=newsletter.pk)


@login_required
@require_GET
@pole_view
def subscribers(request):
    _require_manage(request)
    context = {
        "page": paginate(selectors.subscribers_of(request.pole), request, per_page=50),
        "active": selectors.active_subscriptions(request.pole).count(),
    }
    return render(request, "newsletters/subscribers.html", context)
