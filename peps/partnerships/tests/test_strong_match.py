"""A new or changed offer that matches an open need strongly tells the need's holder, once."""

from django.core import mail

from peps.notifications.models import Notification
from peps.partnerships import services
from peps.partnerships.models import MatchNotice, Reach
from peps.poles.models import Membership, MembershipStatus


def offer_data(commune, **overrides):
    return {
        "category": "premises",
        "title": "Un local de 50 m² à Roanne deux soirs par semaine",
        "description": "Notre local de 50 m² à Roanne est libre deux soirs par semaine pour des soirées.",
        "reach": Reach.AROUND,
        "commune": commune,
        "radius_km": 20,
        "is_open": True,
        **overrides,
    }


def test_a_new_matching_offer_tells_the_holder_once(
    pole, need, structure, representative, holder, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        offer = services.offer_create(pole=pole, by=representative, structure=structure, data=offer_data(commune))
    notification = Notification.objects.get(recipient=holder)
    assert notification.kind == "partnerships.strong_match"
    assert notification.url == need.get_absolute_url()
    assert offer.title in notification.text
    assert any(holder.email in m.to for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_update(offer=offer, by=representative, data={"description": offer.description + " Chauffé."})
    assert Notification.objects.filter(recipient=holder).count() == 1
    assert MatchNotice.objects.filter(need=need, offer=offer).count() == 1


def test_a_closed_offer_tells_nobody(
    pole, need, structure, representative, holder, commune, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.offer_create(
            pole=pole, by=representative, structure=structure, data=offer_data(commune, is_open=False)
        )
    assert not Notification.objects.filter(recipient=holder).exists()


def test_an_offer_of_a_structure_that_left_tells_nobody(pole, need, structure, representative, holder, commune):
    Membership.objects.create(pole=pole, structure=structure, status=MembershipStatus.LEFT)
    offer = services.offer_create(pole=pole, by=representative, structure=structure, data=offer_data(commune))
    assert services.offer_notify_strong_matches(offer_id=offer.pk) == 0
    assert not Notification.objects.filter(recipient=holder).exists()
