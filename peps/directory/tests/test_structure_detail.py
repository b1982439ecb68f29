"""A structure's page: every field, contact details by privacy level, memberships,
representatives, projects, the buttons each person gets, and its query count."""

import datetime

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.directory.models import RepresentativeStatus
from peps.poles.models import Membership
from peps.projects.models import ProjectVisibility

from .factories import RepresentativeFactory, sector

pytestmark = pytest.mark.django_db


def url(structure):
    return reverse("directory:structure", kwargs={"pole": structure.pole.slug, "slug": structure.slug})


@pytest.fixture
def structure(pole, commune):
    structure = f.StructureFactory(
        pole=pole,
        name="La Tricoterie",
        slug="la-tricoterie",
        commune=commune,
        summary="Un atelier partagé de tricot.",
        description="Un **atelier** ouvert à tous. <script>alert(1)</script>",
        siren="732829320",
        siret="73282932000074",
        rna="W423001234",
        website="https://tricoterie.example.org",
        address="12 rue du Lin",
        address_visibility="public",
        email="bonjour@tricoterie.example.org",
        email_visibility="public",
        phone="04 77 00 00 01",
        phone_visibility="members",
        contact_name="Rose Contact-Coordination",
        contact_visibility="coordinators",
    )
    structure.sectors.set([sector("culture"), sector("insertion")])
    return structure


def test_shows_all_public_fields_to_a_visitor(client, structure):
    html = client.get(url(structure)).content.decode()
    for text in [
        "La Tricoterie",
        "Un atelier partagé de tricot.",
        "<strong>atelier</strong>",
        "732829320",
        "73282932000074",
        "W423001234",
        "Roanne (42)",
        "Culture et patrimoine",
        "Insertion",
        "https://tricoterie.example.org",
        "12 rue du Lin",
        "bonjour@tricoterie.example.org",
    ]:
        assert text in html, text


def test_the_description_is_sanitised(client, structure):
    html = client.get(url(structure)).content.decode()
    assert "<script>alert" not in html


def test_a_members_only_phone_is_hidden_from_visitors_and_outsiders(client, login, structure, outsider):
    assert "04 77 00 00 01" not in client.get(url(structure)).content.decode()
    login(outsider)
    assert "04 77 00 00 01" not in client.get(url(structure)).content.decode()


def test_a_member_sees_members_only_fields_but_not_coordinators_only_ones(client, login, structure, member):
    login(member)
    html = client.get(url(structure)).content.decode()
    assert "04 77 00 00 01" in html
    assert "Rose Contact-Coordination" not in html


def test_a_coordinator_sees_every_contact_field(client, login, structure, coordinator):
    login(coordinator)
    html = client.get(url(structure)).content.decode()
    assert "04 77 00 00 01" in html
    assert "Rose Contact-Coordination" in html


def test_a_representative_sees_every_field_of_their_own_structure(client, login, structure, citizen):
    RepresentativeFactory(structure=structure, person=citizen)
    login(citizen)
    assert "Rose Contact-Coordination" in client.get(url(structure)).content.decode()


def test_shows_memberships_of_this_pole_only(client, structure, pole, other_pole):
    college = f.CollegeFactory(pole=pole, name="Acteurs de l’ESS")
    Membership.objects.create(pole=pole, structure=structure, college=college, joined_on=datetime.date(2013, 3, 1))
    html = client.get(url(structure)).content.decode()
    assert "Acteurs de l’ESS" in html
    assert french_text("1 mars 2013") in html


def test_lists_approved_representatives_whose_profile_the_viewer_may_see(client, login, structure, member):
    RepresentativeFactory(
        structure=structure,
        person=f.UserFactory(display_name="Paula Publique", profile_visibility="public"),
        title="Présidente",
    )
    RepresentativeFactory(structure=structure, person=f.UserFactory(display_name="Mina Membres"))
    RepresentativeFactory(
        structure=structure, person=f.UserFactory(display_name="Pierre Pending"), status=RepresentativeStatus.PENDING
    )
    html = client.get(url(structure)).content.decode()
    assert "Paula Publique, Présidente" in html
    assert "Mina Membres" not in html
    assert "1 autre représentant·e" in html
    assert "Pierre Pending" not in html
    login(member)
    assert "Mina Membres" in client.get(url(structure)).content.decode()


