"""Who may do what in the self-assessment (role × action table in docs/roles-and-permissions.md).

Objects: a Campaign (results), a Pole (answering), an Answer (reading the detail)."""

import rules

from peps.core.predicates import is_authenticated, is_network_admin, is_pole_coordinator, pole_of
from peps.core.tenancy import role_in


@rules.predicate
def is_pole_board(user, obj) -> bool:
    from peps.poles.models import Role

    return role_in(user, pole_of(obj)) == Role.BOARD


@rules.predicate
def is_public_answer(user, answer) -> bool:
    return bool(answer is not None and answer.public and answer.is_submitted)


@rules.predicate
def is_closed_campaign(user, campaign) -> bool:
    return campaign is not None and campaign.is_closed


@rules.predicate
def is_member_of_invited_pole(user, campaign) -> bool:
    """Signed in and an active member (own membership) of one of the invited poles."""
    from peps.poles.models import Membership, MembershipStatus

    if campaign is None or not (user and user.is_authenticated):
        return False
    cache = user.__dict__.setdefault("_peps_assessment_invited", {})
    if campaign.pk not in cache:
        cache[campaign.pk] = Membership.objects.filter(
            person=user, status=MembershipStatus.ACTIVE, pole__assessment_campaigns=campaign
        ).exists()
    return cache[campaign.pk]


rules.add_perm("assessment.manage_campaigns", is_network_admin)
# Aggregates only: member of an invited pole while it runs, everyone once it is closed.
rules.add_perm("assessment.view_results", is_network_admin | is_closed_campaign | is_member_of_invited_pole)
rules.add_perm("assessment.answer", is_authenticated & is_pole_coordinator)
rules.add_perm("assessment.view_answer", is_network_admin | is_public_answer | is_pole_coordinator | is_pole_board)
rules.add_perm("assessment.publish_answer", is_authenticated & is_pole_coordinator)
rules.add_perm("assessment.reopen_answer", is_network_admin)
