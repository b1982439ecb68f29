"""Who may do what with referentials: reading published versions is open to everyone (the
référentiel is a common good of the network, meant to be enriched in the open); every change,
drafts included, is for network administrators."""

import rules

from peps.core.predicates import is_network_admin

rules.add_perm("referentials.manage", is_network_admin)
rules.add_perm("referentials.view_drafts", is_network_admin)
