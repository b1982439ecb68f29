"""services.project_submit: an idea in one's own name or for a represented structure."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.core.testing import factories as f
from peps.directory.models import RepresentativeStatus
from peps.projects.models import Domain, EconomicModel, Follow, Project, StageChange
from peps.projects.services import project_submit
from peps.projects.stages import Stage

from .factories import representative_of


def submit(pole, by, **extra):
    data = {
        "title": "Café associatif à Renaison",
        "summary": "Un lieu pour se retrouver.",
        "domain": Domain.FOOD,
        "economic_model": EconomicModel.ASSOCIATIVE,
    }
    data.update(extra)
    return project_submit(pole=pole, by=by, **data)


def test_a_citizen_submits_in_their_own_name(pole, citizen, coordinator):
    project = submit(pole, citizen)
    assert project.stage == Stage.SUBMITTED
    assert project.holder == citizen
    assert project.holder_structure is None
    assert "cafe associatif" in project.search_text
    change = StageChange.objects.get(project=project)
    assert (change.from_stage, change.to_stage, change.by) == ("", Stage.SUBMITTED, citizen)


def test_the_holder_follows_their_idea(pole, citizen):
    project = submit(pole, citizen)
    assert Follow.objects.filter(project=project, person=citizen).exists()
    assert Project.objects.get(pk=project.pk).followers_count == 1


def test_on_behalf_of_a_structure_i_represent(pole, citizen):
    structure = f.StructureFactory(pole=pole, name="Les Jardins du Roannais")
    representative_of(structure, citizen)
    project = submit(pole, citizen, structure=structure)
    assert project.holder_structure == structure
    assert project.holder_name == "Les Jardins du Roannais"


@pytest.mark.parametrize("status", [RepresentativeStatus.PENDING, RepresentativeStatus.REFUSED, None])
def test_refused_for_a_structure_i_do_not_represent(pole, citizen, status):
    structure = f.StructureFactory(pole=pole)
    if status:
        representative_of(structure, citizen, status=status)
    with pytest.raises(ValidationError):
        submit(pole, citizen, structure=structure)
    assert not Project.objects.exists()


def test_refused_for_a_structure_of_another_pole(pole, other_pole, citizen):
    structure = f.StructureFactory(pole=other_pole)
    representative_of(structure, citizen)
    with pytest.raises(ValidationError):
        submit(pole, citizen, structure=structure)


def test_coordinators_of_the_pole_are_emailed(
    pole, other_pole, citizen, coordinator, member, outsider, django_capture_on_commit_callbacks
):
    admin = f.member_of(pole, role="admin", email="adele.admin@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        project = submit(pole, citizen)
    # One e-mail each (nobody sees the others' addresses), and each one in the app too.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([coordinator.email, admin.email])
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert "Café associatif à Renaison" in mail.outbox[0].subject
    assert project.get_absolute_url() in mail.outbox[0].body
    for person in (coordinator, admin):
        assert person.notifications.get().url == project.get_absolute_url()
