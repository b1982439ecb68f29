"""Who may do what with annual reports (see docs/roles-and-permissions.md).

The board, the coordination and the pole's administrators see every report, drafts included;
ordinary members see a report once its PDF is ready (it is written for the general meeting);
only the coordination (and administrators) create, edit and generate reports."""

import rules

from peps.core import tenancy
from peps.core.predicates import is_network_admin, is_pole_coordinator, is_pole_member
from peps.poles.models import Role


@rules.predicate
def is_pole_board(user, obj) -> bool:
    from peps.core.predicates import pole_of

    return tenancy.role_in(user, pole_of(obj)) in (Role.BOARD, Role.COORDINATOR, Role.ADMIN)


@rules.predicate
def is_ready_report(user, obj) -> bool:
    from .models import Report, ReportStatus

    return isinstance(obj, Report) and obj.status == ReportStatus.READY


can_see_all = is_pole_board | is_pole_coordinator | is_network_admin

rules.add_perm("reports.list_reports", can_see_all | is_pole_member)
rules.add_perm("reports.view_report", can_see_all | (is_pole_member & is_ready_report))
rules.add_perm("reports.manage_report", is_pole_coordinator)
