"""network:directory — every pole, filters, search, SQL pagination, bounded queries."""

from django.urls import reverse

from peps.core.testing import factories as f
from peps.network import services

from .factories import many_poles

URL = reverse("network:directory")


def names(response):
    return [p.name for p in response.context["page"].items]


def test_lists_every_pole_with_kind_region_themes_and_members(client, located_pole, member, competitive_pole):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Pôle de compétitivité Textile", "POLLENS — Roannais"]
    html = response.content.decode()
    assert "Auvergne-Rhône-Alpes" in html and "Économie sociale et solidaire" in html
    assert "Pôle de compétitivité" in html
    rows = {pole.name: pole for pole in response.context["page"].items}
    assert rows["POLLENS — Roannais"].members_count == 1
    # A pole with nobody on the platform reads « — », not a count of 0.
    assert rows["Pôle de compétitivité Textile"].members_count == 0
    assert "aucun membre inscrit sur la plateforme" in html


def test_members_count_counts_active_people_and_structures_only(client, pole, member, commune):
    from peps.poles.models import Membership, MembershipStatus

    structure = f.StructureFactory(pole=pole, commune=commune)
    Membership.objects.create(pole=pole, structure=structure)
    Membership.objects.create(pole=pole, person=f.UserFactory(), status=MembershipStatus.PENDING)
    Membership.objects.create(pole=pole, person=f.UserFactory(), status=MembershipStatus.LEFT)
    row = client.get(URL).context["page"].items[0]
    assert row.members_count == 2


def test_poles_are_sorted_in_french_order(client, db):
    for name in ["Zéro déchet", "Éoliennes du Pays", "Energies citoyennes", "Pôle n° 10", "Pôle n° 2", "abeilles"]:
        f.PoleFactory(name=name)
    assert names(client.get(URL)) == [
        "abeilles",
        "Energies citoyennes",
        "Éoliennes du Pays",
        "Pôle n° 2",
        "Pôle n° 10",
        "Zéro déchet",
    ]


def test_filters_by_kind_region_theme_and_search(client, located_pole, competitive_pole):
    assert names(client.get(URL, {"kind": "competitive"})) == ["Pôle de compétitivité Textile"]
    assert names(client.get(URL, {"region": "84"})) == ["POLLENS — Roannais"]
    theme = located_pole.profile.themes.get()
    assert names(client.get(URL, {"theme": theme.slug})) == ["POLLENS — Roannais"]
    assert names(client.get(URL, {"q": "roannais economie"})) == ["POLLENS — Roannais"]
    assert names(client.get(URL, {"q": "textile"})) == ["Pôle de compétitivité Textile"]


def test_malformed_filters_are_ignored(client, located_pole, competitive_pole):
    response = client.get(URL, {"kind": "nope", "region": "999", "theme": "<x>", "page": "abc"})
    assert response.status_code == 200
    assert len(names(response)) == 2


def test_themes_of_a_non_public_fiche_are_neither_shown_nor_matched(client, located_pole, other_pole):
    services.profile_update(pole=located_pole, by=None, values={"public": False})
    theme = located_pole.profile.themes.get()
    services.profile_update(pole=other_pole, by=None, values={}, themes=[theme])
    assert names(client.get(URL, {"theme": theme.slug})) == ["Autre pôle"]
    services.profile_update(pole=other_pole, by=None, values={}, themes=[])
    html = client.get(URL).content.decode()
    assert "Économie sociale et solidaire" not in html
    assert reverse("network:profile", kwargs={"slug": located_pole.slug}) not in html
    assert "fiche non publique" in html


def test_htmx_gets_the_results_only(client, located_pole):
    response = client.get(URL, headers={"HX-Request": "true"})
    assert "<h1>" not in response.content.decode() and "POLLENS" in response.content.decode()


def test_pagination_is_done_in_sql(client, db):
    many_poles(25)
    first = client.get(URL)
    assert len(first.context["page"].items) == 20 and first.context["page"].has_next
    assert len(client.get(URL, {"page": 2}).context["page"].items) == 5


def test_query_count_stays_constant_with_100_poles(client, django_assert_max_num_queries, db):
    many_poles(100)
    user = f.UserFactory()
    client.force_login(user)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"theme": "culture", "region": "84"})
    assert len(response.context["page"].items) == 20
    with django_assert_max_num_queries(10):
        client.get(URL)
