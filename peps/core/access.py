"""Access helpers' shared shape: 404 for missing or hidden, 403 for seen-but-not-allowed."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def require(user, permission: str, obj=None, *, hide: bool = False) -> None:
    """Raise 403 (or 404 when `hide`, so outsiders learn nothing) unless allowed."""
    if not user.has_perm(permission, obj):
        if hide:
            raise Http404
        raise PermissionDenied
