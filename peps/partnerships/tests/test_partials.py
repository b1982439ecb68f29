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


def test_the_partnerships_of_a_structure_are_those_the_orm_reads_for_each_viewer(
    pole, other_pole, need, structure, holder, representative, coordinator, member, citizen, outsider, network_admin
):
    from django.contrib.auth.models import AnonymousUser

    from peps.core import tenancy
    from peps.partnerships.models import PartnershipStatus
    from peps.partnerships.selectors import PUBLIC_STATUSES, partnerships_visible_to, with_partnership_row
    from peps.projects.models import ProjectVisibility

    from .factories import NeedFactory, PartnershipFactory

    # One partnership a project and partner: a project of each kind for each status.
    kinds = [
        {"holder": holder},
        {"visibility": ProjectVisibility.MEMBERS},
        {"holder": citizen, "visibility": ProjectVisibility.MEMBERS},
    ]
    for status in PartnershipStatus:
        for kind in kinds:
            item = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, **kind))
            PartnershipFactory(need=item, partner_structure=structure, status=status)
    hidden = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, visibility=ProjectVisibility.MEMBERS))
    PartnershipFactory(need=hidden, partner_structure=structure, proposed_by=outsider, status="proposed")
    PartnershipFactory(need=need, partner_structure=f.StructureFactory(pole=pole), status="accepted")
    PartnershipFactory(need=NeedFactory(pole=other_pole), partner_structure=structure, status="accepted")

    def described(rows):
        return [
            (p.pk, p.status, p.created_at, p.pole.slug, p.project.title, p.need_id and p.need.title, p.partner_name)
            for p in rows
        ]

    for user in (AnonymousUser(), holder, representative, coordinator, member, citizen, outsider, network_admin):
        tenancy.forget_roles(user)
        visible = partnerships_visible_to(user=user, pole=pole).filter(partner_structure=structure)
        expected = described(with_partnership_row(visible).order_by("-created_at", "-pk")[:5])
        tenancy.forget_roles(user)
        assert described(partnerships_of_structure(structure, user, limit=5)) == expected, user
    assert len(partnerships_of_structure(structure, coordinator)) == 3 * len(PartnershipStatus) + 1
    assert len(partnerships_of_structure(structure, AnonymousUser())) == len(PUBLIC_STATUSES)
