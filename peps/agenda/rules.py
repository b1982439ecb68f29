"""Who may do what in the agenda (role × action table in docs/roles-and-permissions.md).

`publish_event` takes a Pole; the other permissions take an Event."""

import rules

from peps.core.predicates import is_authenticated, is_network_admin, is_pole_coordinator, is_pole_member


@rules.predicate
def is_public_event(user, event) -> bool:
    from .models import Audience

    return event is not None and event.audience == Audience.PUBLIC


@rules.predicate
def is_event_creator(user, event) -> bool:
    return bool(user and user.is_authenticated and event is not None and event.created_by_id == user.pk)


@rules.predicate
def may_publish_as_structure(user, pole) -> bool:
    """A member structure's representative, when the pole lets members publish events."""
    from .selectors import publishing_structures

    if pole is None or not pole.members_can_publish_events:
        return False
    return publishing_structures(user=user, pole=pole).exists()


can_view_event = is_public_event | is_pole_member | is_network_admin

rules.add_perm("agenda.view_event", can_view_event)
rules.add_perm("agenda.publish_event", is_pole_coordinator | (is_authenticated & may_publish_as_structure))
# Editing, cancelling and the organiser's tools (attendee list, attendance).
rules.add_perm("agenda.change_event", is_pole_coordinator | is_event_creator)
rules.add_perm("agenda.register", is_authenticated & can_view_event)
# The Bourse aux projets is run by the coordination: slots, resource people, contributions.
rules.add_perm("agenda.run_bourse", is_pole_coordinator)
# Names of attendees and what came out of a session stay within the pole.
rules.add_perm("agenda.view_participants", is_pole_member | is_network_admin | is_event_creator)
