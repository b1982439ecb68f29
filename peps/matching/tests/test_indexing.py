from django.core.management import call_command

from peps.matching.engine import suggest_partners
from peps.matching.indexing import OFFERS, decode_terms, encode_terms, index_project_needs, reindex_all
from peps.matching.models import NeedDoc, NeedTerm, OfferDoc, OfferTerm
from peps.matching.text import stem
from peps.partnerships.models import Offer
from peps.partnerships.services import offer_update

from .factories import NeedFactory, OfferFactory


def terms_of(offer):
    return set(OfferTerm.objects.filter(offer=offer).values_list("term", flat=True))


def test_saving_an_offer_indexes_it_with_its_place(pole, roanne):
    offer = OfferFactory(pole=pole, commune=roanne, title="Salle de réunion", description="Au calme.")
    doc = OfferDoc.objects.get(pk=offer.pk)
    assert (doc.latitude, doc.longitude, doc.epci_code) == (roanne.latitude, roanne.longitude, "200035731")
    assert doc.owner_structure_id == offer.structure_id
    assert terms_of(offer) == {stem("salle"), stem("reunion"), stem("calme")}
    assert decode_terms(doc.terms)[stem("salle")] == 2


def test_editing_an_offers_text_changes_its_suggestions_without_a_rebuild(pole, roanne):
    need = NeedFactory(pole=pole, commune=roanne, category="skills", title="Aide à la comptabilité", description="")
    offer = OfferFactory(pole=pole, commune=roanne, category="equipment", title="Tables pliantes", description="")
    assert suggest_partners(need) == []  # unrelated category, no word in common
    offer_update(offer=offer, by=None, data={"title": "Comptable bénévole", "description": "Bénévole."})
    [suggestion] = suggest_partners(need)
    assert suggestion.offer == offer and suggestion.components["text"] > 0
    assert terms_of(offer) == {stem("comptable"), stem("benevole")}


def test_closing_an_offer_takes_it_out_of_the_index(pole, roanne):
    offer = OfferFactory(pole=pole, commune=roanne)
    offer_update(offer=offer, by=None, data={"is_open": False})
    assert not OfferDoc.objects.filter(pk=offer.pk).exists()
    assert not OfferTerm.objects.filter(offer=offer).exists()


def test_deleting_rows_removes_their_index(pole, roanne):
    offer = OfferFactory(pole=pole, commune=roanne)
    need = NeedFactory(pole=pole, commune=roanne)
    offer.delete()
    need.delete()
    assert not OfferTerm.objects.exists() and not OfferDoc.objects.exists()
    assert not NeedTerm.objects.exists() and not NeedDoc.objects.exists()


def test_a_need_takes_its_owner_and_domain_from_its_project(pole, roanne):
    need = NeedFactory(pole=pole, commune=roanne)
    doc = NeedDoc.objects.get(pk=need.pk)
    assert (doc.owner_person_id, doc.domain) == (need.project.holder_id, need.project.domain)
    need.project.domain = "culture"
    need.project.save()
    index_project_needs(need.project_id)
    assert NeedDoc.objects.get(pk=need.pk).domain == "culture"


def test_the_structured_answers_are_indexed_as_facts(pole, roanne):
    offer = OfferFactory(pole=pole, commune=roanne, kind="meeting_room", capacity=12, weekdays=["tue"], remote_ok=False)
    facts = OfferDoc.objects.get(pk=offer.pk).facts
    assert facts == {"kind": "meeting_room", "capacity": 12, "weekdays": ["tue"], "departement": roanne.departement_id}


def test_reindex_command_rebuilds_rows_created_in_bulk(pole, roanne):
    indexed = OfferFactory(pole=pole, commune=roanne, title="Tables", description="Pliantes.")
    structure = indexed.structure
    Offer.objects.bulk_create(
        [
            Offer(pole=pole, structure=structure, category="premises", title=f"Local {i}", description="")
            for i in range(3)
        ]
    )
    NeedFactory(pole=pole, commune=roanne)
    assert OfferDoc.objects.count() == 1
    call_command("matching_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OfferDoc.objects.count() == 4
    assert NeedDoc.objects.count() == 1
    assert OfferTerm.objects.filter(term=stem("local")).count() == 3


def test_a_rebuild_in_chunks_replaces_documents_and_drops_rows_closed_behind_the_services(pole, roanne):
    offers = [OfferFactory(pole=pole, commune=roanne, title=f"Local de stockage {i}") for i in range(5)]
    Offer.objects.filter(pk=offers[0].pk).update(is_open=False)  # a bulk update: the index still has it
    Offer.objects.filter(pk=offers[1].pk).update(title="Camion frigorifique")
    seen = []
    assert reindex_all(OFFERS, chunk_size=2, progress=seen.append) == 4
    assert seen == [2, 4]  # one transaction per chunk of rows
    assert set(OfferDoc.objects.values_list("pk", flat=True)) == {o.pk for o in offers[1:]}
    assert not OfferTerm.objects.filter(offer=offers[0]).exists()
    assert stem("camion") in terms_of(offers[1]) and stem("stockage") not in terms_of(offers[1])
    # Every term once: the rows' old entries were replaced, not added to.
    assert OfferTerm.objects.filter(offer=offers[2]).count() == len(terms_of(offers[2]))


def test_terms_round_trip():
    assert decode_terms(encode_terms({"local": 3, "soir": 1})) == {"local": 3, "soir": 1}
