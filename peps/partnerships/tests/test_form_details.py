"""The optional details of the need and offer forms: asked in plain French, saved, validated
with a clear message, shown on the cards."""

import pytest
from django.urls import reverse

from peps.partnerships.models import Need, Offer
from peps.territory.models import Departement


def page_text(response) -> str:
    # French typography puts (narrow) no-break spaces before « ? » and « : » in the pages.
    return response.content.decode().replace("\u202f", " ").replace("\u00a0", " ")


def url(name, **kwargs):
    return reverse(f"partnerships:{name}", kwargs={"pole": "pollens", **kwargs})


def form_data(**overrides):
    data = {
        "category": "premises",
        "title": "Une salle pour notre atelier",
        "description": "Un atelier d’écriture chaque mardi soir.",
        "reach": "territory",
        "commune": "",
        "radius_km": "20",
        "is_open": "on",
    }
    return {**data, **overrides}


def test_the_need_form_asks_the_details_in_plain_french(login, project, holder):
    page = page_text(login(holder).get(url("need_create", project_pk=project.pk)))
    for text in ("Pour trouver les bons partenaires (facultatif)", "Pour combien de personnes ?", "Quels jours ?",
                 "Cela peut se faire à distance", "Qui porte le projet ?", "Salle de réunion ou d’activité"):  # fmt: skip
        assert text in page
    assert "Seulement dans ces départements" not in page  # an offer's question


def test_a_need_is_saved_with_its_details(login, project, holder):
    data = form_data(kind="meeting_room", capacity="15", weekdays=["tue"], day_parts=["evening"])
    response = login(holder).post(url("need_create", project_pk=project.pk), data)
    assert response.status_code == 302
    need = Need.objects.get()
    assert (need.kind, need.capacity, need.weekdays, need.day_parts) == ("meeting_room", 15, ["tue"], ["evening"])
    assert "15 personnes" in need.details and "le soir" in need.details


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "loan"}, "Cette précision ne correspond pas à la catégorie choisie."),
        ({"capacity": "0"}, "Indiquez un nombre positif, ou laissez vide."),
    ],
)
def test_bad_details_are_refused_with_a_clear_message(login, project, holder, overrides, message):
    response = login(holder).post(url("need_create", project_pk=project.pk), form_data(**overrides))
    assert response.status_code == 200 and message in page_text(response)
    assert not Need.objects.exists()


def test_an_offer_limited_to_departements_by_their_numbers(login, member, commune):
    Departement.objects.get_or_create(code="69", defaults={"name": "Rhône", "region_id": commune.region_id})
    client = login(member)
    response = client.post(url("offer_create"), form_data(served_departements="42, 69", remote_ok="on"))
    assert response.status_code == 302
    offer = Offer.objects.get()
    assert offer.served_departements == ["42", "69"] and offer.remote_ok
    refused = client.post(url("offer_create"), form_data(served_departements="42, 999"))
    assert "Département inconnu : 999." in page_text(refused)
