"""Offers and needs through the API with a personal token: the partnerships services do the
writes and the same django-rules as the web pages decide who may do what."""

import pytest

from peps.api.models import ApiToken
from peps.api.services import api_token_create, api_token_revoke
from peps.core.testing import factories as f
from peps.partnerships.models import Need, Offer

OFFER = {"pole": "pollens", "categorie": "equipment", "titre": "Camion frigorifique", "portee": "territory",
         "description": "Un camion à partager le mardi et le jeudi."}  # fmt: skip
NEED = {"pole": "pollens", "categorie": "premises", "titre": "Un local de tri", "portee": "territory",
        "description": "200 m² pour trier les dons."}  # fmt: skip


def _post(client, url, data, auth):
    return client.post(url, data, content_type="application/json", **auth)


def _patch(client, url, data, auth):
    return client.patch(url, data, content_type="application/json", **auth)


def test_without_a_token_members_endpoints_answer_401_in_french(client, seeded):
    response = client.get("/api/moi")
    assert response.status_code == 401
    assert "Jeton" in response.json()["detail"]
    assert _post(client, "/api/offres", OFFER, {}).status_code == 401
    assert client.get("/api/moi", HTTP_AUTHORIZATION="Bearer peps_faux_jeton").status_code == 401


def test_a_revoked_token_no_longer_works(client, seeded, auth):
    assert client.get("/api/moi", **auth).status_code == 200
    api_token_revoke(token=ApiToken.objects.get())
    assert client.get("/api/moi", **auth).status_code == 401


def test_me_lists_represented_structures_and_held_projects(client, seeded, auth):
    body = client.get("/api/moi", **auth).json()
    assert [s["nom"] for s in body["structures"]] == ["Épicerie coopérative « L’Étal »"]
    assert [p["nom"] for p in body["projets"]] == ["Ressourcerie du Roannais"]
    assert ApiToken.objects.get().last_used_at is not None


def test_representative_creates_reads_updates_and_closes_a_structure_offer(client, seeded, auth):
    structure = seeded["structure"]
    response = _post(client, "/api/offres", {**OFFER, "structure_id": structure.pk}, auth)
    assert response.status_code == 201, response.content
    offer = Offer.objects.get()
    assert offer.structure == structure and offer.title == "Camion frigorifique"
    assert client.get(f"/api/offres/{offer.pk}", **auth).json()["titre"] == "Camion frigorifique"
    assert [o["id"] for o in client.get("/api/offres?pole=pollens", **auth).json()] == [offer.pk]
    response = _patch(client, f"/api/offres/{offer.pk}", {"titre": "Camion frigo", "ouvert": False}, auth)
    assert response.status_code == 200
    offer.refresh_from_db()
    assert (offer.title, offer.is_open) == ("Camion frigo", False)


def test_personal_offer_without_a_structure(client, seeded, auth):
    response = _post(client, "/api/offres", OFFER, auth)
    assert response.status_code == 201
    assert response.json()["personnelle"] is True


def test_offer_for_a_structure_one_does_not_represent_is_403(client, seeded, auth):
    response = _post(client, "/api/offres", {**OFFER, "structure_id": seeded["guarded"].pk}, auth)
    assert response.status_code == 403
    assert response.json()["detail"] == "Votre compte n’a pas le droit de faire cela."
    assert not Offer.objects.exists()


def test_someone_else_offer_cannot_be_changed(client, seeded, pole, auth):
    other = f.member_of(pole, email="autre@example.org")
    from peps.partnerships import services

    offer = services.offer_create(pole=pole, by=other, data={**{k: v for k, v in OFFER.items() if k in ()},
                                  "category": "equipment", "title": "Perceuse", "description": "À prêter.",
                                  "reach": "territory"})  # fmt: skip
    assert _patch(client, f"/api/offres/{offer.pk}", {"titre": "À moi"}, auth).status_code in (403, 404)
    offer.refresh_from_db()
    assert offer.title == "Perceuse"


def test_holder_adds_and_updates_a_project_need(client, seeded, auth):
    response = _post(client, "/api/besoins", {**NEED, "projet_id": seeded["project"].pk}, auth)
    assert response.status_code == 201, response.content
    need = Need.objects.get()
    assert need.project == seeded["project"]
    assert _patch(client, f"/api/besoins/{need.pk}", {"rayon_km": 30}, auth).json()["rayon_km"] == 30
    assert [n["id"] for n in client.get("/api/besoins?pole=pollens", **auth).json()] == [need.pk]


def test_need_for_someone_else_project_is_403_and_hidden_project_404(client, seeded, pole, auth):
    project = f.ProjectFactory(pole=pole)
    assert _post(client, "/api/besoins", {**NEED, "projet_id": project.pk}, auth).status_code == 403
    hidden = f.ProjectFactory(pole=pole, visibility="members")
    outsider_key = api_token_create(user=f.UserFactory(email="visiteur@example.org"), name="x")[1]
    outsider = {"HTTP_AUTHORIZATION": f"Bearer {outsider_key}"}
    assert _post(client, "/api/besoins", {**NEED, "projet_id": hidden.pk}, outsider).status_code == 404
    assert not Need.objects.exists()


def test_service_rules_come_back_as_422_with_french_messages(client, seeded, auth):
    data = {**NEED, "projet_id": seeded["project"].pk, "portee": "around", "debut": "2025-06-01", "fin": "2025-05-01"}
    response = _post(client, "/api/besoins", data, auth)
    assert response.status_code == 422
    fields = {e["champ"]: e["message"] for e in response.json()["erreurs"]}
    assert "commune_insee" in fields and "fin" in fields
    assert "avant la date de début" in fields["fin"]
    unknown = _post(client, "/api/besoins", {**data, "debut": None, "fin": None, "commune_insee": "99999"}, auth)
    assert unknown.status_code == 422 and "Commune inconnue" in unknown.content.decode()
    both = _post(client, "/api/besoins", {**NEED, "projet_id": 1, "structure_id": 1}, auth)
    assert both.status_code == 422


@pytest.mark.parametrize("body", ["pas du json", "[]", '{"pole": 3}'])
def test_malformed_bodies_are_4xx_never_500(client, seeded, auth, body):
    response = client.post("/api/offres", body, content_type="application/json", **auth)
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_members_list_queries_are_bounded(client, seeded, auth, pole, django_assert_max_num_queries):
    from peps.partnerships import services

    holder = seeded["project"].holder
    for n in range(30):
        services.offer_create(pole=pole, by=holder, structure=seeded["structure"],
                              data={"category": "skills", "title": f"Offre {n}", "description": "…", "reach": "territory"})  # fmt: skip
    with django_assert_max_num_queries(6):
        assert len(client.get("/api/offres?pole=pollens", **auth).json()) == 30
