"""{% unread_notifications request.user as n %} for the header's bell."""

from django import template

from peps.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user) -> int:
    return unread_count(user)
