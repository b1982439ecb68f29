"""Who may do what in debates, consultations and moderation.

Object-level permissions take a Debate, a Consultation, a Proposal, or a Pole (opening a
debate, moderating). Whether a debate is still open or a consultation within its dates is
checked by the services, which give a clear message rather than a 403."""

import rules

from peps.core.predicates import is_authenticated, is_network_admin, is_pole_coordinator, is_pole_member


@rules.predicate
def is_public(user, obj) -> bool:
    from .models import DebateVisibility

    return obj is not None and obj.visibility == DebateVisibility.PUBLIC


@rules.predicate
def is_author(user, obj) -> bool:
    return bool(user and user.is_authenticated and obj is not None and obj.author_id == user.pk)


@rules.predicate
def is_open_to_citizens(user, consultation) -> bool:
    return consultation is not None and consultation.open_to_citizens


can_view = is_public | is_pole_member | is_network_admin

rules.add_perm("deliberation.view_debate", can_view)
rules.add_perm("deliberation.open_debate", is_pole_member)
rules.add_perm("deliberation.post_argument", is_pole_member)
rules.add_perm("deliberation.react", is_pole_member)
rules.add_perm("deliberation.close_debate", is_author | is_pole_coordinator)
rules.add_perm("deliberation.follow", is_authenticated & can_view)
rules.add_perm("deliberation.report", is_authenticated & can_view)

rules.add_perm("deliberation.view_consultation", can_view)
rules.add_perm("deliberation.manage_consultation", is_pole_coordinator)
rules.add_perm("deliberation.participate", is_authenticated & (is_pole_member | is_open_to_citizens))

rules.add_perm("deliberation.moderate", is_pole_coordinator)
rules.add_perm("deliberation.appeal", is_author)
