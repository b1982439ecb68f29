"""Who may run the matching's indexing: the network administration only (it serves every pole)."""

import rules

from peps.core.predicates import is_network_admin

# no obj: the index of every pole
rules.add_perm("matching.run_indexing", is_network_admin)
