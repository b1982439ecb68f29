"""The people of a pole: who appears for whom, search and college filter, query count."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode

from peps.core.testing import factories as f
from peps.poles.models import Membership

pytestmark = pytest.mark.django_db


def url(pole, **params):
    return reverse("directory:people", kwargs={"pole": pole.slug}) + ("?" + urlencode(params) if params else "")


def names(response):
    return {p.public_name for p in response.context["page"].items}


@pytest.fixture
def cast(pole, other_pole):
    f.member_of(pole, display_name="Pia Publique", profile_visibility="public", skills="Menuiserie, comptabilité")
    f.member_of(pole, display_name="Max Membres", profile_visibility="members", skills="Animation")
    f.member_of(pole, display_name="Cora Coordination", profile_visibility="coordinators")
    f.member_of(other_pole, display_name="Ali Ailleurs", profile_visibility="public")
    f.UserFactory(display_name="Sans Adhésion", profile_visibility="public")
    left = f.member_of(pole, display_name="Léa Partie", profile_visibility="public")
    Membership.objects.filter(person=left).update(status="left")


def test_visitors_see_only_public_profiles_of_active_members(client, pole, cast):
    assert names(client.get(url(pole))) == {"Pia Publique"}


def test_outsiders_see_only_public_profiles(client, login, pole, cast, outsider):
    login(outsider)
    assert names(client.get(url(pole))) == {"Pia Publique"}


def test_members_see_public_and_members_profiles(client, login, pole, cast, member):
    login(member)
    assert names(client.get(url(pole))) == {"Pia Publique", "Max Membres", "Marc"}


def test_coordinators_see_every_member(client, login, pole, cast, coordinator):
    login(coordinator)
    assert names(client.get(url(pole))) == {"Pia Publique", "Max Membres", "Cora Coordination", "Claire"}


def test_search_by_name_or_skill(client, login, pole, cast, member):
    login(member)
    assert names(client.get(url(pole, q="menuiserie"))) == {"Pia Publique"}
    assert names(client.get(url(pole, q="max"))) == {"Max Membres"}
    assert names(client.get(url(pole, q="pia animation"))) == set()


def test_search_uses_the_folded_search_text_when_filled(client, pole):
    person = f.member_of(pole, display_name="Élodie", profile_visibility="public")
    person.search_text = "elodie ebeniste"
    person.save()
    assert names(client.get(url(pole, q="ÉBÉNISTE"))) == {"Élodie"}


def test_search_does_not_reveal_hidden_profiles(client, pole, cast):
    assert names(client.get(url(pole, q="animation"))) == set()


def test_filter_by_college(client, pole):
    college = f.CollegeFactory(pole=pole, name="Société civile")
    f.member_of(pole, display_name="Dans le collège", college=college, profile_visibility="public")
    f.member_of(pole, display_name="Hors collège", profile_visibility="public")
    response = client.get(url(pole, college=college.pk))
    assert names(response) == {"Dans le collège"}
    assert "Société civile" in response.content.decode()


@pytest.mark.parametrize("params", [{"college": "abc"}, {"college": "999999"}, {"page": "abc"}, {"q": "é" * 300}])
def test_malformed_parameters_are_ignored(client, pole, cast, params):
    response = client.get(url(pole, **params))
    assert response.status_code == 200
    assert names(response) == {"Pia Publique"}


def test_an_empty_list_says_why(client, pole):
    assert "Aucun profil n’est visible pour vous" in client.get(url(pole)).content.decode()


def test_htmx_requests_get_only_the_results(client, pole, cast):
    html = client.get(url(pole), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in html and "Pia Publique" in html


def test_the_list_keeps_a_bounded_number_of_queries(client, login, pole, member, django_assert_max_num_queries):
    college = f.CollegeFactory(pole=pole)
    commune = f.CommuneFactory()
    for n in range(35):
        f.member_of(
            pole, display_name=f"Personne {n:02d}", college=college, commune=commune, profile_visibility="public"
        )
    with django_assert_max_num_queries(4):
        response = client.get(url(pole))
    assert len(response.context["page"].items) == 20
    login(member)
    with django_assert_max_num_queries(7):  # +1: the unread notifications count in the header
        client.get(url(pole, q="personne", college=college.pk))
