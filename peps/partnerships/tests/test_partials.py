"""partnerships_of_project / partnerships_of_structure and their partials for other apps' pages."""

from django.template.loader import render_to_string
from django.test import RequestFactory

from peps.core.testing import factories as f
from peps.partnerships import services
from peps.partnerships.selectors import partnerships_of_project, partnerships_of_structure


def test_a_proposal_is_seen_by_the_sides_and_coordinators_only(
    need, offer, holder, representative, coordinator, member
):
    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    project = need.project
    for person in (holder, representative, coordinator):
        assert len(partnerships_of_project(project, person)) == 1
        assert len(partnerships_of_structure(offer.structure, person)) == 1
    assert partnerships_of_project(project, member) == []
    assert partnerships_of_structure(offer.structure, f.UserFactory()) == []


def test_an_accepted_partnership_is_public_and_the_partial_renders(
    need, offer, holder, representative, django_assert_max_num_queries
):
    from django.contrib.auth.models import AnonymousUser

    created, _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    services.partnership_accept(partnership=created[0], by=representative)
    visitor = AnonymousUser()
    with django_assert_max_num_queries(2):
        rows = partnerships_of_project(need.project, visitor)
    assert len(rows) == 1
    request = RequestFactory().get("/")
    request.user = visitor
    html = render_to_string(
        "partnerships/_project_partnerships.html",
        {"project": need.project, "partnerships": rows, "user": visitor},
        request=request,
    )
    assert offer.structure.name in html and "Accepté" in html and "<h2" in html
    html = render_to_string(
        "partnerships/_structure_partnerships.html",
        {"structure": offer.structure, "partnerships": partnerships_of_structure(offer.structure, visitor)},
        request=request,
    )
    assert need.project.title in html
