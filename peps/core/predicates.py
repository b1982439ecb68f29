"""Shared django-rules predicates. Each takes (user, obj) where obj has a `pole`
attribute or is a Pole; app rules compose them (see docs/roles-and-permissions.md)."""

import rules

from peps.core import tenancy


def pole_of(obj):
    if obj is None:
        return None
    return obj if isinstance(obj, tenancy.pole_model()) else obj.pole


@rules.predicate
def is_authenticated(user) -> bool:
    return bool(user and user.is_authenticated)


@rules.predicate
def is_network_admin(user) -> bool:
    return tenancy.is_network_admin(user)


@rules.predicate
def is_pole_member(user, obj) -> bool:
    return tenancy.is_member(user, pole_of(obj))


@rules.predicate
def is_pole_coordinator(user, obj) -> bool:
    return tenancy.is_coordinator(user, pole_of(obj))


@rules.predicate
def is_pole_admin(user, obj) -> bool:
    return tenancy.is_pole_admin(user, pole_of(obj))
