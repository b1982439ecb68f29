"""The client's address, the same way for login throttling, rate limits and logs."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or the address the last trusted proxy saw when PEPS_TRUSTED_PROXY_COUNT is
    set: X-Forwarded-For is written by the client too, so only its trusted tail is believed."""
    address = request.META.get("REMOTE_ADDR")
    trusted = settings.PEPS_TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if trusted > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            address = hops[-min(trusted, len(hops))]
    try:
        return str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        return None


def login_identifier(request, credentials: dict | None = None) -> str:
    """Who a login attempt is for (django-axes' "username"), whatever the form called it:
    allauth authenticates with `email`, its form posts `login`. Case-folded, so that
    « Marc@Example.org » and « marc@example.org » count as one person."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not value and request is not None and hasattr(request, "POST"):
        value = request.POST.get("login") or request.POST.get("email")
    return str(value or "").strip().lower()
