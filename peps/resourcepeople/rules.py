"""Who may do what with the pool of resource people (role × action table in
docs/roles-and-permissions.md):

- see a person: public profiles for everyone, members-only profiles for members of any pole;
  withdrawn people for network administrators only;
- add or edit people: network administrators;
- send a request: the coordination of a pole (the request is on that pole's behalf);
- see a request: the coordination of the requesting pole, the person asked (if linked to an
  account), network administrators;
- record the answer: the person asked, or a network administrator;
- withdraw a pending request: the coordination of the requesting pole."""

import rules

from peps.core.predicates import is_network_admin, is_pole_coordinator


def coordinated_pole_ids(user) -> set[int]:
    """Poles where the person holds an active coordination role, cached on the user object."""
    if not (user and user.is_authenticated):
        return set()
    cached = user.__dict__.get("_peps_coordinated_poles")
    if cached is None:
        from peps.poles.models import Membership, MembershipStatus, Role

        cached = set(
            Membership.objects.filter(
                person_id=user.pk, status=MembershipStatus.ACTIVE, role__in=(Role.COORDINATOR, Role.ADMIN)
            ).values_list("pole_id", flat=True)
        )
        user.__dict__["_peps_coordinated_poles"] = cached
    return cached


def is_network_member_user(user) -> bool:
    """An active member of at least one pole (or a network administrator)."""
    if not (user and user.is_authenticated):
        return False
    cached = user.__dict__.get("_peps_network_member")
    if cached is None:
        from peps.poles.models import Membership, MembershipStatus

        cached = (
            user.is_superuser or Membership.objects.filter(person_id=user.pk, status=MembershipStatus.ACTIVE).exists()
        )
        user.__dict__["_peps_network_member"] = cached
    return cached


@rules.predicate
def is_network_member(user) -> bool:
    return is_network_member_user(user)


@rules.predicate
def coordinates_a_pole(user) -> bool:
    return bool(coordinated_pole_ids(user))


@rules.predicate
def is_public_person(user, person) -> bool:
    from .models import PersonVisibility

    return person is not None and person.is_active and person.visibility == PersonVisibility.PUBLIC


@rules.predicate
def is_active_person(user, person) -> bool:
    return person is not None and person.is_active


@rules.predicate
def is_person_asked(user, request) -> bool:
    return bool(user and user.is_authenticated and request is not None and request.person.user_id == user.pk)


rules.add_perm(
    "resourcepeople.view_person", is_public_person | (is_active_person & is_network_member) | is_network_admin
)
rules.add_perm("resourcepeople.manage", is_network_admin)
rules.add_perm("resourcepeople.send_request", coordinates_a_pole)
rules.add_perm("resourcepeople.view_request", is_network_admin | is_pole_coordinator | is_person_asked)
rules.add_perm("resourcepeople.answer_request", is_network_admin | is_person_asked)
rules.add_perm("resourcepeople.withdraw_request", is_pole_coordinator)
