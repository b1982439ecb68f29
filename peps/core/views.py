"""Platform-level pages: the language switch, legal pages, the benchmark's bare view (the
network's home page lives in the poles app, which owns the poles)."""

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET


@require_GET
def switch_language(request, code: str):
    """A link, not a form, so cached anonymous pages need no CSRF token for it."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    if code in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=365 * 24 * 3600,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
    return response


@require_GET
def hello(request):
    """The bare Django view the benchmark compares every page against."""
    return HttpResponse("hello", content_type="text/plain")


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request):
    return render(request, "core/privacy.html")
