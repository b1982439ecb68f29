"""Temporary skeleton: replaced by the real profile views."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def profile(request):
    return HttpResponse("")
