"""The pole home page: purpose, kind, territory figures, colleges, counts, latest projects."""

import pytest
from django.core.cache import cache

from peps.core.testing import factories as f
from peps.poles.models import Membership
from peps.poles.selectors import pole_figures_key
from peps.projects.models import ProjectVisibility

pytestmark = pytest.mark.django_db


def test_shows_purpose_kind_territory_and_colleges(client, small_territory, college):
    pole = small_territory
    pole.purpose = "Nous **fédérons** les acteurs de l’ESS."
    pole.territory_name = "Roannais"
    pole.save()
    html = client.get("/p/pollens/").content.decode()
    assert "<strong>fédérons</strong>" in html
    assert "Pôle territorial de coopération économique" in html
    assert "Association" in html
    assert "Roannais" in html
    assert "49\xa0700 habitants, 4 communes" in html
    assert "Acteurs de l’ESS" in html and "<td>6</td>" in html
    assert "Rejoindre le pôle" in html


def test_counts_member_structures_and_people(client, pole, member, coordinator):
    structure = f.StructureFactory(pole=pole)
    Membership.objects.create(pole=pole, structure=structure)
    Membership.objects.create(pole=pole, person=f.UserFactory(), status="pending")
    response = client.get("/p/pollens/")
    figures = response.context["figures"]
    assert (figures["people"], figures["structures"]) == (2, 1)


def test_figures_are_cached_per_pole(client, small_territory):
    client.get("/p/pollens/")
    assert cache.get(pole_figures_key(small_territory.pk))["communes"] == 4


def test_anonymous_sees_public_projects_only_member_sees_all(client, pole, member):
    f.ProjectFactory(pole=pole, title="Recyclerie publique")
    f.ProjectFactory(pole=pole, title="Projet confidentiel", visibility=ProjectVisibility.MEMBERS)
    html = client.get("/p/pollens/").content.decode()
    assert "Recyclerie publique" in html and "Projet confidentiel" not in html
    client.force_login(member)
    html = client.get("/p/pollens/").content.decode()
    assert "Projet confidentiel" in html
    assert "Rejoindre le pôle" not in html


def test_shows_the_six_latest_projects(client, pole):
    for n in range(8):
        f.ProjectFactory(pole=pole, title=f"Projet numéro {n}")
    html = client.get("/p/pollens/").content.decode()
    assert "Projet numéro 7" in html and "Projet numéro 2" in html
    assert "Projet numéro 1" not in html


def test_anonymous_page_has_no_post_form(client, pole):
    assert 'method="post"' not in client.get("/p/pollens/").content.decode()


def test_unknown_pole_is_404(client, db):
    assert client.get("/p/nulle-part/").status_code == 404


def test_admin_sees_settings_links(client, pole, pole_admin, member):
    client.force_login(pole_admin)
    assert "/p/pollens/reglages/" in client.get("/p/pollens/").content.decode()
    client.force_login(member)
    assert "/p/pollens/reglages/" not in client.get("/p/pollens/").content.decode()


def test_anonymous_page_shows_a_change_at_once(client, pole, settings):
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 60
    client.get("/p/pollens/")
    pole.name = "Nom changé"
    pole.save()
    assert "Nom changé" in client.get("/p/pollens/").content.decode()


def test_queries_are_bounded(client, small_territory, member, django_assert_max_num_queries):
    pole = small_territory
    for n in range(4):
        f.CollegeFactory(pole=pole, name=f"Collège {n}")
    for _ in range(10):
        f.ProjectFactory(pole=pole)
    client.force_login(member)
    client.get("/p/pollens/")  # warms the figures cache
    with django_assert_max_num_queries(8):
        assert client.get("/p/pollens/").status_code == 200
