"""notify(): an in-app notification each, and an e-mail as each person chose."""

import pytest
from django.core import mail

from peps.notifications.models import Notification, NotificationSettings
from peps.notifications.selectors import unread_count
from peps.notifications.services import notification_mark_read, notifications_mark_all_read, notify


def send(recipients, pole=None):
    return notify(recipients=recipients, kind="test.hello", text="Bonjour du pôle", url="/p/pollens/", pole=pole)


def test_immediate_by_default_sends_one_email_after_commit(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send([alice])
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]
    assert "Bonjour du pôle" in mail.outbox[0].subject
    # The e-mail's link opens the notification (which marks it read), then the object.
    assert f"http://127.0.0.1:8000/notifications/{notification.pk}/" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_nothing_is_sent_before_the_commit(alice, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        send([alice])
    assert mail.outbox == []


@pytest.mark.parametrize("frequency", ["daily", "weekly", "none"])
def test_digest_and_none_send_nothing_now(alice, frequency, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=alice, email_frequency=frequency)
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = send([alice])
    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.emailed_at is None


def test_each_recipient_once_and_nobody_twice(alice, bob, django_capture_on_commit_callbacks):
    NotificationSettings.objects.create(person=bob, email_frequency="none")
    with django_capture_on_commit_callbacks(execute=True):
        rows = send([alice, bob, alice, None])
    assert len(rows) == 2
    assert [m.to for m in mail.outbox] == [["alice@example.org"]]


def test_unread_count_is_cached_and_forgotten_on_change(
    alice, django_assert_num_queries, django_capture_on_commit_callbacks
):
    assert unread_count(alice) == 0
    with django_capture_on_commit_callbacks(execute=True):
        send([alice])
        send([alice])
    with django_assert_num_queries(1):
        assert unread_count(alice) == 2
    with django_assert_num_queries(0):
        assert unread_count(alice) == 2
    with django_capture_on_commit_callbacks(execute=True):
        notification_mark_read(notification=Notification.objects.filter(recipient=alice).first())
    assert unread_count(alice) == 1
    with django_capture_on_commit_callbacks(execute=True):
        notifications_mark_all_read(person=alice)
    assert unread_count(alice) == 0


@pytest.fixture
def _projects_family():
    from peps.notifications.kinds import _FAMILIES, register_family

    before = dict(_FAMILIES)
    register_family("essai", "Essais")
    yield
    _FAMILIES.clear()
    _FAMILIES.update(before)


@pytest.mark.parametrize("frequency", ["immediate", "daily"])
def test_a_muted_family_stays_in_the_app_without_any_email(
    alice, frequency, _projects_family, django_capture_on_commit_callbacks
):
    from peps.notifications.services import digests_send

    NotificationSettings.objects.create(person=alice, email_frequency=frequency, muted_kinds=["essai"])
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[alice], kind="essai.bonjour", text="Muette", url="/p/pollens/")
        notify(recipients=[alice], kind="test.hello", text="Entendue", url="/p/pollens/")
        digests_send()
    assert Notification.objects.filter(recipient=alice).count() == 2
    assert len(mail.outbox) == 1 and "Muette" not in mail.outbox[0].subject + mail.outbox[0].body
    assert "Entendue" in mail.outbox[0].subject + mail.outbox[0].body
    if frequency == "daily":
        # The digest leaves nothing pending, the muted notification included.
        assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_without_text_the_in_app_text_is_the_email_subject(alice, django_capture_on_commit_callbacks):
    from peps.core.testing import factories as f

    project = f.ProjectFactory(title="Une épicerie solidaire")
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = notify(
            recipients=[alice],
            kind="projects.stage_changed",
            url=project.get_absolute_url(),
            email_template="projects/email/stage_changed",
            context={"project": project, "from_label": "Déposée", "to_label": "Structuration", "url": "x"},
        )
    assert notification.text == "Votre projet « Une épicerie solidaire » passe à l’étape « Structuration »"
    assert mail.outbox[0].subject.endswith(notification.text)


def test_an_address_without_account_gets_an_email_and_nothing_else(db, django_capture_on_commit_callbacks):
    from peps.notifications.services import email_without_account

    with django_capture_on_commit_callbacks(execute=True):
        email_without_account(
            to=["contact@structure.example", "", "contact@structure.example", "autre@example.org"],
            template="newsletters/email/confirm",
            context={"pole": None, "url": "http://x/confirmer/"},
        )
    assert sorted(m.to[0] for m in mail.outbox) == ["autre@example.org", "contact@structure.example"]
    assert all(len(m.to) == 1 for m in mail.outbox)
    assert not Notification.objects.exists()


def test_the_coordination_is_told_in_the_app_or_else_at_the_poles_address(
    pole, coordinator, member, django_capture_on_commit_callbacks
):
    from peps.core.testing import factories as f
    from peps.notifications.services import notify_coordination

    project = f.ProjectFactory(pole=pole, title="Un jardin partagé")
    context = {"project": project, "pole": pole, "by": member, "url": "http://x/"}
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify_coordination(
            pole=pole, kind="projects.submitted", url="/x/", email_template="projects/email/submitted", context=context
        )
    assert [n.recipient for n in rows] == [coordinator]
    assert [m.to for m in mail.outbox] == [[coordinator.email]]

    lonely = f.PoleFactory(slug="sans-coordination", contact_email="contact@lonely.example")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify_coordination(
            pole=lonely,
            kind="projects.submitted",
            url="/x/",
            email_template="projects/email/submitted",
            context={**context, "pole": lonely},
        )
    assert rows == [] and [m.to for m in mail.outbox] == [["contact@lonely.example"]]
