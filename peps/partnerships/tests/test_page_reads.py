"""The written-out reads of a need's and an offer's pages, held to the ORM's answer: the
access helpers against needs_visible_to()/offers_visible_to() for every kind of viewer, the
partnerships of the page, who a proposal would reach, and « partenariat déjà proposé »."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peps.core import tenancy
from peps.core.testing import factories as f
from peps.partnerships import reach, selectors, services
from peps.partnerships.models import Need, Offer
from peps.poles.models import Pole
from peps.projects.models import ProjectVisibility

from .factories import NeedFactory, OfferFactory, PartnershipFactory, representative_of


def fresh(user):
    """The viewer as a new request sees them: no role remembered from an earlier call."""
    if user is None:
        return AnonymousUser()
    tenancy.forget_roles(user)
    return user


@pytest.fixture
def cast(pole, other_pole, holder, representative, coordinator, member, citizen, outsider, network_admin):
    return {
        "visitor": None,
        "holder": holder,
        "representative": representative,
        "coordinator": coordinator,
        "member": member,
        "citizen": citizen,
        "outsider": outsider,
        "network_admin": network_admin,
    }


@pytest.fixture
def needs(pole, other_pole, project, holder, structure):
    hidden = f.ProjectFactory(pole=pole, holder=holder, visibility=ProjectVisibility.MEMBERS)
    closed = f.StructureFactory(pole=pole, is_active=False)
    representative_of(closed, structure.representatives.get().person)
    return [
        NeedFactory(pole=pole, project=project),
        NeedFactory(pole=pole, project=hidden),
        NeedFactory(pole=pole, project=None, structure=structure),
        NeedFactory(pole=pole, project=None, structure=f.StructureFactory(pole=pole, is_active=False)),
        NeedFactory(pole=pole, project=None, structure=closed),
        NeedFactory(pole=other_pole),
    ]


@pytest.fixture
def offers(pole, other_pole, structure, member):
    closed = f.StructureFactory(pole=pole, is_active=False)
    representative_of(closed, structure.representatives.get().person)
    return [
        OfferFactory(pole=pole, structure=structure),
        OfferFactory(pole=pole, structure=None, person=member),
        OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, is_active=False)),
        OfferFactory(pole=pole, structure=closed),
        OfferFactory(pole=other_pole),
    ]


def shown(helper, user, pole, pk) -> bool:
    try:
        helper(user=fresh(user), pole=Pole.objects.get(pk=pole.pk), pk=pk)
    except Http404:
        return False
    return True


def test_a_need_is_shown_to_whom_the_needs_list_shows_it(pole, needs, cast):
    for name, user in cast.items():
        visible = set(selectors.needs_visible_to(user=fresh(user), pole=pole).values_list("pk", flat=True))
        for need in needs:
            assert shown(selectors.need_for_viewer, user, pole, need.pk) == (need.pk in visible), (name, need)
    assert shown(selectors.need_for_viewer, None, pole, 999999) is False


def test_an_offer_is_shown_to_whom_the_offers_list_shows_it(pole, offers, cast):
    for name, user in cast.items():
        visible = set(selectors.offers_visible_to(user=fresh(user), pole=pole).values_list("pk", flat=True))
        for offer in offers:
            assert shown(selectors.offer_for_viewer, user, pole, offer.pk) == (offer.pk in visible), (name, offer)


def test_the_need_comes_with_what_its_page_shows_in_one_query(pole, need, holder, django_assert_num_queries):
    pole = Pole.objects.get(pk=pole.pk)
    tenancy.get_pole(pole.slug, holder)
    with django_assert_num_queries(1):
        found = selectors.need_for_viewer(user=holder, pole=pole, pk=need.pk)
        assert found.pole is pole and found.project.pole is pole
        assert (found.project.title, found.project.holder_id, found.commune.name) == (
            need.project.title,
            holder.pk,
            need.commune.name,
        )
    # A pole read only in part (the API's) is joined whole.
    partial = Pole.objects.only("id").get(pk=pole.pk)
    assert selectors.need_for_viewer(user=holder, pole=partial, pk=need.pk).pole.slug == "pollens"


def test_the_partnerships_of_a_page_are_those_the_orm_reads(pole, need, offer, holder):
    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    for index in range(3):
        PartnershipFactory(need=need, partner_structure=f.StructureFactory(pole=pole, name=f"Partenaire {index}"))
    person = f.UserFactory(display_name="Paula")
    PartnershipFactory(need=need, partner_structure=None, partner_person=person)

    def described(rows):
        return [
            (p.pk, p.status, p.created_at, p.pole.slug, p.project.title, p.need_id and p.need.title, p.partner_name)
            for p in rows
        ]

    for item in (need, offer):
        expected = selectors.with_partnership_row(item.partnerships.all()).order_by("-created_at")[:50]
        assert described(selectors.partnerships_for(item)) == described(expected)
    assert len(selectors.partnerships_for(need)) == 5
    assert len(selectors.partnerships_for(offer)) == 1


def test_who_a_proposal_reaches_is_read_as_before(pole, need, offer, structure, representative, member):
    second = f.UserFactory(display_name="Sam")
    representative_of(structure, second)
    pending = f.UserFactory(display_name="Pat")
    representative_of(f.StructureFactory(pole=pole), pending, status="pending")
    offers = [
        offer,
        OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, email="contact@example.org")),
        OfferFactory(pole=pole, structure=f.StructureFactory(pole=pole, email="")),
        OfferFactory(pole=pole, structure=None, person=member),
    ]
    loaded = Offer.objects.filter(pk__in=[o.pk for o in offers]).select_related("structure", "person")
    recipients = reach.recipients_for_offers(list(loaded), pole=pole)
    labels = {pk: (r.via, r.names) for pk, r in recipients.items()}
    assert labels[offer.pk] == ("representative", "Rose, Sam")
    assert [labels[o.pk][0] for o in offers[1:]] == ["email", "coordination", "person"]
    assert labels[offers[3].pk][1] == "Marc"
    # For an offer's owner: each project's holder, or the coordination.
    orphan = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, holder=None))
    structure_need = NeedFactory(pole=pole, project=None, structure=structure)
    needs = list(Need.objects.filter(pk__in=[need.pk, orphan.pk, structure_need.pk]))
    found = reach.recipients_for_needs(needs, pole=pole)
    assert (found[need.pk].via, found[need.pk].names) == ("person", "Hugo")
    assert found[orphan.pk].via == "coordination" and found[orphan.pk].for_project
    assert structure_need.pk not in found
    assert reach.recipients_for_needs([], pole=pole) == {} == reach.recipients_for_offers([], pole=pole)


def test_already_proposed_marks_the_partners_of_the_project(
    pole, need, offer, holder, representative, member, coordinator
):
    person_offer = OfferFactory(pole=pole, structure=None, person=member)
    services.partnership_propose_for_need(need=need, offers=[offer], by=holder)
    # A coordinator sees the people's offers too.
    suggestions = selectors.suggestions_for_need(need=need, user=coordinator)
    marks = {s.offer.pk: s.already_proposed for s in suggestions}
    assert marks[offer.pk] is True and marks[person_offer.pk] is False
    # From the offer's side: the needs of a project it is already a partner of.
    other = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, holder=holder))
    suggestions = selectors.suggestions_for_offer(offer=offer, user=representative)
    marks = {s.need.pk: s.already_proposed for s in suggestions}
    assert marks[need.pk] is True and marks[other.pk] is False
    assert all(s.need.pole is offer.pole for s in suggestions)


def test_the_needs_suggested_to_an_offer_are_only_those_its_owner_may_see(pole, offer, holder, representative):
    public = NeedFactory(pole=pole, project=f.ProjectFactory(pole=pole, holder=holder))
    hidden = NeedFactory(
        pole=pole, project=f.ProjectFactory(pole=pole, holder=holder, visibility=ProjectVisibility.MEMBERS)
    )
    visible = set(selectors.needs_visible_to(user=representative, pole=pole).values_list("pk", flat=True))
    assert public.pk in visible and hidden.pk not in visible
    suggested = {s.need.pk for s in selectors.suggestions_for_offer(offer=offer, user=fresh(representative))}
    assert public.pk in suggested and hidden.pk not in suggested
