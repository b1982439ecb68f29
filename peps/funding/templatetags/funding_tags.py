"""{{ amount|euros }} → « 1 234,50 € »; {{ share|percent }} → « 91 % »."""

from django import template

from ..money import format_euros, format_percent

register = template.Library()


@register.filter
def euros(value):
    return format_euros(value)


@register.filter
def euros_rounded(value):
    return format_euros(value, cents=False)


@register.filter
def percent(value):
    return format_percent(value)
