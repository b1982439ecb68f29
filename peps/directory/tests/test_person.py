"""A person's page: shown only to those their profile is visible to, with e-mail and phone
by their own privacy levels, the structures they represent and their projects here."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.projects.models import ProjectVisibility

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def url(pole, person):
    return reverse("directory:person", kwargs={"pole": pole.slug, "pk": person.pk})


@pytest.fixture
def person(pole, commune):
    return f.member_of(
        pole,
        display_name="Inès Tisserande",
        profile_visibility="members",
        commune=commune,
        skills="Tissage, couture",
        offer="Des heures d’atelier",
        bio="Ancienne de la filière textile.",
        email="ines@example.org",
        email_visibility="members",
        phone="06 11 22 33 44",
        phone_visibility="coordinators",
    )


def test_a_members_only_profile_is_a_404_for_visitors_and_outsiders(client, login, pole, person, outsider):
    assert client.get(url(pole, person)).status_code == 404
    login(outsider)
    assert client.get(url(pole, person)).status_code == 404


def test_a_member_sees_the_profile_and_members_only_email_but_not_the_phone(client, login, pole, person, member):
    login(member)
    html = client.get(url(pole, person)).content.decode()
    for text in [
        "Inès Tisserande",
        "Roanne (42)",
        "Tissage, couture",
        "Des heures d’atelier",
        "Ancienne de la filière textile.",
        "ines@example.org",
    ]:
        assert text in html, text
    assert "06 11 22 33 44" not in html


def test_a_coordinator_sees_the_phone(client, login, pole, person, coordinator):
    login(coordinator)
    assert "06 11 22 33 44" in client.get(url(pole, person)).content.decode()


def test_a_public_profile_is_seen_by_visitors_without_private_contacts(client, pole, person):
    person.profile_visibility = "public"
    person.save()
    html = client.get(url(pole, person)).content.decode()
    assert "Inès Tisserande" in html
    assert "ines@example.org" not in html


def test_a_person_sees_their_own_profile_whole(client, login, pole, person):
    person.profile_visibility = "coordinators"
    person.save()
    login(person)
    html = client.get(url(pole, person)).content.decode()
    assert "ines@example.org" in html and "06 11 22 33 44" in html


def test_someone_who_is_not_a_member_of_this_pole_is_a_404(client, login, pole, other_pole, coordinator):
    elsewhere = f.member_of(other_pole, profile_visibility="public")
    stranger = f.UserFactory(profile_visibility="public")
    login(coordinator)
    assert client.get(url(pole, elsewhere)).status_code == 404
    assert client.get(url(pole, stranger)).status_code == 404
    assert client.get(f"/p/{pole.slug}/annuaire/personnes/999999/").status_code == 404


def test_shows_represented_structures_and_visible_projects_of_this_pole(
    client, login, pole, other_pole, person, member
):
    RepresentativeFactory(person=person, structure=f.StructureFactory(pole=pole, name="Atelier Fil"))
    RepresentativeFactory(person=person, structure=f.StructureFactory(pole=other_pole, name="Ailleurs SA"))
    RepresentativeFactory(person=person, structure=f.StructureFactory(pole=pole, name="Pas encore"), status="pending")
    f.ProjectFactory(pole=pole, holder=person, title="Une friperie")
    f.ProjectFactory(pole=pole, holder=person, title="Projet interne", visibility=ProjectVisibility.MEMBERS)
    f.ProjectFactory(pole=other_pole, holder=person, title="Projet d’ailleurs")
    person.profile_visibility = "public"
    person.save()
    html = client.get(url(pole, person)).content.decode()
    assert "Atelier Fil" in html and "Une friperie" in html
    for hidden in ["Ailleurs SA", "Pas encore", "Projet interne", "Projet d’ailleurs"]:
        assert hidden not in html, hidden
    login(member)
    assert "Projet interne" in client.get(url(pole, person)).content.decode()


def test_the_page_keeps_a_bounded_number_of_queries(client, login, pole, person, member, django_assert_max_num_queries):
    for n in range(12):
        RepresentativeFactory(person=person, structure=f.StructureFactory(pole=pole))
        f.ProjectFactory(pole=pole, holder=person, title=f"Projet {n}")
    login(member)
    with django_assert_max_num_queries(9):  # +1: the unread notifications count in the header
        response = client.get(url(pole, person))
    assert len(response.context["structures"]) == 12
    assert len(response.context["projects"]) == 10
