"""partnerships:offer_create, offer, offer_edit, offer_propose."""

from django.urls import reverse

from peps.core.testing import factories as f
from peps.partnerships import services
from peps.partnerships.models import Offer, Partnership

from .factories import NeedFactory, OfferFactory, engine_queries, representative_of


def url(name, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"pole": "pollens", **kwargs})


def plain(response) -> str:
    """The page's HTML with the typography's narrow and non-breaking spaces as spaces."""
    return response.content.decode().replace("\u202f", " ").replace("\u00a0", " ")


def form_data(**overrides):
    data = {
        "category": "premises",
        "title": "Salle de 60 m²",
        "description": "Libre le soir.",
        "reach": "territory",
        "commune": "",
        "radius_km": "20",
        "is_open": "on",
    }
    return {**data, **overrides}


def test_a_representative_offers_for_the_structure(login, structure, representative):
    response = login(representative).post(url("offer_create"), form_data(on_behalf=structure.pk))
    offer = Offer.objects.get()
    assert response.status_code == 302 and offer.structure == structure and offer.person is None


def test_a_person_offers_in_their_own_name(login, member):
    assert login(member).post(url("offer_create"), form_data()).status_code == 302
    assert Offer.objects.get().person == member


def test_someone_cannot_offer_for_a_structure_they_do_not_represent(login, pole, structure, member):
    representative_of(f.StructureFactory(pole=pole), member)
    response = login(member).post(url("offer_create"), form_data(on_behalf=structure.pk))
    assert response.status_code == 200 and not Offer.objects.exists()


def test_bad_dates_are_refused(login, member):
    response = login(member).post(url("offer_create"), form_data(starts_on="2026-06-02", ends_on="2026-06-01"))
    assert "ends_on" in response.context["form"].errors


def test_only_representatives_edit_a_structure_offer(login, offer, member, coordinator, representative):
    assert login(member).get(url("offer_edit", pk=offer.pk)).status_code == 403
    assert login(coordinator).get(url("offer_edit", pk=offer.pk)).status_code == 403
    response = login(representative).post(url("offer_edit", pk=offer.pk), form_data(title="Grande salle"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.title == "Grande salle"


def test_a_persons_offer_is_hidden_from_visitors_and_outsiders(client, login, pole, member, outsider):
    offer = OfferFactory(pole=pole, structure=None, person=member)
    assert client.get(url("offer", pk=offer.pk)).status_code == 404
    assert login(outsider).get(url("offer", pk=offer.pk)).status_code == 404
    assert login(member).get(url("offer", pk=offer.pk)).status_code == 200


def test_the_owner_sees_needs_it_could_serve_and_proposes_help(login, pole, offer, need, representative, holder):
    other = NeedFactory(pole=pole, category="premises", title="Un atelier")
    page = login(representative).get(url("offer", pk=offer.pk))
    assert {s.need for s in page.context["suggestions"]} == {need, other}
    response = login(representative).post(
        url("offer_propose", pk=offer.pk), {"targets": [need.pk, other.pk], "message": "Avec plaisir"}, follow=True
    )
    assert Partnership.objects.filter(proposed_by_partner=True).count() == 2
    assert "Partenariat proposé" in response.content.decode()


def test_a_visitor_does_not_see_the_suggestions(client, offer, need):
    assert "suggestions" not in client.get(url("offer", pk=offer.pk)).context


def test_outsider_and_member_cannot_propose_with_someone_elses_offer(login, offer, need, member, outsider):
    assert login(member).post(url("offer_propose", pk=offer.pk), {"targets": [need.pk]}).status_code == 403
    assert not Partnership.objects.exists()


def test_offer_page_query_count_is_bounded(login, pole, offer, representative, django_assert_max_num_queries):
    for index in range(30):
        NeedFactory(pole=pole, category="premises", project=f.ProjectFactory(pole=pole), title=f"Besoin {index}")
    client = login(representative)
    # The page's own reads: session, person, pole, offer, its representative, partners already
    # proposed, who receives each proposal (the holders, one query), the partnerships; and the engine's.
    with django_assert_max_num_queries(9 + engine_queries()):
        response = client.get(url("offer", pk=offer.pk))
    assert len(response.context["suggestions"]) == 10
    assert all("Reçu par" in s.recipient.label for s in response.context["suggestions"])


def test_a_suggested_need_says_whose_it_is_who_receives_it_and_why(login, pole, offer, need, representative, holder):
    structure_need = NeedFactory(pole=pole, project=None, structure=f.StructureFactory(pole=pole, name="La Ruche"))
    services.partnership_propose_for_offer(offer=offer, needs=[need], by=representative)
    html = plain(login(representative).get(url("offer", pk=offer.pk)))
    # A project's need: a box (disabled once proposed); a structure's: its name only.
    assert f'<input type="checkbox" name="targets" value="{need.pk}" id="target-{need.pk}" disabled>' in html
    assert f'<label for="target-{need.pk}">{need.title} — Café-lecture solidaire</label>' in html
    assert f"<p><strong>{structure_need.title}</strong> — La Ruche</p>" in html
    link = url("need", pk=need.pk)
    assert f'<a href="{link}">Voir le besoin<span class="visually-hidden"> « {need.title} »</span></a>' in html
    assert '<p class="recipient recipient-person"><strong>Qui la reçoit :</strong> Reçu par Hugo' in html
    assert "<strong>partenariat déjà proposé</strong>" in html
    assert (
        "Partenariats autour de cette offre" in html
        and "« Café-lecture solidaire » avec Maison des associations" in html
    )
    assert "Proposer mon aide" in html


def test_a_closed_offer_lists_its_needs_without_the_form_to_propose(login, offer, need, representative):
    offer.is_open = False
    offer.save()
    html = plain(login(representative).get(url("offer", pk=offer.pk)))
    assert f"<p><strong>{need.title}</strong> — Café-lecture solidaire</p>" in html
    assert 'name="targets"' not in html and "Proposer mon aide" not in html
