"""Template helpers of the header menus: show a link only to the people who may open it."""

import rules
from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def has_perm(context, permission: str, obj=None) -> bool:
    """`{% has_perm "funding.view_funding" current_pole as can_fund %}`: the named rule for the
    person reading the page, on the pole of the page (the `perms` proxy cannot pass an object).
    Asks the rules only: Django's model backend would cost two queries on every page for
    permissions that PEPS never grants through groups."""
    user = context.get("user")
    return bool(user is not None and user.is_authenticated and rules.has_perm(permission, user, obj))