def test_shows_the_structures_visible_projects(client, login, structure, pole, member):
    f.ProjectFactory(pole=pole, holder_structure=structure, title="Projet public")
    f.ProjectFactory(
        pole=pole, holder_structure=structure, title="Projet interne", visibility=ProjectVisibility.MEMBERS
    )
    html = client.get(url(structure)).content.decode()
    assert "Projet public" in html
    assert "Projet interne" not in html
    login(member)
    assert "Projet interne" in client.get(url(structure)).content.decode()


def test_visitors_get_no_buttons_and_signed_in_people_can_claim(client, login, structure, citizen):
    claim_url = reverse("directory:claim", kwargs={"pole": structure.pole.slug, "slug": structure.slug})
    edit_url = reverse("directory:edit", kwargs={"pole": structure.pole.slug, "slug": structure.slug})
    html = client.get(url(structure)).content.decode()
    assert claim_url not in html and edit_url not in html
    login(citizen)
    html = client.get(url(structure)).content.decode()
    assert "Je représente cette structure" in html
    assert edit_url not in html


@pytest.mark.parametrize("who", ["coordinator", "network_admin"])
def test_coordinators_and_admins_get_the_edit_button(client, login, structure, who, request):
    login(request.getfixturevalue(who))
    edit_url = reverse("directory:edit", kwargs={"pole": structure.pole.slug, "slug": structure.slug})
    assert edit_url in client.get(url(structure)).content.decode()


def test_a_pending_claimant_sees_their_claim_is_waiting(client, login, structure, citizen):
    RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(citizen)
    html = client.get(url(structure)).content.decode()
    assert "en attente de validation" in html
    assert "Je représente cette structure" not in html


def test_a_structure_of_another_pole_is_a_404(client, structure, other_pole):
    assert client.get(f"/p/{other_pole.slug}/annuaire/{structure.slug}/").status_code == 404
    assert client.get(f"/p/{structure.pole.slug}/annuaire/inconnue/").status_code == 404


def test_a_deactivated_structure_is_seen_only_by_those_who_may_edit_it(client, login, structure, member, coordinator):
    structure.is_active = False
    structure.save()
    assert client.get(url(structure)).status_code == 404
    login(member)
    assert client.get(url(structure)).status_code == 404
    login(coordinator)
    assert client.get(url(structure)).status_code == 200


def test_the_page_keeps_a_bounded_number_of_queries(
    client, login, structure, pole, member, django_assert_max_num_queries
):
    college = f.CollegeFactory(pole=pole)
    Membership.objects.create(pole=pole, structure=structure, college=college)
    for n in range(12):
        RepresentativeFactory(structure=structure, person=f.UserFactory(profile_visibility="public"))
        f.ProjectFactory(pole=pole, holder_structure=structure, title=f"Projet {n}")
    with django_assert_max_num_queries(7):  # +1: the structure's partnerships (issue 3)
        response = client.get(url(structure))
    assert len(response.context["projects"]) == 10
    login(member)
    with django_assert_max_num_queries(11):  # +2: partnerships, and the unread count in the header
        client.get(url(structure))


def test_values_are_escaped_and_sentences_translated(client, structure, pole, settings):
    college = f.CollegeFactory(pole=pole, name="<b>Collège</b> & co")
    Membership.objects.create(pole=pole, structure=structure, college=college, joined_on=datetime.date(2013, 3, 1))
    RepresentativeFactory(structure=structure, person=f.UserFactory(display_name="<i>Mina</i>"))
    html = client.get(url(structure)).content.decode()
    assert "<b>Collège</b>" not in html and "&lt;b&gt;Collège&lt;/b&gt; &amp; co" in html
    assert "<i>Mina</i>" not in html
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get(url(structure)).content.decode()
    assert "“&lt;b&gt;Collège&lt;/b&gt; &amp; co” college, since 1 March 2013" in html
    assert "1 other representative with a non-public profile" in html
