"""Who may import (see docs/imports.md and docs/roles-and-permissions.md): only the pole's
coordination (and the network administration) imports into a pole; only the network
administration loads the official registers, which serve every pole."""

import rules

from peps.core.predicates import is_network_admin, is_pole_coordinator

# obj: a Pole or an ImportJob
rules.add_perm("imports.manage_imports", is_pole_coordinator)
# obj: a Pole (completing its structures, listing the territory's ESS structures)
rules.add_perm("imports.use_registers", is_pole_coordinator)
# no obj: the registers shared by every pole
rules.add_perm("imports.load_registers", is_network_admin)
