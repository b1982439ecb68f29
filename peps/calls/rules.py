"""Who may do what with calls for projects (role × action table in docs/roles-and-permissions.md).

Call permissions take a Call; application permissions an Application; `calls.score` an
Assignment. The network administrators run calls; reviewers see only what is assigned to them."""

import rules

from peps.core.predicates import is_authenticated, is_network_admin


@rules.predicate
def is_public_call(user, call) -> bool:
    return call is not None and call.is_public


@rules.predicate
def is_open_call(user, call) -> bool:
    return call is not None and call.is_open()


@rules.predicate
def is_applicant(user, application) -> bool:
    return bool(user and user.is_authenticated and application is not None and application.applicant_id == user.pk)


@rules.predicate
def coordinates_the_applying_pole(user, application) -> bool:
    """A coordinator of the pole an application is for sees it, whoever of the coordination
    started it (a pole has one application per call); only its applicant edits it."""
    from peps.core.tenancy import role_in
    from peps.poles.models import Role

    if not (user and user.is_authenticated) or application is None or application.pole_id is None:
        return False
    return role_in(user, application.pole) in (Role.COORDINATOR, Role.ADMIN)


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and not application.is_submitted


@rules.predicate
def call_of_application_is_open(user, application) -> bool:
    return application is not None and application.call.is_open()


@rules.predicate
def is_assigned_without_conflict(user, application) -> bool:
    from .models import Assignment

    if not (user and user.is_authenticated) or application is None or not application.is_submitted:
        return False
    return Assignment.objects.filter(application=application, reviewer_id=user.pk, conflict=False).exists()


@rules.predicate
def is_own_assignment(user, assignment) -> bool:
    return bool(user and user.is_authenticated and assignment is not None and assignment.reviewer_id == user.pk)


@rules.predicate
def is_scorable(user, assignment) -> bool:
    from .models import CallStatus

    return (
        assignment is not None
        and not assignment.conflict
        and assignment.application.is_submitted
        and assignment.application.call.status in (CallStatus.PUBLISHED, CallStatus.CLOSED)
    )


rules.add_perm("calls.manage", is_network_admin)
rules.add_perm("calls.view_call", is_public_call | is_network_admin)
rules.add_perm("calls.apply", is_authenticated & is_open_call)
rules.add_perm(
    "calls.view_application",
    is_applicant | is_network_admin | is_assigned_without_conflict | coordinates_the_applying_pole,
)
rules.add_perm("calls.edit_application", is_applicant & is_draft & call_of_application_is_open)
rules.add_perm("calls.score", is_own_assignment & is_scorable)
rules.add_perm("calls.declare_conflict", is_own_assignment & is_scorable)
