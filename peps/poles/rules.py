"""Who may do what on a pole (see docs/roles-and-permissions.md). The object is a Pole."""

import rules

from peps.core.predicates import is_authenticated, is_pole_admin, is_pole_coordinator

# Coordinators (and pole or network admins, whose rank is the same) run memberships.
rules.add_perm("poles.view_members_list", is_pole_coordinator)
rules.add_perm("poles.manage_members", is_pole_coordinator)
rules.add_perm("poles.manage_territory", is_pole_coordinator)
# The pole's identity, its colleges and who gets staff roles belong to its administrators.
rules.add_perm("poles.manage_settings", is_pole_admin)
rules.add_perm("poles.manage_colleges", is_pole_admin)
rules.add_perm("poles.grant_staff_roles", is_pole_admin)
rules.add_perm("poles.join", is_authenticated)
