import pytest
from django.utils import translation

from peps.core.testing import factories as f
from peps.matching.engine import suggest_needs, suggest_partners
from peps.matching.indexing import index_need
from peps.partnerships.models import Partnership, PartnershipStatus
from peps.partnerships.services import offer_update
from peps.poles.models import Membership, MembershipStatus
from peps.projects.models import Domain

from .factories import NeedFactory, OfferFactory


@pytest.fixture
def need(pole, roanne):
    return NeedFactory(
        pole=pole,
        commune=roanne,
        title="Un local de 50 m² à Roanne deux soirs par semaine",
        description="Pour les réunions de notre chorale, le mardi et le jeudi soir.",
    )


def room(pole, commune, title="Salle associative en soirée", **kwargs):
    return OfferFactory(
        pole=pole, commune=commune, title=title, description="Salle de 60 m² libre le soir en semaine.", **kwargs
    )


def offers_of(suggestions):
    return [s.offer for s in suggestions]


def test_a_near_room_comes_before_a_far_one_and_an_unrelated_offer(pole, need, riorges, chevalet, roanne):
    far = room(pole, chevalet)
    near = room(pole, riorges)
    van = OfferFactory(pole=pole, commune=roanne, category="equipment", title="Fourgon", description="Un camion.")
    suggestions = suggest_partners(need)
    assert offers_of(suggestions)[:2] == [near, far]
    assert suggestions[0].score > suggestions[1].score
    assert all(0 <= s.score <= 1 for s in suggestions)
    assert van not in offers_of(suggestions[:2])


def test_suggestions_explain_why_in_french(pole, need, riorges):
    room(pole, riorges)
    with translation.override("fr"):
        [suggestion] = suggest_partners(need)
    assert suggestion.reasons[:2] == ["même catégorie", "mots en commun : local, soirs, semaine"]
    assert "à 2,3 km" in suggestion.reasons
    assert "même intercommunalité" in suggestion.reasons


def test_offers_of_another_pole_are_left_out_unless_neighbours_are_asked(pole, other_pole, need, riorges, chevalet):
    # Neighbours are searched within three times the need's radius: 15 km, Riorges but not Chevalet.
    need.radius_km = 5
    need.save()
    index_need(need)
    neighbour = room(other_pole, riorges)
    remote = room(other_pole, chevalet)
    assert suggest_partners(need) == []
    assert offers_of(suggest_partners(need, neighbour_poles=True)) == [neighbour]
    assert remote.pole == other_pole


def test_closed_offers_are_not_suggested(pole, need, riorges):
    offer = room(pole, riorges, is_open=False)
    assert suggest_partners(need) == []
    offer_update(offer=offer, by=None, data={"is_open": True})
    assert offers_of(suggest_partners(need)) == [offer]


def test_offers_of_an_inactive_structure_are_not_suggested(pole, need, riorges):
    offer = room(pole, riorges)
    offer.structure.is_active = False
    offer.structure.save()
    assert suggest_partners(need) == []


def test_a_partner_that_left_the_pole_stops_being_suggested(pole, need, riorges):
    offer = room(pole, riorges)
    membership = Membership.objects.create(pole=pole, structure=offer.structure)
    assert offers_of(suggest_partners(need)) == [offer]
    membership.status = MembershipStatus.LEFT
    membership.save()
    assert suggest_partners(need) == []


def test_a_person_who_left_the_pole_stops_being_suggested(pole, need, riorges, member):
    offer = room(pole, riorges, structure=None, person=member)
    assert offers_of(suggest_partners(need)) == [offer]
    Membership.objects.filter(person=member).update(status=MembershipStatus.LEFT)
    assert suggest_partners(need) == []


def test_the_projects_own_offers_are_left_out(pole, need, riorges):
    holder_structure = f.StructureFactory(pole=pole)
    need.project.holder_structure = holder_structure
    need.project.save()
    room(pole, riorges, structure=holder_structure)
    by_holder = room(pole, riorges, structure=None, person=need.project.holder)
    assert by_holder not in offers_of(suggest_partners(need))
    assert suggest_partners(need) == []


