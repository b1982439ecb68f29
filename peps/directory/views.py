"""Temporary skeleton: replaced by the app's real views."""

from django.http import HttpResponse

from peps.core.tenancy import pole_view


@pole_view
def index(request):
    return HttpResponse("")
