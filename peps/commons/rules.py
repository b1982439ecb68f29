"""Who may do what with shared resources (role × action table in docs/roles-and-permissions.md).

`manage_resources` takes a Pole or a Resource; booking permissions take a Resource or a Booking."""

import rules

from peps.core import tenancy
from peps.core.predicates import is_pole_coordinator


@rules.predicate
def is_active_resource(user, resource) -> bool:
    return resource is not None and resource.is_active


@rules.predicate
def is_room(user, resource) -> bool:
    from .models import ResourceKind

    return resource is not None and resource.kind == ResourceKind.ROOM


def represents_structure_of(user, pole) -> bool:
    """A partner: the approved representative of an active structure of the pole's directory."""
    from peps.directory.models import Representative, RepresentativeStatus

    cache = user.__dict__.setdefault("_peps_partner_of", {})
    if pole.pk not in cache:
        cache[pole.pk] = Representative.objects.filter(
            person_id=user.pk,
            status=RepresentativeStatus.APPROVED,
            structure__pole_id=pole.pk,
            structure__is_active=True,
        ).exists()
    return cache[pole.pk]


@rules.predicate
def may_book(user, resource) -> bool:
    """The resource's own rule on who may book, on top of its being open to bookings."""
    from .models import WhoMayBook

    if not (user and user.is_authenticated) or resource is None or not resource.is_active:
        return False
    if tenancy.is_member(user, resource.pole) or resource.who_may_book == WhoMayBook.SIGNED_IN:
        return True
    if resource.who_may_book == WhoMayBook.PARTNERS:
        return represents_structure_of(user, resource.pole)
    return False


@rules.predicate
def is_booker(user, booking) -> bool:
    return bool(user and user.is_authenticated and booking is not None and booking.booked_by_id == user.pk)


rules.add_perm("commons.view_resource", is_active_resource | is_pole_coordinator)
rules.add_perm("commons.book_resource", may_book)
rules.add_perm("commons.book_series", may_book & is_room)
rules.add_perm("commons.manage_resources", is_pole_coordinator)
rules.add_perm("commons.view_booking", is_booker | is_pole_coordinator)
rules.add_perm("commons.cancel_booking", is_booker | is_pole_coordinator)
rules.add_perm("commons.decide_booking", is_pole_coordinator)
