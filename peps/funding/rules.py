"""Who may see and change the pole's funding. The coordination and the pole's administration
record it; the board (who answers for the accounts) reads it. Plain members get 403, people
outside the pole 404. A treasurer role would need a new poles.Role value (see the report)."""

import rules

from peps.core import tenancy
from peps.core.predicates import is_pole_coordinator, pole_of
from peps.poles.models import Role


@rules.predicate
def is_board_member(user, obj) -> bool:
    return tenancy.role_in(user, pole_of(obj)) == Role.BOARD


rules.add_perm("funding.view_funding", is_board_member | is_pole_coordinator)
rules.add_perm("funding.manage_funding", is_pole_coordinator)
