"""seed_newsletters_demo: subscribers and one sent newsletter for POLLENS, idempotent, no e-mail."""

import pytest
from django.core import mail

from peps.core.testing import factories as f
from peps.newsletters import selectors
from peps.newsletters.demo import PENDING_ADDRESS, seed_newsletters_demo
from peps.newsletters.models import Delivery, Newsletter, NewsletterStatus, Subscription

pytestmark = pytest.mark.django_db


def test_the_demo_has_subscribers_a_sent_newsletter_and_a_draft(pole, coordinator):
    for n in range(4):
        f.member_of(pole, email=f"membre{n}@example.org")
    made = seed_newsletters_demo(pole)
    recipients = [address for _pk, address in selectors.recipients_of(pole)]
    assert len(recipients) == 7 and coordinator.email in recipients and PENDING_ADDRESS not in recipients
    sent = made["sent"]
    assert sent.status == NewsletterStatus.SENT and sent.recipients_count == 7
    assert Delivery.objects.filter(newsletter=sent, status="sent").count() == 7
    assert made["draft"].status == NewsletterStatus.DRAFT
    assert mail.outbox == []
    seed_newsletters_demo(pole)
    assert Newsletter.objects.filter(pole=pole).count() == 2 and Subscription.objects.filter(pole=pole).count() == 8
