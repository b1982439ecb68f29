"""network:profile and network:profile_edit — who sees a fiche, who changes it, its history."""

from django.urls import reverse

from peps.network import services
from peps.network.models import PoleProfile, PoleProfileChange


def url(slug="pollens"):
    return reverse("network:profile", kwargs={"slug": slug})


def edit_url(slug="pollens"):
    return reverse("network:profile_edit", kwargs={"slug": slug})


def test_the_fiche_shows_both_grids(client, located_pole, member):
    response = client.get(url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Grille de comparaison" in html and "Grille d’émergence" in html
    assert "Développement local durable" in html and "Ascendante" in html and "Roannais textile" in html
    assert "Auvergne-Rhône-Alpes" in html
    assert "Modifier la fiche" not in html


def test_a_pole_without_fiche_says_so(client, other_pole):
    response = client.get(url(other_pole.slug))
    assert response.status_code == 200
    assert "pas encore rempli sa fiche" in response.content.decode()
    assert not PoleProfile.objects.exists()  # reading never writes


def test_unknown_pole_is_404(client, db):
    assert client.get(url("inconnu")).status_code == 404


def test_a_non_public_fiche_is_hidden_from_visitors_and_outsiders(client, located_pole, member, outsider):
    services.profile_update(pole=located_pole, by=None, values={"public": False})
    assert client.get(url()).status_code == 404
    client.force_login(outsider)
    assert client.get(url()).status_code == 404
    assert client.get(edit_url()).status_code == 404
    client.force_login(member)
    assert client.get(url()).status_code == 200


def test_network_admin_sees_a_non_public_fiche(client, located_pole, network_admin):
    services.profile_update(pole=located_pole, by=None, values={"public": False})
    client.force_login(network_admin)
    assert client.get(url()).status_code == 200


def test_anonymous_is_sent_to_login_to_edit(client, located_pole):
    response = client.get(edit_url())
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_members_and_outsiders_may_not_edit(client, located_pole, member, outsider):
    for person in (member, outsider):
        client.force_login(person)
        assert client.get(edit_url()).status_code == 403
        assert client.post(edit_url(), {"purposes": "Piraté"}).status_code == 403
    assert PoleProfile.objects.get(pole=located_pole).purposes == "Développement local durable"


def test_coordinator_edits_the_fiche_and_the_history_shows_it(client, located_pole, coordinator):
    client.force_login(coordinator)
    assert client.get(edit_url()).status_code == 200
    theme = located_pole.profile.themes.get()
    response = client.post(
        edit_url(),
        {
            "public": "on",
            "purposes": "Fédérer, développer, accompagner, promouvoir",
            "approach": "mixed",
            "themes": [theme.pk],
            "new_themes": "Mobilité, Habitat",
            "staff_count": "3",
        },
    )
    assert response.status_code == 302 and response["Location"] == url()
    profile = PoleProfile.objects.get(pole=located_pole)
    assert profile.approach == "mixed" and profile.staff_count == 3 and profile.updated_by == coordinator
    assert sorted(t.name for t in profile.themes.all()) == ["Habitat", "Mobilité", "Économie sociale et solidaire"]
    change = PoleProfileChange.objects.filter(by=coordinator).get()
    assert "themes" in change.fields and "purposes" in change.fields
    page = client.get(url()).content.decode()
    assert "Historique des modifications" in page and "Claire" in page


def test_network_admin_may_edit_any_fiche(client, other_pole, network_admin):
    client.force_login(network_admin)
    response = client.post(edit_url(other_pole.slug), {"public": "on", "approach": "top_down"})
    assert response.status_code == 302
    assert PoleProfile.objects.get(pole=other_pole).approach == "top_down"


def test_bad_input_keeps_what_was_typed_with_a_french_message(client, located_pole, coordinator):
    client.force_login(coordinator)
    response = client.post(edit_url(), {"purposes": "Mon texte", "approach": "sideways", "staff_count": "beaucoup"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mon texte" in html and "Le formulaire contient des erreurs" in html
    assert PoleProfile.objects.get(pole=located_pole).purposes == "Développement local durable"


def test_query_count_of_the_fiche(client, located_pole, coordinator, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert client.get(url()).status_code == 200
