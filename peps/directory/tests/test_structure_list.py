"""The directory of a pole's structures: filters, search, pagination, htmx, queries."""

import datetime

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.directory.models import LegalForm, MuseumStatus
from peps.directory.selectors import communes_with_structures
from peps.poles.models import Membership
from peps.territory.models import Commune

from .factories import sector, structure_with_search

pytestmark = pytest.mark.django_db


def url(pole, **params):
    from django.utils.http import urlencode

    return reverse("directory:list", kwargs={"pole": pole.slug}) + ("?" + urlencode(params) if params else "")


def names(response):
    return [s.name for s in response.context["page"].items]


def test_lists_the_active_structures_of_the_pole_by_name(client, pole, other_pole):
    f.StructureFactory(pole=pole, name="Bravo")
    f.StructureFactory(pole=pole, name="Alpha")
    f.StructureFactory(pole=pole, name="Retirée", is_active=False)
    f.StructureFactory(pole=other_pole, name="Ailleurs")
    response = client.get(url(pole))
    assert response.status_code == 200
    assert names(response) == ["Alpha", "Bravo"]
    assert "2 structures" in response.content.decode()


def test_a_row_shows_legal_form_museum_status_commune_summary_and_sectors(client, pole, commune):
    structure_with_search(
        pole=pole,
        name="Musée de la Maille",
        legal_form=LegalForm.MUSEE,
        museum_status=MuseumStatus.ASSOCIATIF,
        commune=commune,
        summary="Le textile roannais raconté.",
        sectors=[sector("culture")],
    )
    html = client.get(url(pole)).content.decode()
    assert "Musée de la Maille" in html
    assert "Musée associatif" in html
    assert "Roanne (42)" in html
    assert "Le textile roannais raconté." in html
    assert "Culture et patrimoine" in html


def test_search_ignores_accents_and_case(client, pole):
    structure_with_search(pole=pole, name="Maison de l’Économie solidaire")
    structure_with_search(pole=pole, name="Garage associatif")
    assert names(client.get(url(pole, q="economie"))) == ["Maison de l’Économie solidaire"]
    assert names(client.get(url(pole, q="ÉCONOMIE Maison"))) == ["Maison de l’Économie solidaire"]
    assert names(client.get(url(pole, q="economie garage"))) == []


def test_search_finds_sector_names(client, pole):
    structure_with_search(pole=pole, name="Les Jardins", sectors=[sector("agriculture")])
    structure_with_search(pole=pole, name="Cyclo")
    assert names(client.get(url(pole, q="circuits courts"))) == ["Les Jardins"]


def test_filters_by_legal_form_sector_and_commune(client, pole, commune):
    elsewhere = f.CommuneFactory(name="Riorges")
    structure_with_search(pole=pole, name="Scop du coin", legal_form=LegalForm.SCOP, commune=commune)
    structure_with_search(
        pole=pole,
        name="Asso verte",
        legal_form=LegalForm.ASSOCIATION,
        commune=elsewhere,
        sectors=[sector("environnement")],
    )
    assert names(client.get(url(pole, legal_form="scop"))) == ["Scop du coin"]
    assert names(client.get(url(pole, sector="environnement"))) == ["Asso verte"]
    assert names(client.get(url(pole, commune=commune.code))) == ["Scop du coin"]


def test_the_commune_filter_offers_only_communes_with_structures(client, pole, commune):
    f.CommuneFactory(name="Sans structure")
    f.StructureFactory(pole=pole, commune=commune)
    choices = dict(client.get(url(pole)).context["form"].fields["commune"].choices)
    assert choices.keys() == {"", commune.code}


def test_filters_by_college_of_the_active_membership_in_this_pole(client, pole, other_pole):
    actors = f.CollegeFactory(pole=pole, name="Acteurs de l’ESS")
    others = f.CollegeFactory(pole=other_pole, name="Collège d’ailleurs")
    inside = f.StructureFactory(pole=pole, name="Dans le collège")
    left = f.StructureFactory(pole=pole, name="Sortie")
    f.StructureFactory(pole=pole, name="Sans adhésion")
    Membership.objects.create(pole=pole, structure=inside, college=actors, joined_on=datetime.date(2020, 1, 1))
    Membership.objects.create(pole=pole, structure=left, college=actors, status="left")
    assert names(client.get(url(pole, college=actors.pk))) == ["Dans le collège"]
    # A college of another pole is not a choice here: the filter is ignored.
    assert len(names(client.get(url(pole, college=others.pk)))) == 3


