"""A person's notifications: the list, marking read, and the e-mail setting."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.pagination import paginate

from . import selectors, services
from .forms import NotificationSettingsForm


@login_required
@require_GET
def notification_list(request):
    page = paginate(selectors.notifications_of(person=request.user), request, count=False)
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    template = "notifications/_list.html" if request.htmx else "notifications/list.html"
    return render(request, template, context)


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = selectors.notification_of(person=request.user, pk=pk)
    services.notification_mark_read(notification=notification)
    if request.POST.get("open") and notification.url:
        # Only our own paths: a stored URL never sends someone to another site.
        if url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()}):
            return redirect(notification.url)
    if request.htmx:
        return render(request, "notifications/_item.html", {"notification": notification})
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    count = services.notifications_mark_all_read(person=request.user)
    if count:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    initial = {"email_frequency": selectors.email_frequency_of(request.user)}
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(person=request.user, email_frequency=form.cleaned_data["email_frequency"])
        messages.success(request, _("Votre choix est enregistré."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
