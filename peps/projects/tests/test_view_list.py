"""projects:list — visible projects, newest first, filters, search, bounded queries."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.projects.models import Domain, EconomicModel, ProjectVisibility
from peps.projects.stages import Stage

from .factories import representative_of

URL = reverse("projects:list", kwargs={"pole": "pollens"})


def titles(response):
    return [p.title for p in response.context["page"].items]


def test_anonymous_sees_public_projects_only(client, project, members_project):
    response = client.get(URL)
    assert response.status_code == 200
    assert titles(response) == ["Recyclerie du Roannais"]
    assert "Proposer une idée" in response.content.decode()


def test_a_member_also_sees_members_only_projects(client, member, project, members_project):
    client.force_login(member)
    assert set(titles(client.get(URL))) == {"Recyclerie du Roannais", "Épicerie réservée"}


def test_a_member_through_a_member_structure_sees_members_only_projects(client, pole, citizen, members_project):
    structure = f.StructureFactory(pole=pole)
    representative_of(structure, citizen)
    from peps.poles.models import Membership

    Membership.objects.create(pole=pole, structure=structure)
    client.force_login(citizen)
    assert titles(client.get(URL)) == ["Épicerie réservée"]


def test_an_outsider_does_not_see_members_only_projects(client, outsider, project, members_project):
    client.force_login(outsider)
    assert titles(client.get(URL)) == ["Recyclerie du Roannais"]


def test_the_holder_sees_their_members_only_idea(client, holder, members_project):
    client.force_login(holder)
    assert titles(client.get(URL)) == ["Épicerie réservée"]


def test_projects_of_another_pole_are_not_listed(client, other_pole, project):
    f.ProjectFactory(pole=other_pole, title="Ailleurs")
    assert "Ailleurs" not in titles(client.get(URL))


def test_newest_first(client, pole):
    for title in ["Premier", "Deuxième", "Troisième"]:
        f.ProjectFactory(pole=pole, title=title)
    assert titles(client.get(URL)) == ["Troisième", "Deuxième", "Premier"]


def test_filters_by_stage_domain_model_and_commune(client, pole, commune):
    f.ProjectFactory(pole=pole, title="A", domain=Domain.CULTURE, economic_model=EconomicModel.MARKET, commune=commune)
    f.ProjectFactory(pole=pole, title="B", domain=Domain.CULTURE, stage=Stage.LAUNCH)
    f.ProjectFactory(pole=pole, title="C", domain=Domain.SPORT, economic_model=EconomicModel.MIXED)
    assert titles(client.get(URL, {"domain": "culture"})) == ["B", "A"]
    assert titles(client.get(URL, {"stage": "launch"})) == ["B"]
    assert titles(client.get(URL, {"economic_model": "mixed"})) == ["C"]
    assert titles(client.get(URL, {"commune": "Roanne (42)"})) == ["A"]
    assert titles(client.get(URL, {"domain": "culture", "economic_model": "market"})) == ["A"]


def test_search_folds_accents_and_ands_the_terms(client, pole):
    for title in ["Épicerie solidaire", "Épicerie bio", "Garage solidaire"]:
        project = f.ProjectFactory(pole=pole, title=title)
        project.refresh_search_text()
        project.save()
    assert set(titles(client.get(URL, {"q": "epicerie"}))) == {"Épicerie solidaire", "Épicerie bio"}
    assert titles(client.get(URL, {"q": "EPICERIE Solidaire"})) == ["Épicerie solidaire"]
    assert titles(client.get(URL, {"q": "%% __"})) == []


@pytest.mark.parametrize(
    "params", [{"stage": "nowhere"}, {"domain": "<script>"}, {"page": "xyz"}, {"page": "-4"}, {"commune": "Atlantide"}]
)
def test_malformed_parameters_are_ignored(client, project, params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert titles(response) == ["Recyclerie du Roannais"]


def test_a_wrong_stage_is_reported_in_the_filter_form(client, project):
    response = client.get(URL, {"stage": "nowhere"})
    assert response.context["form"].errors["stage"]


def test_empty_state_invites_to_submit_an_idea(client, pole):
    content = client.get(URL).content.decode()
    assert "Aucune idée n’a encore été déposée ici." in content
    assert reverse("projects:submit", kwargs={"pole": "pollens"}) in content


def test_no_results_for_filters_says_so(client, project):
    assert "Aucune idée ni aucun projet ne correspond" in client.get(URL, {"domain": "energy"}).content.decode()


def test_cards_show_stage_domain_commune_holder_and_counters(client, pole, commune, citizen):
    structure = f.StructureFactory(pole=pole, name="Les Jardins")
    f.ProjectFactory(
        pole=pole,
        holder=citizen,
        holder_structure=structure,
        commune=commune,
        supporters_count=3,
        comments_count=1,
        domain=Domain.FARMING,
    )
    content = client.get(URL).content.decode()
    for text in [
        "Idée déposée",
        "Agriculture et circuits courts",
        "Roanne (42)",
        "Les Jardins",
        "3 soutiens",
        "1 commentaire",
    ]:
        assert text in content


def test_htmx_gets_the_results_partial(client, project):
    response = client.get(URL, {"q": "recyclerie"}, headers={"HX-Request": "true"})
    assert [t.name for t in response.templates][0] == "projects/_results.html"
    assert "<h1>" not in response.content.decode()


def test_unknown_pole_is_404(client, db):
    assert client.get("/p/inconnu/projets/").status_code == 404


def test_query_count_is_bounded_with_40_projects(client, pole, member, commune, django_assert_max_num_queries):
    structure = f.StructureFactory(pole=pole)
    for i in range(40):
        f.ProjectFactory(
            pole=pole,
            commune=commune,
            holder_structure=structure if i % 2 else None,
            visibility=ProjectVisibility.MEMBERS if i % 3 else ProjectVisibility.PUBLIC,
        )
    client.force_login(member)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page": 2})
    assert len(response.context["page"].items) == 20
    client.logout()
    with django_assert_max_num_queries(5):
        client.get(URL)
