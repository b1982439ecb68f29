"""Who may do what with a pole's newsletter (role × action table in docs/roles-and-permissions.md):
the coordination composes, sends and sees the subscribers; anybody may subscribe."""

import rules

from peps.core.predicates import is_pole_coordinator

rules.add_perm("newsletters.manage", is_pole_coordinator)
