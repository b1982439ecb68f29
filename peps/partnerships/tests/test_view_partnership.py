"""partnerships:detail, answer, move, message."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.partnerships import services
from peps.partnerships.models import PartnershipEvent


def url(name, pk):
    return reverse(f"partnerships:{name}", kwargs={"pole": "pollens", "pk": pk})


@pytest.fixture
def partnership(need, offer, holder):
    created, _ = services.partnership_propose_for_need(need=need, offers=[offer], by=holder, message="Bonjour")
    return created[0]


def test_both_sides_and_coordinators_see_it(login, partnership, holder, representative, coordinator):
    for person in (holder, representative, coordinator):
        assert login(person).get(url("detail", partnership.pk)).status_code == 200


def test_others_get_404(client, login, partnership, member, outsider):
    assert login(member).get(url("detail", partnership.pk)).status_code == 404
    assert login(outsider).get(url("detail", partnership.pk)).status_code == 404
    client.logout()
    assert client.get(url("detail", partnership.pk)).status_code == 302  # to the login page


def test_the_partner_accepts(login, partnership, representative):
    client = login(representative)
    assert "Votre réponse" in client.get(url("detail", partnership.pk)).content.decode()
    response = client.post(url("answer", partnership.pk), {"decision": "accepted"})
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == "accepted"


def test_the_proposer_cannot_answer_their_own_proposal(login, partnership, holder):
    assert login(holder).post(url("answer", partnership.pk), {"decision": "accepted"}).status_code == 403


def test_declining_without_a_reason_is_explained(login, partnership, representative):
    response = login(representative).post(url("answer", partnership.pk), {"decision": "declined", "reason": ""})
    assert response.status_code == 200
    assert "obligatoire pour décliner" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == "proposed"


def test_answering_twice_is_refused_cleanly(login, partnership, representative):
    client = login(representative)
    client.post(url("answer", partnership.pk), {"decision": "accepted"})
    response = client.post(
        url("answer", partnership.pk), {"decision": "declined", "reason": "Finalement non"}, follow=True
    )
    assert "a déjà reçu une réponse" in response.content.decode()
    partnership.refresh_from_db()
    assert partnership.status == "accepted"


def test_follow_up_moves(login, partnership, representative, holder):
    services.partnership_accept(partnership=partnership, by=representative)
    response = login(holder).post(url("move", partnership.pk), {"to_status": "active", "reason": ""})
    assert response.status_code == 302
    response = login(holder).post(url("move", partnership.pk), {"to_status": "accepted"})
    assert response.status_code == 200  # not a choice from « active »


def test_a_message_with_htmx_returns_the_exchange(login, partnership, representative):
    response = login(representative).post(
        url("message", partnership.pk), {"message": "Visite jeudi ?"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "Visite jeudi ?" in response.content.decode() and "<h1" not in response.content.decode()
    assert PartnershipEvent.objects.filter(message="Visite jeudi ?").exists()


def test_an_empty_message_without_js_shows_the_page_with_the_error(login, partnership, holder):
    response = login(holder).post(url("message", partnership.pk), {"message": ""})
    assert response.status_code == 200 and "Écrivez votre message." in response.content.decode()


def test_a_stranger_cannot_write(login, partnership, pole):
    stranger = f.member_of(pole)
    assert login(stranger).post(url("message", partnership.pk), {"message": "Coucou"}).status_code == 404


def test_detail_query_count_is_bounded(login, partnership, holder, django_assert_max_num_queries):
    for index in range(30):
        services.partnership_message(partnership=partnership, by=holder, message=f"Message {index}")
    client = login(holder)
    # +1: the unread notifications count in the header; +1: the pole's reminder and expiry delays.
    with django_assert_max_num_queries(12):
        client.get(url("detail", partnership.pk))
