"""My personal data: download an archive of it, choose my newsletters, delete my account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from peps.newsletters import services as newsletters
from peps.newsletters.selectors import subscriptions_of
from peps.poles.models import MembershipStatus, Pole

from .. import services
from ..forms import AccountDeleteForm, NewsletterChoiceForm
from ..models import ExportStatus, PersonalDataExport


@login_required
@require_http_methods(["GET", "POST"])
def data_export(request):
    """The archive's page: start a build (POST), then watch it (htmx polls the partial)."""
    if request.method == "POST":
        services.personal_data_export_request(user=request.user)
        return redirect("accounts:data")
    export = PersonalDataExport.objects.filter(user=request.user).first()
    context = {"export": export, "expired": bool(export and export.expires_at and export.expires_at < timezone.now())}
    template = "accounts/_export_status.html" if request.htmx else "accounts/data.html"
    return render(request, template, context)


@login_required
@require_GET
def data_download(request, public_id):
    # Only the owner's own archive: any other id is "not found", whoever it belongs to.
    export = PersonalDataExport.objects.filter(user=request.user, public_id=public_id).first()
    if export is None or export.status != ExportStatus.READY:
        raise Http404
    if export.expires_at and export.expires_at < timezone.now():
        messages.error(request, _("Ce lien a expiré : préparez une nouvelle archive."))
        return redirect("accounts:data")
    path = services.export_path(export)
    if not path.exists():
        raise Http404
    filename = f"peps-mes-donnees-{timezone.localdate(export.finished_at):%Y-%m-%d}.zip"
    response = FileResponse(path.open("rb"), as_attachment=True, filename=filename, content_type="application/zip")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    form = AccountDeleteForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            services.user_erase(user=request.user, by=request.user)
            logout(request)
            return redirect("accounts:deleted")
        return render(request, "accounts/delete.html", {"form": form}, status=400)
    return render(request, "accounts/delete.html", {"form": form})


@require_GET
def account_deleted(request):
    return render(request, "accounts/deleted.html")


@login_required
@require_http_methods(["GET", "POST"])
def newsletter_choices(request):
    """Consent (or not) to each pole's newsletter: the poles I belong to and those I chose."""
    subscriptions = list(subscriptions_of(request.user))
    member_of = Pole.objects.filter(memberships__person=request.user, memberships__status=MembershipStatus.ACTIVE).only(
        "pk", "name"
    )
    poles = {pole.pk: pole for pole in member_of}
    poles.update({s.pole.pk: s.pole for s in subscriptions})
    ordered = sorted(poles.values(), key=lambda pole: pole.name)
    active = {str(s.pole_id) for s in subscriptions if s.is_active}
    # An empty POST (every box unticked) is still a submitted form.
    data = request.POST if request.method == "POST" else None
    form = NewsletterChoiceForm(data, poles=ordered, initial={"poles": sorted(active)})
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["poles"])
        for pk, pole in form.poles.items():
            if pk in chosen and pk not in active:
                newsletters.subscription_consent(pole=pole, user=request.user)
            elif pk not in chosen and pk in active:
                newsletters.subscription_withdraw(pole=pole, user=request.user)
        messages.success(request, _("Vos choix de lettres d’information sont enregistrés."))
        return redirect("accounts:newsletters")
    return render(request, "accounts/newsletters.html", {"form": form, "has_poles": bool(ordered)})
