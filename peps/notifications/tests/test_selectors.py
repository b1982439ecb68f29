"""The header's unread count: the person's unread notifications only, capped past « 99+ »."""

from django.utils import timezone

from peps.notifications.models import Notification
from peps.notifications.selectors import UNREAD_SHOWN_MAX, unread_count
from peps.notifications.services import notify


def test_the_unread_count_is_the_person_unread_ones(alice, bob, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    first, _second, _third = (notify(recipients=[alice], kind="test", text=f"N{i}", url="/")[0] for i in range(3))
    notify(recipients=[bob], kind="test", text="Pour Bob", url="/")
    Notification.objects.filter(pk=first.pk).update(read_at=timezone.now())
    assert unread_count(alice) == 2
    assert unread_count(bob) == 1


def test_the_unread_count_stops_past_what_the_bell_shows(alice, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    Notification.objects.bulk_create(
        Notification(recipient=alice, kind="test", text=f"N{i}", url="/") for i in range(UNREAD_SHOWN_MAX + 5)
    )
    assert unread_count(alice) == UNREAD_SHOWN_MAX + 1
