"""Territory pages: commune suggestions for forms (htmx) and public unit pages."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from .selectors import communes_matching


@require_GET
def commune_suggestions(request):
    """<option> elements for the commune <datalist>; reads whichever field was typed in."""
    query = request.GET.get("commune") or request.GET.get("q") or ""
    for key, value in request.GET.items():
        if key.endswith("commune") and value:
            query = value
    return render(request, "territory/_commune_options.html", {"communes": communes_matching(query)})