@pytest.mark.parametrize(
    "params",
    [
        {"legal_form": "inconnue"},
        {"sector": "pas-un-secteur"},
        {"commune": "99999"},
        {"college": "abc"},
        {"page": "abc"},
        {"page": "-3"},
        {"q": "x" * 500},
    ],
)
def test_malformed_parameters_are_ignored(client, pole, params):
    f.StructureFactory(pole=pole, name="Alpha")
    response = client.get(url(pole, **params))
    assert response.status_code == 200
    assert names(response) == ["Alpha"]
    assert response.context["page"].number == 1
    assert not response.context["form"].errors


def test_a_valid_filter_is_kept_when_another_is_malformed(client, pole):
    f.StructureFactory(pole=pole, name="Scop", legal_form=LegalForm.SCOP)
    f.StructureFactory(pole=pole, name="Asso")
    response = client.get(url(pole, legal_form="scop", sector="nope"))
    assert names(response) == ["Scop"]
    assert response.context["form"]["legal_form"].value() == "scop"


def test_results_are_paginated_in_sql(client, pole, settings):
    for n in range(25):
        f.StructureFactory(pole=pole, name=f"Structure {n:02d}")
    page2 = client.get(url(pole, page=2))
    assert names(page2) == [f"Structure {n:02d}" for n in range(20, 25)]
    assert "25 structures" in page2.content.decode()


def test_empty_results_explain_what_to_do(client, pole):
    f.StructureFactory(pole=pole, name="Alpha")
    html = client.get(url(pole, q="introuvable")).content.decode()
    assert "Aucune structure ne correspond" in html
    assert "Retirer la recherche et les filtres" in html


def test_an_empty_directory_invites_to_add_a_structure(client, pole):
    html = client.get(url(pole)).content.decode()
    assert "encore vide" in html
    assert reverse("directory:create", kwargs={"pole": pole.slug}) in html


