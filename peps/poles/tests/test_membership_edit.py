"""Changing a membership: college, role, status, dates; leaving sets the status."""

import pytest

from peps.core.testing import factories as f
from peps.poles.models import Membership, MembershipEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership(pole, member):
    return Membership.objects.get(pole=pole, person=member)


def url(membership):
    return f"/p/pollens/adhesions/{membership.pk}/"


def post(client, membership, **data):
    base = {"college": "", "role": "member", "status": "active", "joined_on": "2024-01-15", "left_on": ""}
    return client.post(url(membership), {**base, **data})


def test_member_403_outsider_404_anonymous_login(client, membership, member, outsider):
    assert client.get(url(membership)).status_code == 302
    client.force_login(member)
    assert client.get(url(membership)).status_code == 403
    client.force_login(outsider)
    assert client.get(url(membership)).status_code == 404


def test_membership_of_another_pole_is_404(client, pole, other_pole, coordinator):
    foreign = Membership.objects.create(pole=other_pole, person=f.UserFactory())
    client.force_login(coordinator)
    assert client.get(url(foreign)).status_code == 404


def test_coordinator_changes_college_and_role(client, membership, coordinator, college):
    client.force_login(coordinator)
    assert client.get(url(membership)).status_code == 200
    assert post(client, membership, college=college.pk, role="board").status_code == 302
    membership.refresh_from_db()
    assert (membership.college, membership.role) == (college, "board")
    assert MembershipEvent.objects.filter(membership=membership, kind="updated", by=coordinator).exists()


def test_leaving_date_sets_status_left(client, membership, coordinator):
    client.force_login(coordinator)
    post(client, membership, left_on="2025-06-30")
    membership.refresh_from_db()
    assert membership.status == "left" and str(membership.left_on) == "2025-06-30"
    assert MembershipEvent.objects.filter(membership=membership, kind="left").exists()


def test_leaving_before_joining_is_refused(client, membership, coordinator):
    client.force_login(coordinator)
    response = post(client, membership, left_on="2020-01-01")
    assert "ne peut pas précéder" in response.content.decode()
    membership.refresh_from_db()
    assert membership.status == "active"


def test_coordinator_cannot_make_someone_admin(client, membership, coordinator):
    client.force_login(coordinator)
    response = post(client, membership, role="admin")
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == "member"


def test_pole_admin_can_make_someone_coordinator(client, membership, pole_admin):
    client.force_login(pole_admin)
    post(client, membership, role="coordinator")
    membership.refresh_from_db()
    assert membership.role == "coordinator"


def test_page_shows_fees_and_history(client, membership, coordinator):
    membership.fees.create(year=2024, amount=30)
    client.force_login(coordinator)
    html = client.get(url(membership)).content.decode()
    assert "2024" in html and "30" in html and "non payée" in html
