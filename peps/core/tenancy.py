"""Tenancy: which pole a request is about, and what the signed-in person is in it.

Roles are looked up once per request and kept on the user object, so that the many
permission checks of one page cost one query at most.
"""

from django.shortcuts import get_object_or_404

from peps.core.visibility import RANK, Visibility
from peps.directory.models import Representative, RepresentativeStatus
from peps.poles.models import Membership, MembershipStatus, Pole, Role

# Rank of each role for reading fields: see peps.core.visibility.
ROLE_RANK = {
    None: RANK[Visibility.PUBLIC],
    Role.MEMBER: RANK[Visibility.MEMBERS],
    Role.BOARD: RANK[Visibility.MEMBERS],
    Role.COORDINATOR: RANK[Visibility.COORDINATORS],
    Role.ADMIN: RANK[Visibility.COORDINATORS],
}


def get_pole(slug: str) -> Pole:
    return get_object_or_404(Pole, slug=slug)


def is_network_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def role_in(user, pole) -> str | None:
    """The person's role in the pole: their own membership, or MEMBER when they
    represent a member structure; None for visitors and outsiders."""
    if not (user and user.is_authenticated) or pole is None:
        return None
    # getattr/setattr reach the real user through request.user's lazy wrapper, so the
    # view's checks and the permission backend's (which gets the unwrapped user) share it.
    roles = getattr(user, "_peps_roles", None)
    if roles is None:
        roles = {}
        user._peps_roles = roles
    if pole.pk not in roles:
        roles[pole.pk] = _lookup_role(user.pk, pole.pk)
    return roles[pole.pk]


def _lookup_role(person_id: int, pole_id: int) -> str | None:
    """The own membership first (one indexed lookup, the common case), then whether the
    person represents a member structure."""
    active = Membership.objects.filter(pole_id=pole_id, status=MembershipStatus.ACTIVE)
    role = active.filter(person_id=person_id).values_list("role", flat=True).first()
    if role is not None:
        return role
    represented = Representative.objects.filter(person_id=person_id, status=RepresentativeStatus.APPROVED)
    return Role.MEMBER if active.filter(structure_id__in=represented.values("structure_id")).exists() else None


def forget_roles(user) -> None:
    """Call after changing someone's membership within the same request."""
    if getattr(user, "_peps_roles", None) is not None:
        user._peps_roles = None


def viewer_rank(user, pole) -> int:
    if is_network_admin(user):
        return RANK[Visibility.COORDINATORS]
    return ROLE_RANK.get(role_in(user, pole), 0)


def is_member(user, pole) -> bool:
    return viewer_rank(user, pole) >= RANK[Visibility.MEMBERS]


def is_coordinator(user, pole) -> bool:
    return viewer_rank(user, pole) >= RANK[Visibility.COORDINATORS]


def is_pole_admin(user, pole) -> bool:
    return is_network_admin(user) or role_in(user, pole) == Role.ADMIN


def pole_view(view):
    """Resolve the <pole> URL part once: sets request.pole and the viewer's standing in it."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, pole, *args, **kwargs):
        request.pole = get_pole(pole)
        request.pole_role = role_in(request.user, request.pole)
        request.viewer_rank = viewer_rank(request.user, request.pole)
        request.is_member = is_member(request.user, request.pole)
        request.is_coordinator = is_coordinator(request.user, request.pole)
        return view(request, *args, **kwargs)

    return wrapped
