"""Recording a membership fee: one per year, with a clear message on a duplicate."""

import pytest

from peps.poles.models import Membership, MembershipFee

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(pole, member):
    return Membership.objects.get(pole=pole, person=member)


def url(membership):
    return f"/p/pollens/adhesions/{membership.pk}/cotisation/"


def test_coordinator_records_a_fee(client, membership, coordinator):
    client.force_login(coordinator)
    response = client.post(url(membership), {"year": 2025, "amount": "45,50", "paid_on": "2025-03-02"})
    assert response.status_code == 302
    fee = MembershipFee.objects.get(membership=membership)
    assert (fee.year, str(fee.amount), str(fee.paid_on)) == (2025, "45.50", "2025-03-02")


def test_second_fee_for_the_same_year_is_refused_clearly(client, membership, coordinator):
    MembershipFee.objects.create(membership=membership, year=2025, amount=40)
    client.force_login(coordinator)
    response = client.post(url(membership), {"year": 2025, "amount": "40"})
    assert response.status_code == 200
    assert "déjà enregistrée pour 2025" in response.content.decode()
    assert MembershipFee.objects.filter(membership=membership).count() == 1


def test_bad_amount_is_a_form_error(client, membership, coordinator):
    client.force_login(coordinator)
    response = client.post(url(membership), {"year": "deux mille", "amount": "-3"})
    assert response.status_code == 200
    assert not MembershipFee.objects.exists()


def test_member_gets_403_outsider_404(client, membership, member, outsider):
    client.force_login(member)
    assert client.post(url(membership), {"year": 2025, "amount": "10"}).status_code == 403
    client.force_login(outsider)
    assert client.post(url(membership), {"year": 2025, "amount": "10"}).status_code == 404
    assert not MembershipFee.objects.exists()
