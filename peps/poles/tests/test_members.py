"""The members list: coordinators only, filters, pending requests first, bounded queries."""

import datetime

import pytest

from peps.core.testing import factories as f
from peps.poles.models import Membership, MembershipFee

pytestmark = pytest.mark.django_db

URL = "/p/pollens/adhesions/"


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_member_gets_403(client, pole, member):
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_outsider_gets_404(client, pole, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_citizen_gets_404(client, pole, citizen):
    client.force_login(citizen)
    assert client.get(URL).status_code == 404


def test_coordinator_and_network_admin_see_the_list(client, pole, coordinator, member, network_admin):
    for user in (coordinator, network_admin):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 200
        assert "Marc" in response.content.decode()


def test_pending_requests_on_top_with_approve_and_refuse(client, pole, coordinator):
    person = f.UserFactory(display_name="Paula Demande")
    pending = Membership.objects.create(pole=pole, person=person, status="pending")
    client.force_login(coordinator)
    response = client.get(URL)
    html = response.content.decode()
    assert "1 demande en attente" in html
    assert f"/adhesions/{pending.pk}/accepter/" in html and f"/adhesions/{pending.pk}/refuser/" in html
    assert pending not in response.context["page"].items


def test_filters_by_college_kind_and_status(client, pole, coordinator, college):
    structure_membership = Membership.objects.create(
        pole=pole, structure=f.StructureFactory(pole=pole), college=college
    )
    left = Membership.objects.create(pole=pole, person=f.UserFactory(), status="left")
    client.force_login(coordinator)
    assert client.get(URL, {"college": college.pk}).context["page"].items == [structure_membership]
    assert client.get(URL, {"kind": "structure"}).context["page"].items == [structure_membership]
    assert client.get(URL, {"status": "left"}).context["page"].items == [left]


def test_filter_by_fee_paid_or_unpaid_for_a_year(client, pole, coordinator):
    paid = Membership.objects.create(pole=pole, structure=f.StructureFactory(pole=pole, name="A payé"))
    unpaid = Membership.objects.create(pole=pole, structure=f.StructureFactory(pole=pole, name="B doit"))
    MembershipFee.objects.create(membership=paid, year=2025, amount=50, paid_on=datetime.date(2025, 3, 1))
    MembershipFee.objects.create(membership=unpaid, year=2025, amount=50)
    client.force_login(coordinator)
    assert client.get(URL, {"kind": "structure", "fee_year": 2025, "fee": "paid"}).context["page"].items == [paid]
    assert client.get(URL, {"kind": "structure", "fee_year": 2025, "fee": "unpaid"}).context["page"].items == [unpaid]


def test_malformed_filters_are_ignored(client, pole, coordinator, member):
    client.force_login(coordinator)
    response = client.get(URL, {"college": "abc", "fee_year": "x", "status": "nope", "page": "-3"})
    assert response.status_code == 200
    assert len(response.context["page"].items) == 2


def test_forty_memberships_with_fees_in_bounded_queries(
    client, pole, coordinator, college, django_assert_max_num_queries
):
    for _ in range(20):
        membership = Membership.objects.create(pole=pole, person=f.UserFactory(), college=college)
        MembershipFee.objects.create(membership=membership, year=2025, amount=20)
        structure = f.StructureFactory(pole=pole)
        membership = Membership.objects.create(pole=pole, structure=structure, college=college)
        MembershipFee.objects.create(membership=membership, year=2024, amount=80, paid_on=datetime.date(2024, 2, 1))
        MembershipFee.objects.create(membership=membership, year=2025, amount=80)
    for _ in range(3):
        Membership.objects.create(pole=pole, person=f.UserFactory(), status="pending")
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert len(response.context["page"].items) == 20
    assert response.context["page"].total == 41