def test_htmx_requests_get_only_the_results(client, pole):
    structure_with_search(pole=pole, name="Alpha")
    response = client.get(url(pole, q="alpha"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "1 structure" in html
    assert "HX-Request" in response["Vary"]


def test_the_filter_form_works_without_javascript(client, pole):
    html = client.get(url(pole)).content.decode()
    assert 'method="get"' in html
    assert 'type="submit"' in html
    assert 'hx-get="' in html


def test_an_unknown_pole_is_a_404(client, db):
    assert client.get("/p/inconnu/annuaire/").status_code == 404


def test_the_list_keeps_a_bounded_number_of_queries(client, login, pole, member, django_assert_max_num_queries):
    college = f.CollegeFactory(pole=pole)
    communes = [f.CommuneFactory() for _ in range(5)]
    sectors = [sector("insertion"), sector("numerique"), sector("habitat")]
    for n in range(40):
        structure = structure_with_search(
            pole=pole, name=f"Structure {n:02d}", commune=communes[n % 5], sectors=sectors
        )
        Membership.objects.create(pole=pole, structure=structure, college=college)
    with django_assert_max_num_queries(7):
        response = client.get(url(pole))
    assert len(names(response)) == 20
    login(member)
    with django_assert_max_num_queries(9):
        response = client.get(url(pole, college=college.pk, sector="insertion", q="structure"))
    assert len(names(response)) == 20


def test_cards_escape_what_representatives_typed(client, pole):
    evil = '<script>alert("x")</script>'
    f.StructureFactory(pole=pole, name=evil, summary=evil)
    content = client.get(url(pole)).content.decode()
    assert "<script>alert" not in content
    # Escaped (Django writes &quot;, the Jinja2 partials &#34;: both are the same text).
    assert "&lt;script&gt;alert(" in content and "x&" in content


def map_markers(html: str) -> list[dict]:
    import json
    import re

    found = re.search(r'<script id="map-markers" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page carries no markers"
    return json.loads(found.group(1))


def test_the_map_view_places_the_filtered_structures_at_their_commune(client, pole, other_pole):
    roanne = f.CommuneFactory(code="42187", name="Roanne", latitude=46.036, longitude=4.068)
    mably = f.CommuneFactory(code="42127", name="Mably", latitude=46.065, longitude=4.063)
    f.StructureFactory(pole=pole, name="Scic Bois", commune=roanne, legal_form=LegalForm.SCIC)
    f.StructureFactory(pole=pole, name="Asso Jardins", commune=mably, legal_form=LegalForm.ASSOCIATION)
    f.StructureFactory(pole=pole, name="Sans commune", commune=None, legal_form=LegalForm.SCIC)
    f.StructureFactory(pole=other_pole, name="Ailleurs", commune=roanne, legal_form=LegalForm.SCIC)
    response = client.get(url(pole, vue="carte"))
    assert response.status_code == 200
    html = response.content.decode()
    assert {m["name"] for m in map_markers(html)} == {"Scic Bois", "Asso Jardins"}
    assert "leaflet.markercluster.js" in html
    assert "1 structure sans commune connue n’est pas sur la carte." in html
    # The same filters as the list, and the table alternative grouped by commune.
    filtered = client.get(url(pole, vue="carte", legal_form=LegalForm.SCIC)).content.decode()
    assert [m["name"] for m in map_markers(filtered)] == ["Scic Bois"]
    assert [m["commune"] for m in map_markers(filtered)] == ["Roanne"]
    assert '<th scope="row">Roanne</th>' in filtered
    assert "Ailleurs" not in filtered
    assert 'name="vue" value="carte"' in filtered


def test_list_and_map_link_to_each_other_keeping_the_filters(client, pole):
    html = client.get(url(pole, legal_form=LegalForm.SCIC)).content.decode()
    assert "?legal_form=scic&amp;vue=carte" in html
    html = client.get(url(pole, legal_form=LegalForm.SCIC, vue="carte")).content.decode()
    assert 'href="?legal_form=scic"' in html


def test_the_commune_filter_offers_the_communes_the_orm_finds(pole, other_pole):
    here, there, closed_only, elsewhere = (f.CommuneFactory() for _ in range(4))
    for commune in (here, there, here):
        f.StructureFactory(pole=pole, commune=commune)
    f.StructureFactory(pole=pole, commune=None)
    f.StructureFactory(pole=pole, commune=closed_only, is_active=False)
    f.StructureFactory(pole=other_pole, commune=elsewhere)
    codes = pole.structures.filter(is_active=True, commune__isnull=False).values("commune_id").distinct()
    rows = Commune.objects.filter(code__in=codes).order_by("name", "code").values_list("code", "name", "departement_id")
    expected = [(code, f"{name} ({departement})") for code, name, departement in rows]
    assert communes_with_structures(pole=pole) == expected
    assert {code for code, _ in expected} == {here.code, there.code}


def test_the_filters_options_are_what_the_orm_reads(pole, other_pole):
    """sector_options() and colleges_of(), written out, read sectors_for_choice()'s sectors and
    the pole's colleges in the ORM's order, with the same loaded fields."""
    from peps.core.testing import factories as f
    from peps.directory.models import Sector
    from peps.directory.selectors import colleges_of, sector_options, sectors_for_choice
    from peps.poles.models import College

    Sector.objects.get_or_create(slug="autre", defaults={"name": "Autre"})
    Sector.objects.get_or_create(slug="zzz", defaults={"name": "Zénith"})
    Sector.objects.get_or_create(slug="aaa", defaults={"name": "Alimentation"})
    assert [(s.pk, s.slug, s.name) for s in sector_options()] == [(s.pk, s.slug, s.name) for s in sectors_for_choice()]
    assert sector_options()[-1].slug == "autre"
    f.CollegeFactory(pole=pole, name="Société civile", position=1)
    f.CollegeFactory(pole=pole, name="Acteurs", position=1)
    f.CollegeFactory(pole=pole, name="Réseaux", position=0)
    f.CollegeFactory(pole=other_pole, name="Ailleurs", position=0)
    expected = College.objects.filter(pole=pole).order_by("position", "name")
    assert [(c.pk, c.pole_id, c.name, c.position) for c in colleges_of(pole=pole)] == [
        (c.pk, c.pole_id, c.name, c.position) for c in expected
    ]
