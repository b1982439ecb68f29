"""Template helpers of the self-assessment pages."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: rows of an answer looked up by indicator id."""
    return mapping.get(key) if mapping else None