def test_partner_of_similar_projects_gets_a_bonus_and_a_reason(pole, need, riorges):
    need.project.domain = Domain.CULTURE
    need.project.save()
    plain = room(pole, riorges)
    experienced = room(pole, riorges)
    other = f.ProjectFactory(pole=pole, domain=Domain.CULTURE)
    Partnership.objects.create(
        pole=pole, project=other, partner_structure=experienced.structure, status=PartnershipStatus.COMPLETED
    )
    with translation.override("fr"):
        suggestions = suggest_partners(need)
    assert offers_of(suggestions) == [experienced, plain]
    assert "déjà partenaire de projets similaires" in suggestions[0].reasons
    assert "déjà partenaire de projets similaires" not in suggestions[1].reasons


def test_a_declined_partnership_is_no_history(pole, need, riorges):
    need.project.domain = Domain.CULTURE
    need.project.save()
    offer = room(pole, riorges)
    other = f.ProjectFactory(pole=pole, domain=Domain.CULTURE)
    Partnership.objects.create(
        pole=pole, project=other, partner_structure=offer.structure, status=PartnershipStatus.DECLINED
    )
    assert suggest_partners(need)[0].components["history"] == 0


def test_an_offer_sees_the_needs_it_could_serve(pole, need, riorges, chevalet):
    offer = room(pole, riorges)
    far_need = NeedFactory(pole=pole, commune=chevalet, title="Une salle pour nos soirées", radius_km=5)
    other = NeedFactory(pole=pole, commune=riorges, category="funding", title="Un prêt", description="De l'argent.")
    suggestions = suggest_needs(offer)
    assert [s.need for s in suggestions][:2] == [need, far_need]
    assert other not in [s.need for s in suggestions[:2]]
    assert suggestions[0].offer is None


def test_an_offer_is_not_suggested_its_owners_own_needs(pole, riorges):
    offer = room(pole, riorges)
    NeedFactory(pole=pole, project=None, structure=offer.structure, commune=riorges, title="Une salle")
    assert suggest_needs(offer) == []


def test_limit_and_order(pole, need, riorges):
    for _ in range(15):
        room(pole, riorges)
    suggestions = suggest_partners(need, limit=5)
    assert len(suggestions) == 5
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_a_bounded_number_of_queries_whatever_the_number_of_offers(pole, need, riorges, django_assert_max_num_queries):
    for _ in range(40):
        room(pole, riorges)
    with django_assert_max_num_queries(8):
        suggestions = suggest_partners(need)
        [s.offer.structure.name for s in suggestions]
    assert len(suggestions) == 10


def test_a_need_without_text_match_still_gets_offers_of_its_category(pole, roanne, riorges):
    need = NeedFactory(pole=pole, commune=roanne, title="Xyzzy", description="Plugh.")
    offer = room(pole, riorges)
    assert offers_of(suggest_partners(need)) == [offer]


def test_a_room_too_small_ranks_after_every_room_that_fits_with_the_reason(pole, need, riorges, roanne):
    need.capacity = 15
    need.save()
    index_need(need)
    small = room(pole, roanne, capacity=12)  # nearer, but too small
    fits = room(pole, riorges, capacity=20)
    with translation.override("fr"):
        suggestions = suggest_partners(need)
    assert offers_of(suggestions) == [fits, small]  # never dropped, ranked last
    assert suggestions[1].misfits == ["salle de 12 places : trop petite pour 15 personnes"]
    assert suggestions[1].reasons[0] == "salle de 12 places : trop petite pour 15 personnes"
    assert "jusqu’à 20 personnes" in suggestions[0].reasons
    assert str(suggestions[1].relevance) == "à explorer"


def test_a_funder_of_another_departement_is_said_so(pole, need, riorges):
    need.category = "funding"
    need.save()
    index_need(need)
    room(pole, riorges, category="funding", title="Fonds pour les locaux associatifs", served_departements=["69"])
    with translation.override("fr"):
        [suggestion] = suggest_partners(need)
    assert suggestion.misfits == ["finance seulement le Rhône"]


def test_a_room_open_only_in_school_holidays_does_not_serve_a_weekly_need(pole, need, riorges):
    need.weekdays = ["tue", "thu"]
    need.save()
    index_need(need)
    holidays = room(pole, riorges, periods=["school_holidays"])
    weekly = room(pole, riorges, weekdays=["tue", "thu"], day_parts=["evening"])
    with translation.override("fr"):
        suggestions = suggest_partners(need)
    assert offers_of(suggestions) == [weekly, holidays]
    assert suggestions[1].misfits == ["disponible seulement pendant les vacances scolaires"]
    assert "disponible aux jours et heures demandés" in suggestions[0].reasons


