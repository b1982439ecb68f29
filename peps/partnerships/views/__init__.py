"""Views of partnerships, split by audience: the hub and one's own page, needs, offers,
a partnership's page, and the coordinators' dashboard."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404


def can(user, permission: str, obj=None) -> bool:
    # The rule alone: user.has_perm would also ask Django's model backend (two queries).
    return rules.has_perm(permission, user, obj)


def require_rule(user, permission: str, obj=None, *, hide: bool = False) -> None:
    """403 (or 404 when `hide`) unless the named rule allows it."""
    if not can(user, permission, obj):
        if hide:
            raise Http404
        raise PermissionDenied
