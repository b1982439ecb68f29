"""accounts:delete — the confirmation page, the password check, and after the erasure: signed
out, unable to sign in again, and every page that showed the person's contributions still works."""

import pytest
from django.urls import reverse

from peps.accounts.models import ErasureRecord
from peps.core.testing.factories import PASSWORD
from peps.governance import services as governance

from .life import live_a_year

pytestmark = pytest.mark.django_db
DELETE = reverse("accounts:delete")


def test_anonymous_is_sent_to_login(client):
    assert "/compte/login/" in client.get(DELETE)["Location"]


def test_the_page_explains_what_is_erased_and_kept(client, member):
    client.force_login(member)
    html = client.get(DELETE).content.decode()
    assert html.count("<h1>") == 1
    assert "Ce qui est effacé" in html and "Ce qui est gardé" in html and "Compte supprimé" in html
    assert "cotisations" in html and reverse("accounts:data") in html


def test_a_wrong_password_erases_nothing(client, member):
    client.force_login(member)
    response = client.post(DELETE, {"password": "mauvais-secret-42"})
    assert response.status_code == 400 and "mauvais-secret-42" not in response.content.decode()
    assert "Ce mot de passe n’est pas le bon." in response.content.decode()
    member.refresh_from_db()
    assert member.is_active and not ErasureRecord.objects.exists()


def test_erasure_signs_out_and_the_account_cannot_sign_in_again(client, member):
    email = member.email
    client.force_login(member)
    response = client.post(DELETE, {"password": PASSWORD})
    assert response["Location"] == reverse("accounts:deleted")
    assert "Votre compte est supprimé" in client.get(response["Location"]).content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert ErasureRecord.objects.get().account_id == member.pk


def test_other_sessions_of_the_person_end_too(client, member):
    other = client.__class__()
    other.force_login(member)
    client.force_login(member)
    client.post(DELETE, {"password": PASSWORD})
    assert other.get(reverse("accounts:profile")).status_code == 302


def test_pages_that_showed_the_contributions_still_work(client, pole, member, coordinator):
    life = live_a_year(pole, member, coordinator)
    name = member.display_name
    client.force_login(member)
    client.post(DELETE, {"password": PASSWORD})
    # Open ballots are shown with the voters' names once the vote is closed.
    governance.motion_close(motion=life["open_motion"], by=coordinator)
    client.force_login(coordinator)
    pages = {
        "comment": reverse("projects:detail", args=[pole.slug, life["other_project"].pk]),
        "held project": reverse("projects:detail", args=[pole.slug, life["own_project"].pk]),
        "argument": reverse("deliberation:detail", args=[pole.slug, life["debate"].pk]),
        "open ballot": reverse("governance:motion", args=[pole.slug, life["open_motion"].pk]),
    }
    for what, url in pages.items():
        response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, what
        assert "Compte supprimé" in html, what
        assert name not in html, what
    # The seat ended today: the body's page lists current seats only.
    body = client.get(reverse("governance:body", args=[pole.slug, life["board"].pk]))
    assert body.status_code == 200 and name not in body.content.decode()
    decisions = client.get(reverse("governance:decisions", args=[pole.slug]))
    assert decisions.status_code == 200 and life["decision"].title in decisions.content.decode()
    people = client.get(reverse("directory:people", args=[pole.slug]))
    assert people.status_code == 200 and name not in people.content.decode()
    assert client.get(reverse("directory:person", args=[pole.slug, member.pk])).status_code in (200, 404)
    client.logout()
    for url in (pages["comment"], pages["argument"]):
        assert client.get(url).status_code == 200
