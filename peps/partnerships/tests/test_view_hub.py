"""partnerships:hub and mine: open needs and offers, filters, pagination, bounded queries."""

from django.urls import reverse

from peps.core.testing import factories as f
from peps.projects.models import ProjectVisibility

from .factories import NeedFactory, OfferFactory

URL = reverse("partnerships:hub", kwargs={"pole": "pollens"})


def titles(response):
    return [item.title for item in response.context["page"].items]


def test_open_needs_newest_first(client, pole, need):
    NeedFactory(pole=pole, title="Fermé", is_open=False)
    newer = NeedFactory(pole=pole, title="Une camionnette")
    assert titles(client.get(URL)) == [newer.title, need.title]


def test_offers_tab(client, pole, offer):
    OfferFactory(pole=pole, title="Plus là", is_open=False)
    assert titles(client.get(URL, {"kind": "offers"})) == [offer.title]


def test_filters_by_category_commune_and_words(client, pole, need, commune):
    NeedFactory(pole=pole, category="funding", title="Un prêt d’honneur")
    assert titles(client.get(URL, {"category": "funding"})) == ["Un prêt d’honneur"]
    assert titles(client.get(URL, {"commune": "Roanne (42)"})) == [need.title]
    assert titles(client.get(URL, {"q": "SOIRS local"})) == [need.title]


def test_malformed_parameters_are_ignored(client, need):
    response = client.get(URL, {"category": "nope", "kind": "x", "commune": "Atlantide", "page": "abc"})
    assert response.status_code == 200 and titles(response) == [need.title]


def test_needs_of_members_only_projects_are_hidden_from_visitors_and_outsiders(client, login, pole, outsider, member):
    hidden = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, visibility=ProjectVisibility.MEMBERS))
    assert hidden.title not in titles(client.get(URL))
    assert hidden.title not in titles(login(outsider).get(URL))
    assert hidden.title in titles(login(member).get(URL))


def test_other_poles_stay_out(client, other_pole, need):
    NeedFactory(pole=other_pole, title="Ailleurs")
    assert "Ailleurs" not in titles(client.get(URL))


def test_htmx_gets_the_results_only(client, need):
    response = client.get(URL, headers={"HX-Request": "true"})
    assert "<h1" not in response.content.decode() and need.title in response.content.decode()


def test_paginated_with_bounded_queries(client, login, pole, member, django_assert_max_num_queries):
    for index in range(45):
        NeedFactory(pole=pole, title=f"Besoin {index}")
        OfferFactory(pole=pole, title=f"Offre {index}")
    client = login(member)
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"page": 2})
    assert len(titles(response)) == 20 and response.context["page"].total == 45
    with django_assert_max_num_queries(8):
        response = client.get(URL, {"kind": "offers"})
    assert len(titles(response)) == 20


def test_mine_lists_my_needs_offers_and_partnerships(login, need, offer, holder, representative):
    from peps.partnerships import services

    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    mine = reverse("partnerships:mine", kwargs={"pole": "pollens"})
    page = login(representative).get(mine)
    assert page.context["offers"] == [offer] and len(page.context["partnerships"]) == 1
    page = login(holder).get(mine)
    assert page.context["needs"] == [need] and len(page.context["partnerships"]) == 1


def test_mine_needs_login(client):
    assert client.get(reverse("partnerships:mine", kwargs={"pole": "pollens"})).status_code == 302


def test_mine_query_count(login, pole, holder, django_assert_max_num_queries):
    project = f.ProjectFactory(pole=pole, holder=holder)
    for index in range(30):
        NeedFactory(pole=pole, project=project, title=f"Besoin {index}")
    client = login(holder)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("partnerships:mine", kwargs={"pole": "pollens"}))
    assert len(response.context["needs"]) == 30
