"""Who may do what with a project (role × action table in docs/roles-and-permissions.md).

Object-level permissions take a Project; `manage_pipeline` also accepts a Pole (the board)."""

import rules

from peps.core.predicates import is_authenticated, is_network_admin, is_pole_coordinator, is_pole_member


@rules.predicate
def is_holder(user, project) -> bool:
    return bool(user and user.is_authenticated and project is not None and project.holder_id == user.pk)


@rules.predicate
def is_public_project(user, project) -> bool:
    from .models import ProjectVisibility

    return project is not None and project.visibility == ProjectVisibility.PUBLIC


can_view_project = is_public_project | is_pole_member | is_holder | is_network_admin

rules.add_perm("projects.view_project", can_view_project)
rules.add_perm("projects.submit_project", is_authenticated)
rules.add_perm("projects.change_project", is_holder | is_pole_coordinator)
rules.add_perm("projects.manage_pipeline", is_pole_coordinator)
rules.add_perm("projects.view_stage_history", is_pole_member | is_holder)
rules.add_perm("projects.view_support_log", is_holder | is_pole_coordinator)
rules.add_perm("projects.comment", is_authenticated & can_view_project)
rules.add_perm("projects.follow_project", is_authenticated & can_view_project)