def test_a_remote_service_far_away_is_not_penalised_by_distance(pole, roanne, chevalet):
    need = NeedFactory(pole=pole, commune=roanne, radius_km=5, category="skills", title="Comptabilité", description="")
    far = OfferFactory(
        pole=pole, commune=chevalet, category="skills", title="Comptabilité", description="", remote_ok=True
    )
    near_but_on_site = OfferFactory(
        pole=pole, commune=chevalet, category="skills", title="Comptabilité", description=""
    )
    with translation.override("fr"):
        suggestions = suggest_partners(need)
    assert offers_of(suggestions) == [far, near_but_on_site]
    assert suggestions[0].components["distance"] == 1.0
    assert "à distance possible" in suggestions[0].reasons


def _loaded(obj, relations):
    values = {k: v for k, v in vars(obj).items() if k != "_state"}
    cached = {name: obj._state.fields_cache.get(name, "absent") for name in relations}
    return (
        values,
        {
            name: None if rel in (None, "absent") else {k: v for k, v in vars(rel).items() if k != "_state"}
            for name, rel in cached.items()
        },
        sorted(obj._state.fields_cache),
    )


def test_the_shown_rows_are_read_as_select_related_reads_them(pole, roanne, riorges):
    from peps.matching.engine import _shown_rows
    from peps.matching.indexing import NEEDS, OFFERS
    from peps.partnerships.models import Need, Offer

    offers = [
        room(pole, roanne),
        room(pole, riorges, person=f.UserFactory(), structure=None),
        OfferFactory(pole=pole, commune=None, category="funding", title="Prêt", description="Un prêt."),
    ]
    needs = [NeedFactory(pole=pole, commune=roanne), NeedFactory(pole=pole, commune=None)]
    for side, model, rows, related in (
        (OFFERS, Offer, offers, ("pole", "commune", "structure", "person")),
        (NEEDS, Need, needs, ("commune", "structure", "project")),
    ):
        ids = [r.pk for r in rows]
        expected = model.objects.select_related(*related).in_bulk(ids)
        read = _shown_rows(side, related, ids)
        assert sorted(read) == sorted(expected)
        for pk, obj in expected.items():
            assert _loaded(read[pk], related) == _loaded(obj, related)


def test_the_live_exclusions_are_those_of_the_partnerships_rules(pole, other_pole, roanne):
    # The engine checks them in one written-out query (engine._first_eligible); the partnerships
    # app states them with the ORM (matching_adapter.suggestable_offers, its fallback): the
    # same offers, whatever the case.
    from peps.matching.engine import _first_eligible
    from peps.matching.indexing import OFFERS
    from peps.matching.scoring import Scored
    from peps.partnerships.matching_adapter import suggestable_offers

    kept = room(pole, roanne)
    inactive = room(pole, roanne)
    inactive.structure.is_active = False
    inactive.structure.save()
    structure_left = room(pole, roanne)
    Membership.objects.create(pole=pole, structure=structure_left.structure, status=MembershipStatus.LEFT)
    left_elsewhere = room(pole, roanne)
    Membership.objects.create(pole=other_pole, structure=left_elsewhere.structure, status=MembershipStatus.LEFT)
    person = f.UserFactory()
    person_left = room(pole, roanne, structure=None, person=person)
    Membership.objects.create(pole=pole, person=person, status=MembershipStatus.LEFT)
    person_kept = room(pole, roanne, structure=None, person=f.UserFactory())
    closed = room(pole, roanne)
    closed.is_open = False
    closed.save()
    offers = [kept, inactive, structure_left, left_elsewhere, person_left, person_kept, closed]

    scored = [Scored(pk=o.pk, score=0.5, components={}) for o in offers]
    eligible = {s.pk for s in _first_eligible(OFFERS, scored, len(offers))}

    assert eligible == set(suggestable_offers(pole).filter(pk__in=[o.pk for o in offers]).values_list("pk", flat=True))
    assert eligible == {kept.pk, left_elsewhere.pk, person_kept.pk}
