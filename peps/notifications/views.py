"""A person's notifications: the list grouped by day, opening one (which marks it read),
marking read, and the e-mail settings."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from peps.core.pagination import paginate

from . import selectors, services
from .forms import NotificationSettingsForm


def _by_day(notifications) -> list[tuple[str, list]]:
    """[(« Aujourd’hui » / « Hier » / « lundi 7 décembre 2026 », [notifications])], newest first."""
    today = timezone.localdate()
    days: list[tuple[datetime.date, list]] = []
    for notification in notifications:
        day = timezone.localtime(notification.created_at).date()
        if not days or days[-1][0] != day:
            days.append((day, []))
        days[-1][1].append(notification)
    labels = {today: _("Aujourd’hui"), today - datetime.timedelta(days=1): _("Hier")}
    return [(labels.get(day) or date_format(day, "l j F Y"), items) for day, items in days]


@login_required
@require_GET
def notification_list(request):
    page = paginate(selectors.notifications_of(person=request.user), request, count=False)
    context = {"page": page, "days": _by_day(page.items), "unread": selectors.unread_count_of_request(request)}
    template = "notifications/_list.html" if request.htmx else "notifications/list.html"
    return render(request, template, context)


def _safe_target(request, url: str) -> str | None:
    # Only our own paths: a stored URL never sends someone to another site.
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}):
        return url
    return None


@login_required
@require_GET
def notification_open(request, pk: int):
    """The link every notification carries (in the list and in e-mails): opening the object
    it is about marks it read. A GET, so it works from an e-mail; marking read is idempotent."""
    notification = selectors.notification_of(person=request.user, pk=pk)
    services.notification_mark_read(notification=notification)
    return redirect(_safe_target(request, notification.url) or "notifications:list")


@login_required
@require_POST
def notification_read(request, pk: int):
    notification = selectors.notification_of(person=request.user, pk=pk)
    services.notification_mark_read(notification=notification)
    if request.POST.get("open") and _safe_target(request, notification.url):
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
    frequency, muted = selectors.email_settings_of(request.user)
    initial = {"email_frequency": frequency, "muted_kinds": muted}
    form = NotificationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.notification_settings_update(
            person=request.user,
            email_frequency=form.cleaned_data["email_frequency"],
            muted_kinds=form.cleaned_data["muted_kinds"],
        )
        messages.success(request, _("Votre choix est enregistré."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form})
