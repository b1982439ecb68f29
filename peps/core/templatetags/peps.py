"""Template helpers: sanitised Markdown, field visibility, URLs that keep filters."""

from django import template
from django.utils.http import urlencode

from peps.core.markdown import render_markdown
from peps.core.visibility import can_see

register = template.Library()


@register.filter
def markdown(text):
    return render_markdown(text)


@register.filter
def visible_to(level, rank):
    """{% if obj.email_visibility|visible_to:viewer_rank %}"""
    return can_see(level, int(rank or 0))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (e.g. page=2)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return "?" + urlencode(sorted(params.lists()), doseq=True) if params else "?"
