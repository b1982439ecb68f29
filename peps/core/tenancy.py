"""Tenancy: which pole a request is about, and what the signed-in person is in it.

Roles are looked up once per request and kept on the user object, so that the many
permission checks of one page cost one query at most.

The base knows no domain model: the poles app owns the Pole model and the role lookup (a
membership, or the representation of a member structure) and registers them here from its
AppConfig.ready(), as an app registers its models with the admin.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from peps.core.visibility import RANK, Visibility


@dataclass(frozen=True)
class PoleProvider:
    """What the app that owns poles tells the base: the model, how to find a person's role
    (person id, pole id) -> role or None, which level each role reads, the admin role, and
    the pole of a slug with a person's role read by the same query (slug, person id) ->
    (pole, role), or None when no pole has that slug (person id None: a visitor, no role)."""

    pole_model: type
    lookup_role: Callable[[int, int], str | None]
    role_visibility: Mapping[str, str]
    admin_role: str
    pole_with_role: Callable[[str, int | None], tuple[Any, str | None] | None]

    def rank(self, role: str | None) -> int:
        if role is None:
            return RANK[Visibility.PUBLIC]
        return RANK.get(self.role_visibility.get(role), 0)


_provider: PoleProvider | None = None


def register_pole_provider(provider: PoleProvider) -> None:
    global _provider
    _provider = provider


def provider() -> PoleProvider:
    if _provider is None:
        raise ImproperlyConfigured("peps.poles registers the pole model and the role lookup in its AppConfig.ready().")
    return _provider


def pole_model() -> type:
    return provider().pole_model


def get_pole(slug: str, user=None):
    """The pole of a URL (404 when missing). For a signed-in person, their role in it comes
    with the pole, by the same query, and is remembered as role_in() remembers it: every page
    of a pole asks for both."""
    signed_in = bool(user and user.is_authenticated)
    found = provider().pole_with_role(slug, user.pk if signed_in else None)
    if found is None:
        raise Http404("No pole has this address.")
    pole, role = found
    if signed_in:
        _roles_of(user)[pole.pk] = role
    return pole


def is_network_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_superuser)


def role_in(user, pole) -> str | None:
    """The person's role in the pole: their own membership, or MEMBER when they
    represent a member structure; None for visitors and outsiders."""
    if not (user and user.is_authenticated) or pole is None:
        return None
    roles = _roles_of(user)
    if pole.pk not in roles:
        roles[pole.pk] = provider().lookup_role(user.pk, pole.pk)
    return roles[pole.pk]


def _roles_of(user) -> dict:
    # getattr/setattr reach the real user through request.user's lazy wrapper, so the
    # view's checks and the permission backend's (which gets the unwrapped user) share it.
    roles = getattr(user, "_peps_roles", None)
    if roles is None:
        roles = {}
        user._peps_roles = roles
    return roles


def forget_roles(user) -> None:
    """Call after changing someone's membership within the same request."""
    if getattr(user, "_peps_roles", None) is not None:
        user._peps_roles = None


def viewer_rank(user, pole) -> int:
    if is_network_admin(user):
        return RANK[Visibility.COORDINATORS]
    return provider().rank(role_in(user, pole))


def is_member(user, pole) -> bool:
    return viewer_rank(user, pole) >= RANK[Visibility.MEMBERS]


def is_coordinator(user, pole) -> bool:
    return viewer_rank(user, pole) >= RANK[Visibility.COORDINATORS]


def is_pole_admin(user, pole) -> bool:
    return is_network_admin(user) or role_in(user, pole) == provider().admin_role


def pole_view(view):
    """Resolve the <pole> URL part once: sets request.pole and the viewer's standing in it."""

    @wraps(view)
    def wrapped(request, pole, *args, **kwargs):
        request.pole = get_pole(pole, request.user)
        request.pole_role = role_in(request.user, request.pole)
        request.viewer_rank = viewer_rank(request.user, request.pole)
        request.is_member = is_member(request.user, request.pole)
        request.is_coordinator = is_coordinator(request.user, request.pole)
        return view(request, *args, **kwargs)

    return wrapped
