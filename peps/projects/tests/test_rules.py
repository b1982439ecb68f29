"""The role × action table of projects, checked against the rules."""

import pytest
from django.contrib.auth.models import AnonymousUser

ROLES = ["anonymous", "citizen", "outsider", "member", "board_member", "holder", "coordinator", "network_admin"]
# perm -> roles allowed, on a PUBLIC project / on a MEMBERS-ONLY project
TABLE = {
    "projects.view_project": (set(ROLES), {"member", "board_member", "holder", "coordinator", "network_admin"}),
    "projects.comment": (
        set(ROLES) - {"anonymous"},
        {"member", "board_member", "holder", "coordinator", "network_admin"},
    ),
    "projects.change_project": ({"holder", "coordinator", "network_admin"},) * 2,
    "projects.manage_pipeline": ({"coordinator", "network_admin"},) * 2,
    "projects.view_support_log": ({"holder", "coordinator", "network_admin"},) * 2,
    "projects.view_stage_history": ({"member", "board_member", "holder", "coordinator", "network_admin"},) * 2,
}


def person(request, role):
    return AnonymousUser() if role == "anonymous" else request.getfixturevalue(role)


@pytest.mark.parametrize("perm", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_public_project(request, project, perm, role):
    assert person(request, role).has_perm(perm, project) is (role in TABLE[perm][0])


@pytest.mark.parametrize("perm", list(TABLE))
@pytest.mark.parametrize("role", ROLES)
def test_members_only_project(request, members_project, perm, role):
    assert person(request, role).has_perm(perm, members_project) is (role in TABLE[perm][1])


def test_the_board_is_for_coordinators_of_the_pole(pole, other_pole, coordinator, member, outsider):
    assert coordinator.has_perm("projects.manage_pipeline", pole)
    assert not member.has_perm("projects.manage_pipeline", pole)
    assert not outsider.has_perm("projects.manage_pipeline", pole)
    assert outsider.has_perm("projects.manage_pipeline", other_pole)
