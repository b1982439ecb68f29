"""seed_resourcepeople_network_demo: eight demo people, two POLLENS requests, idempotent."""

import pytest

from peps.resourcepeople.demo import seed_resourcepeople_network_demo
from peps.resourcepeople.models import RequestStatus, ResourcePerson, ResourceRequest

pytestmark = pytest.mark.django_db


def test_demo_people_and_pollens_requests(pole, coordinator):
    report = seed_resourcepeople_network_demo()
    assert report.people == 8 and ResourcePerson.objects.count() == 8
    assert all(p.email.endswith("@exemple.demo") and p.is_demo for p in ResourcePerson.objects.all())
    requests = ResourceRequest.objects.filter(pole=pole)
    assert requests.count() == 2
    assert set(requests.values_list("status", flat=True)) == {RequestStatus.PENDING, RequestStatus.ACCEPTED}
    assert all(r.requested_by == coordinator for r in requests)


def test_demo_is_idempotent_and_works_without_pollens(db):
    seed_resourcepeople_network_demo()
    report = seed_resourcepeople_network_demo()
    assert ResourcePerson.objects.count() == 8 and report.requests == 0
    assert not ResourceRequest.objects.exists()
