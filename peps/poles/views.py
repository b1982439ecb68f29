"""Pole pages: home, territory, memberships."""

from django.shortcuts import render

from peps.core.cache import anonymous_cache
from peps.core.tenancy import pole_view


@anonymous_cache
@pole_view
def home(request):
    return render(request, "poles/home.html", {"pole": request.pole})


@anonymous_cache
@pole_view
def territory(request):
    return render(request, "poles/home.html", {"pole": request.pole})


@pole_view
def members(request):
    return render(request, "poles/home.html", {"pole": request.pole})
