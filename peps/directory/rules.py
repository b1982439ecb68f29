"""Who may change a structure's page and who reviews representation claims."""

import rules

from peps.core.predicates import is_network_admin, is_pole_coordinator


@rules.predicate
def is_approved_representative(user, structure) -> bool:
    from .selectors import is_approved_representative as check

    return structure is not None and check(user, structure)


# obj: a Structure
rules.add_perm("directory.change_structure", is_network_admin | is_pole_coordinator | is_approved_representative)
# obj: a Pole
rules.add_perm("directory.review_claims", is_network_admin | is_pole_coordinator)
