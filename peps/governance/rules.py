"""Who may do what in governance (role × action table in docs/roles-and-permissions.md).

Objects: a Body, a Motion (its body, or the pole for a vote open to every member), or a Pole."""

import rules
from django.db.models import Q
from django.utils import timezone

from peps.core.predicates import is_authenticated, is_network_admin, is_pole_coordinator, is_pole_member


def _body_of(obj):
    from .models import Body

    if isinstance(obj, Body):
        return obj
    return getattr(obj, "body", None)


@rules.predicate
def is_public_body(user, obj) -> bool:
    from peps.core.visibility import Visibility

    body = _body_of(obj)
    return body is not None and body.visibility == Visibility.PUBLIC


@rules.predicate
def is_body_manager(user, obj) -> bool:
    """The chair or the secretary of the body, on a current seat."""
    from .models import MANAGING_ROLES, BodyMember

    body = _body_of(obj)
    if body is None or not (user and user.is_authenticated):
        return False
    cache = user.__dict__.setdefault("_peps_managed_bodies", {})
    if body.pk not in cache:
        today = timezone.localdate()
        cache[body.pk] = (
            BodyMember.objects.filter(body=body, person=user, role__in=MANAGING_ROLES, since__lte=today)
            .filter(Q(until__isnull=True) | Q(until__gt=today))
            .exists()
        )
    return cache[body.pk]


can_view = is_public_body | is_pole_member | is_network_admin
can_manage = is_pole_coordinator | is_body_manager

rules.add_perm("governance.view_body", can_view)
rules.add_perm("governance.manage_body", can_manage)
rules.add_perm("governance.follow_body", is_authenticated & can_view)
rules.add_perm("governance.send_proposal", can_manage)
rules.add_perm("governance.give_proxy", is_pole_member)
# A motion without a body is open to every member of the pole: only members see it.
rules.add_perm("governance.view_motion", can_view)
rules.add_perm("governance.manage_motion", can_manage)
rules.add_perm("governance.create_pole_motion", is_pole_coordinator)
rules.add_perm("governance.create_body", is_pole_coordinator)
