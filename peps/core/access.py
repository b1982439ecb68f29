"""Access helpers' shared shape: 404 for missing or hidden, 403 for seen-but-not-allowed."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404


def can(user, permission: str, obj=None) -> bool:
    """The named rule alone, for display decisions. It is asked directly: user.has_perm would
    first ask Django's model backend, two queries per request for permissions the platform
    never grants that way."""
    return rules.has_perm(permission, user, obj)


def require(user, permission: str, obj=None, *, hide: bool = False) -> None:
    """Raise 403 (or 404 when `hide`, so outsiders learn nothing) unless allowed; an active
    superuser is allowed everything, as with user.has_perm."""
    superuser = bool(user is not None and user.is_active and getattr(user, "is_superuser", False))
    if not (superuser or can(user, permission, obj)):
        if hide:
            raise Http404
        raise PermissionDenied
