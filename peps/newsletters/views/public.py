"""The subscribers' pages: subscribing (at once when signed in, by a confirmation link
otherwise), confirming, and unsubscribing from a newsletter's link without signing in."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from peps.core.tenancy import pole_view

from .. import selectors, services, tokens
from ..forms import SubscribeForm
from ..models import Source


@require_http_methods(["GET", "POST"])
@pole_view
def subscribe(request):
    pole = request.pole
    if request.user.is_authenticated:
        if request.method == "POST":
            if request.POST.get("action") == "unsubscribe":
                services.subscription_withdraw(pole=pole, user=request.user)
                messages.success(request, _("Vous ne recevrez plus la lettre de ce pôle."))
            else:
                services.subscription_consent(pole=pole, user=request.user, source=Source.FORM)
                messages.success(request, _("C’est noté : vous recevrez la lettre de ce pôle."))
            return redirect("newsletters:subscribe", pole=pole.slug)
        subscribed = any(s.is_active for s in selectors.subscriptions_of(request.user).filter(pole=pole))
        return render(request, "newsletters/subscribe.html", {"subscribed": subscribed})
    form = SubscribeForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            services.subscription_request(pole=pole, email=form.cleaned_data["email"])
            return render(request, "newsletters/subscribe_sent.html", {"email": form.cleaned_data["email"]})
        return render(request, "newsletters/subscribe.html", {"form": form}, status=400)
    return render(request, "newsletters/subscribe.html", {"form": form})


def _from_link(request, token: str, read):
    value = read(token)
    subscription = selectors.subscription_by_token(value) if value else None
    if subscription is None or subscription.pole_id != request.pole.pk:
        return None
    return subscription


def _invalid(request):
    return render(request, "newsletters/link_invalid.html", status=404)


@require_http_methods(["GET", "POST"])
@pole_view
def confirm(request, token: str):
    subscription = _from_link(request, token, tokens.read_confirm_token)
    if subscription is None:
        return _invalid(request)
    if request.method == "POST":
        services.subscription_confirm(subscription=subscription)
        return render(request, "newsletters/confirmed.html", {"subscription": subscription})
    return render(request, "newsletters/confirm.html", {"subscription": subscription})


# Mail clients' one-click unsubscribe (RFC 8058) POSTs here without any CSRF token; the
# signed token in the address is what proves the request comes from the e-mail.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@pole_view
def unsubscribe(request, token: str):
    subscription = _from_link(request, token, tokens.read_unsubscribe_token)
    if subscription is None:
        return _invalid(request)
    if request.method == "POST":
        services.subscription_unsubscribe(subscription=subscription)
        return render(request, "newsletters/unsubscribed.html", {"subscription": subscription})
    return render(request, "newsletters/unsubscribe.html", {"subscription": subscription})
