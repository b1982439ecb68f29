"""The access rule shared by the coordination's pages."""

from django.contrib.auth.views import redirect_to_login

from peps.core.access import require


def staff_only(request, permission: str):
    """None when allowed; a login redirect for visitors. Raises 404 for people outside the
    pole (they learn nothing) and 403 for members without the right."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(request.user, permission, request.pole, hide=not request.is_member)
    return None
