"""Follow and support: idempotent, counters updated in the database."""

from peps.projects.models import Follow, Project, Support
from peps.projects.services import project_follow, project_support, project_unfollow, project_unsupport


def test_following_twice_adds_one_follow(project, citizen):
    assert project_follow(project=project, person=citizen) is True
    assert project_follow(project=project, person=citizen) is False
    assert Follow.objects.filter(project=project).count() == 1
    assert Project.objects.get(pk=project.pk).followers_count == 1
    assert project.followers_count == 1


def test_unfollowing_removes_and_decrements_once(project, citizen):
    project_follow(project=project, person=citizen)
    assert project_unfollow(project=project, person=citizen) is True
    assert project_unfollow(project=project, person=citizen) is False
    assert Project.objects.get(pk=project.pk).followers_count == 0


def test_supporting_twice_adds_one_support(project, citizen, member):
    project_support(project=project, person=citizen)
    project_support(project=project, person=citizen)
    project_support(project=project, person=member)
    assert Support.objects.filter(project=project).count() == 2
    assert Project.objects.get(pk=project.pk).supporters_count == 2


def test_unsupporting_never_makes_the_counter_negative(project, citizen):
    Support.objects.create(project=project, person=citizen)  # counter out of step, e.g. an import
    project_unsupport(project=project, person=citizen)
    assert Project.objects.get(pk=project.pk).supporters_count == 0
