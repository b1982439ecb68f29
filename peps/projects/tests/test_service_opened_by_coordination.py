"""project_mark_opened_by_coordination: the read receipt behind the board's « nouvelle » mark."""

from peps.projects.models import Project
from peps.projects.services import project_mark_opened_by_coordination


def test_the_first_opening_by_a_coordinator_is_recorded_once(coordinator, project, django_assert_num_queries):
    assert project_mark_opened_by_coordination(project=project, by=coordinator)
    first = Project.objects.get(pk=project.pk).coordination_opened_at
    assert first is not None
    # Already opened: no query at all on the next page views.
    with django_assert_num_queries(0):
        assert not project_mark_opened_by_coordination(project=project, by=coordinator)
    assert Project.objects.get(pk=project.pk).coordination_opened_at == first


def test_a_second_coordinator_with_a_stale_copy_does_not_move_the_date(coordinator, pole, project):
    from peps.core.testing import factories as f

    stale = Project.objects.get(pk=project.pk)
    other = f.member_of(pole, role="coordinator", email="paul.coordination@example.org")
    assert project_mark_opened_by_coordination(project=project, by=coordinator)
    first = Project.objects.get(pk=project.pk).coordination_opened_at
    assert not project_mark_opened_by_coordination(project=stale, by=other)
    assert Project.objects.get(pk=project.pk).coordination_opened_at == first


def test_people_who_do_not_coordinate_the_pole_leave_no_receipt(holder, member, outsider, project):
    for person in (holder, member, outsider):
        assert not project_mark_opened_by_coordination(project=project, by=person)
    assert Project.objects.get(pk=project.pk).coordination_opened_at is None
