"""Claiming a structure: a signed-in person asks, the pole's coordinators are e-mailed,
review the claim, approve or refuse it, and the claimant is e-mailed the outcome."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from peps.core.testing import factories as f
from peps.directory import services
from peps.directory.models import Representative, RepresentativeStatus

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(pole):
    return f.StructureFactory(pole=pole, name="L’Atelier Vélo", slug="atelier-velo")


def claim_url(structure):
    return reverse("directory:claim", kwargs={"pole": structure.pole.slug, "slug": structure.slug})


def claims_url(pole):
    return reverse("directory:claims", kwargs={"pole": pole.slug})


def decide_url(claim):
    return reverse("directory:claim_decide", kwargs={"pole": claim.structure.pole.slug, "pk": claim.pk})


def test_visitors_are_sent_to_the_login_page(client, structure, pole):
    for target in (claim_url(structure), claims_url(pole)):
        response = client.get(target)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def test_the_full_claim_flow(client, login, structure, pole, citizen, coordinator, django_capture_on_commit_callbacks):
    login(citizen)
    assert client.get(claim_url(structure)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(claim_url(structure), {"title": "Trésorière", "message": "Je tiens l’atelier."})
    assert response.status_code == 302
    claim = Representative.objects.get(structure=structure, person=citizen)
    assert (claim.status, claim.title, claim.message) == ("pending", "Trésorière", "Je tiens l’atelier.")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert "L’Atelier Vélo" in mail.outbox[0].subject
    assert "Je tiens l’atelier." in mail.outbox[0].body
    assert claims_url(pole) in mail.outbox[0].body

    login(coordinator)
    page = client.get(claims_url(pole)).content.decode()
    assert "L’Atelier Vélo" in page and citizen.email in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(claim), {"decision": "approve"}, follow=True)
    assert "représente désormais" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == RepresentativeStatus.APPROVED
    assert claim.decided_by == coordinator and claim.decided_at is not None
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [citizen.email]
    assert "accepté" in mail.outbox[1].body

    login(citizen)
    edit = reverse("directory:edit", kwargs={"pole": pole.slug, "slug": structure.slug})
    assert client.get(edit).status_code == 200


def test_a_refused_claimant_is_told_and_gets_no_right(
    client, login, structure, pole, citizen, coordinator, django_capture_on_commit_callbacks
):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(claim), {"decision": "refuse"})
    claim.refresh_from_db()
    assert claim.status == RepresentativeStatus.REFUSED
    assert mail.outbox[0].to == [citizen.email]
    assert "n’a pas accepté" in mail.outbox[0].body
    login(citizen)
    edit = reverse("directory:edit", kwargs={"pole": pole.slug, "slug": structure.slug})
    assert client.get(edit).status_code == 403


def test_a_second_claim_does_not_duplicate(client, login, structure, citizen, django_capture_on_commit_callbacks):
    login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(claim_url(structure), {"message": "Première"})
        response = client.post(claim_url(structure), {"message": "Seconde"}, follow=True)
    assert Representative.objects.filter(structure=structure, person=citizen).count() == 1
    assert "déjà demandé" in response.content.decode()


def test_the_service_returns_the_existing_claim(structure, citizen):
    first, created = services.representative_claim(structure=structure, by=citizen, message="Une")
    again, created_again = services.representative_claim(structure=structure, by=citizen, message="Deux")
    assert created and not created_again
    assert again.pk == first.pk and again.message == "Une"


def test_a_representative_asking_again_is_told_they_already_are(client, login, structure, citizen):
    RepresentativeFactory(structure=structure, person=citizen)
    login(citizen)
    response = client.get(claim_url(structure), follow=True)
    assert "Vous représentez déjà cette structure." in response.content.decode()


def test_claiming_a_structure_of_another_pole_is_a_404(client, login, structure, other_pole, citizen):
    login(citizen)
    assert client.post(f"/p/{other_pole.slug}/annuaire/{structure.slug}/representer/").status_code == 404


def test_a_member_gets_403_on_the_claims_page_and_decisions(client, login, structure, pole, member, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(member)
    assert client.get(claims_url(pole)).status_code == 403
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 403
    claim.refresh_from_db()
    assert claim.status == RepresentativeStatus.PENDING


def test_outsiders_get_404_on_the_claims_page(client, login, structure, pole, outsider, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(outsider)
    assert client.get(claims_url(pole)).status_code == 404
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 404


def test_a_coordinator_cannot_decide_a_claim_of_another_pole(client, login, other_pole, coordinator, citizen):
    elsewhere = f.StructureFactory(pole=other_pole)
    claim = RepresentativeFactory(structure=elsewhere, person=citizen, status=RepresentativeStatus.PENDING)
    login(coordinator)
    url = reverse("directory:claim_decide", kwargs={"pole": "pollens", "pk": claim.pk})
    assert client.post(url, {"decision": "approve"}).status_code == 404
    assert client.post(decide_url(claim), {"decision": "approve"}).status_code == 404


def test_a_bad_decision_value_changes_nothing(client, login, structure, coordinator, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(coordinator)
    response = client.post(decide_url(claim), {"decision": "peut-etre"}, follow=True)
    assert "Choisissez d’accepter ou de refuser" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == RepresentativeStatus.PENDING


def test_deciding_twice_is_refused(structure, coordinator, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    services.representative_decide(representative=claim, by=coordinator, approve=True)
    with pytest.raises(ValidationError):
        services.representative_decide(representative=claim, by=coordinator, approve=False)


def test_decisions_need_post(client, login, structure, coordinator, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(coordinator)
    assert client.get(decide_url(claim)).status_code == 405


def test_the_claims_page_keeps_a_bounded_number_of_queries(
    client, login, pole, coordinator, django_assert_max_num_queries
):
    for n in range(30):
        structure = f.StructureFactory(pole=pole, name=f"Structure {n:02d}")
        RepresentativeFactory(structure=structure, status=RepresentativeStatus.PENDING)
    login(coordinator)
    with django_assert_max_num_queries(6):
        response = client.get(claims_url(pole))
    assert len(response.context["page"].items) == 20
