"""network:compare — 2 to 4 poles side by side; bad choices get a French message, never a 500."""

from django.urls import reverse

from peps.core.typography import french_text
from peps.network import services

from .factories import many_poles

URL = reverse("network:compare")


def test_without_choice_the_page_shows_the_form_only(client, located_pole):
    response = client.get(URL)
    assert response.status_code == 200 and response.context["poles"] == []
    assert "Choisissez" not in response.content.decode()


def test_a_fiche_can_preselect_its_pole(client, located_pole):
    response = client.get(URL, {"avec": "pollens"})
    assert response.context["form"]["poles"].value() == ["pollens"]
    assert response.context["poles"] == [] and "Choisissez" not in response.content.decode()


def test_a_ptce_is_compared_with_a_pole_de_competitivite(client, located_pole, competitive_pole):
    response = client.get(URL, {"poles": ["pollens", "textile"]})
    assert response.status_code == 200
    assert [p.slug for p in response.context["poles"]] == ["pollens", "textile"]
    html = response.content.decode()
    assert '<th scope="col">' in html and '<th scope="row">' in html
    assert "Ascendante" in html and "Descendante" in html
    assert "Croissance économique" in html and "Développement local durable" in html
    assert "Résultats au référentiel PTCE" in html


def test_fewer_than_two_or_more_than_four_poles_are_refused_in_french(client, db):
    many_poles(5)
    one = client.get(URL, {"poles": ["reseau-000"]})
    assert one.status_code == 200 and "au moins deux pôles" in one.content.decode()
    slugs = [f"reseau-{n:03d}" for n in range(5)]
    five = client.get(URL, {"poles": slugs})
    assert five.status_code == 200 and "au plus quatre pôles" in five.content.decode()
    assert five.context["poles"] == []
    empty = client.get(URL, {"poles": ""})
    assert empty.status_code == 200 and "au moins deux pôles" in empty.content.decode()


def test_an_unknown_slug_is_named_in_the_message(client, located_pole, competitive_pole):
    response = client.get(URL, {"poles": ["pollens", "n-existe-pas"]})
    assert response.status_code == 200
    assert french_text("« n-existe-pas » est inconnu") in response.content.decode()


def test_a_non_public_fiche_cannot_be_compared_by_visitors_but_by_its_members(
    client, located_pole, competitive_pole, member
):
    services.profile_update(pole=located_pole, by=None, values={"public": False})
    refused = client.get(URL, {"poles": ["pollens", "textile"]})
    assert refused.context["poles"] == [] and french_text("« pollens » est inconnu") in refused.content.decode()
    client.force_login(member)
    allowed = client.get(URL, {"poles": ["pollens", "textile"]})
    assert [p.slug for p in allowed.context["poles"]] == ["pollens", "textile"]


def test_repeated_slugs_count_once(client, located_pole, competitive_pole):
    response = client.get(URL, {"poles": ["pollens", "pollens", "textile"]})
    assert [p.slug for p in response.context["poles"]] == ["pollens", "textile"]


def test_query_count_with_four_poles_among_100(client, django_assert_max_num_queries, db):
    many_poles(100)
    with django_assert_max_num_queries(12):
        response = client.get(URL, {"poles": [f"reseau-{n:03d}" for n in range(4)]})
    assert len(response.context["poles"]) == 4
