"""Who may use the contact log: the pole's staff only (coordination and pole administration,
and the network administrator). Members get 403; people outside the pole get 404."""

import rules

from peps.core.predicates import is_pole_coordinator

rules.add_perm("activity.view_contacts", is_pole_coordinator)
rules.add_perm("activity.manage_contacts", is_pole_coordinator)
