"""notifications:list, read, read_all, settings, and the header's bell snippet."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from peps.notifications.models import Notification, NotificationSettings
from peps.notifications.services import notify

LIST = reverse("notifications:list")


def make(person, n=1, url="/p/pollens/"):
    return [notify(recipients=[person], kind="test", text=f"Nouvelle {i}", url=url)[0] for i in range(n)]


def test_login_required(client):
    for name in ("notifications:list", "notifications:settings"):
        assert client.get(reverse(name)).status_code == 302


def test_the_list_shows_mine_newest_first_with_bounded_queries(client, alice, bob, django_assert_max_num_queries):
    make(alice, 30)
    make(bob)
    client.force_login(alice)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    texts = [n.text for n in response.context["page"].items]
    assert len(texts) == 20 and texts[0] == "Nouvelle 29"
    assert "Non lue" in response.content.decode()


def test_mark_read_with_htmx_and_without(client, alice):
    first, second = make(alice, 2)
    client.force_login(alice)
    response = client.post(reverse("notifications:read", args=[first.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "Non lue" not in response.content.decode()
    response = client.post(reverse("notifications:read", args=[second.pk]), {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/p/pollens/"
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_an_outside_url_is_never_followed(client, alice):
    (notification,) = make(alice, url="https://ailleurs.example.com/")
    client.force_login(alice)
    response = client.post(reverse("notifications:read", args=[notification.pk]), {"open": "1"})
    assert response["Location"] == LIST


def test_someone_elses_notification_is_404(client, alice, bob):
    (notification,) = make(bob)
    client.force_login(alice)
    assert client.post(reverse("notifications:read", args=[notification.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[999999])).status_code == 404


def test_mark_all_read(client, alice, bob):
    make(alice, 3)
    make(bob)
    client.force_login(alice)
    response = client.post(reverse("notifications:read_all"), follow=True)
    assert "Toutes vos notifications sont marquées comme lues." in response.content.decode()
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_settings_page_saves_the_frequency_and_refuses_nonsense(client, alice):
    client.force_login(alice)
    response = client.get(reverse("notifications:settings"))
    assert response.context["form"].initial["email_frequency"] == "immediate"
    response = client.post(reverse("notifications:settings"), {"email_frequency": "weekly"})
    assert response.status_code == 302
    assert NotificationSettings.objects.get(person=alice).email_frequency == "weekly"
    response = client.post(reverse("notifications:settings"), {"email_frequency": "hourly"})
    assert response.status_code == 200 and response.context["form"].errors


def test_the_bell_shows_the_unread_count(client, alice):
    make(alice, 3)
    client.force_login(alice)
    html = client.get(reverse("accessibility")).content.decode()
    assert f'href="{reverse("notifications:list")}" class="notifications-bell"' in html
    assert '<span class="badge">3<span class="visually-hidden"> non lues</span></span>' in html


def test_the_list_and_its_bell_count_the_unread_once(client, alice, settings):
    # Without the cache (as the benchmark measures), the page's own count and the bell's
    # would be two queries: they share one per request.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    make(alice, 3)
    client.force_login(alice)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(LIST).content.decode()
    assert sum('"read_at" IS NULL' in q["sql"] for q in queries) == 1
    assert '<span class="badge">3<span class="visually-hidden"> non lues</span></span>' in html


def test_opening_a_notification_marks_it_read_and_leads_to_its_object(client, alice, bob):
    (notification,) = make(alice)
    (elsewhere,) = make(alice, url="https://ailleurs.example.com/")
    (bobs,) = make(bob)
    client.force_login(alice)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/p/pollens/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert client.get(reverse("notifications:open", args=[elsewhere.pk]))["Location"] == LIST
    assert client.get(reverse("notifications:open", args=[bobs.pk])).status_code == 404


def test_the_list_groups_by_day_and_links_each_notification(client, alice):
    import datetime

    from django.utils import timezone

    today, older = make(alice, 2)
    Notification.objects.filter(pk=older.pk).update(created_at=timezone.now() - datetime.timedelta(days=3))
    client.force_login(alice)
    response = client.get(LIST)
    html = response.content.decode()
    assert [label for label, _items in response.context["days"]][0] == "Aujourd’hui"
    assert len(response.context["days"]) == 2
    assert f'href="{reverse("notifications:open", args=[today.pk])}"' in html


def test_settings_mute_a_family_of_notifications(client, alice):
    client.force_login(alice)
    response = client.get(reverse("notifications:settings"))
    choices = dict(response.context["form"].fields["muted_kinds"].choices)
    assert "projects" in choices and "governance" in choices
    client.post(reverse("notifications:settings"), {"email_frequency": "immediate", "muted_kinds": ["projects"]})
    assert NotificationSettings.objects.get(person=alice).muted_kinds == ["projects"]
