"""Who may see and change a pole's fiche. Objects: a PoleProfile, or a Pole (its fiche)."""

import rules

from peps.core.predicates import is_network_admin, is_pole_coordinator, is_pole_member


@rules.predicate
def is_public_profile(user, obj) -> bool:
    from .models import PoleProfile

    if isinstance(obj, PoleProfile):
        return obj.public
    # A pole without a fiche yet shows only its public identity: nothing to hide.
    profile = getattr(obj, "profile", None) if obj is not None else None
    return profile is None or profile.public


can_view_profile = is_public_profile | is_pole_member | is_network_admin

rules.add_perm("network.view_profile", can_view_profile)
# Coordinators and administrators of the pole; network administrators rank as coordinators.
rules.add_perm("network.change_profile", is_pole_coordinator | is_network_admin)
