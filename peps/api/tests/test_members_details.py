"""The matching details of needs and offers through the API: sent, read back, validated,
left unchanged by a PATCH that does not send them (or sends null)."""

from peps.partnerships.models import Need

NEED = {"pole": "pollens", "categorie": "premises", "titre": "Une salle pour l’atelier", "portee": "territory",
        "description": "Un atelier d’écriture chaque mardi soir."}  # fmt: skip
DETAILS = {"nature": "meeting_room", "capacite_personnes": 15, "jours": ["tue"], "moments": ["evening"],
           "beneficiaires": ["association"], "a_distance": False}  # fmt: skip


def _post(client, url, data, auth):
    return client.post(url, data, content_type="application/json", **auth)


def _patch(client, url, data, auth):
    return client.patch(url, data, content_type="application/json", **auth)


def test_a_need_with_its_details_is_created_read_and_patched(client, seeded, auth):
    response = _post(client, "/api/besoins", {**NEED, **DETAILS, "projet_id": seeded["project"].pk}, auth)
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["nature"], body["capacite_personnes"], body["jours"]) == ("meeting_room", 15, ["tue"])
    need = Need.objects.get(pk=body["id"])
    assert (need.kind, need.capacity, need.weekdays, need.day_parts) == ("meeting_room", 15, ["tue"], ["evening"])
    patched = _patch(client, f"/api/besoins/{need.pk}", {"jours": ["tue", "thu"], "moments": None}, auth).json()
    assert patched["jours"] == ["tue", "thu"] and patched["moments"] == ["evening"]  # null: unchanged
    assert _patch(client, f"/api/besoins/{need.pk}", {"nature": ""}, auth).json()["nature"] is None


def test_details_are_validated_in_french_never_500(client, seeded, auth):
    base = {**NEED, "projet_id": seeded["project"].pk}
    assert _post(client, "/api/besoins", {**base, "jours": ["someday"]}, auth).status_code == 422
    assert _post(client, "/api/besoins", {**base, "capacite_personnes": 0}, auth).status_code == 422
    assert _post(client, "/api/besoins", {**base, "departements_servis": ["4"]}, auth).status_code == 422
    wrong_kind = _post(client, "/api/besoins", {**base, "nature": "loan"}, auth)
    assert wrong_kind.status_code == 422
    assert "catégorie" in str(wrong_kind.json())
