"""The newsletter of the POLLENS demo: a few members and neighbours who consented, one address
waiting for its confirmation, one newsletter already sent (with its record of deliveries)
and a draft for the next one. The demo never sends e-mail: the sent issue is recorded as the
worker would have left it."""

import datetime

from django.db import transaction
from django.utils import timezone

from peps.poles.models import Membership, MembershipStatus, Pole, Role

from . import selectors, services
from .models import Delivery, DeliveryStatus, Newsletter, NewsletterStatus, Source, Subscription

SENT_SUBJECT = "Les nouvelles du pôle — printemps"
SENT_BODY = """Bonjour à toutes et à tous,

Le printemps a été riche au pôle :

- la **Bourse aux projets** a réuni une dizaine de porteurs de projet et autant de personnes ressources ;
- le conseil d’administration a adopté l’étude de faisabilité de la **ressourcerie du Roannais** ;
- l’espace ressources prête désormais un vidéoprojecteur et une salle d’échange aux associations membres.

Prochain rendez-vous : les *Rencontres solidaires en Roannais*, ouvertes à tous.

À bientôt,
La coordination
"""
DRAFT_SUBJECT = "Les nouvelles du pôle — été"
DRAFT_BODY = """Bonjour,

Au programme de l’été : un atelier coworking, le bilan de la ressourcerie et l’appel à idées citoyennes.
"""
OUTSIDE_ADDRESSES = ["voisine.curieuse@example.org", "librairie.du.marche@example.org"]
PENDING_ADDRESS = "pas.encore.confirme@example.org"


def seed_newsletters_demo(pole: Pole, *, now: datetime.datetime | None = None) -> dict:
    """Subscribers and one sent newsletter for `pole`; idempotent. Returns what it made."""
    now = now or timezone.now()
    members = list(
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False)
        .select_related("person")
        .order_by("pk")[:6]
    )
    coordinator = next((m.person for m in members if m.role in (Role.COORDINATOR, Role.ADMIN)), None)
    with transaction.atomic():
        for membership in members:
            services.subscription_consent(pole=pole, user=membership.person, source=Source.DEMO)
        for address in OUTSIDE_ADDRESSES:
            Subscription.objects.get_or_create(
                pole=pole,
                user=None,
                email=address,
                defaults={"source": Source.FORM, "consented_at": now - datetime.timedelta(days=60)},
            )
        Subscription.objects.get_or_create(
            pole=pole, user=None, email=PENDING_ADDRESS, defaults={"source": Source.FORM, "confirmation_sent_at": now}
        )
        sent = Newsletter.objects.filter(pole=pole, subject=SENT_SUBJECT).first()
        if sent is None:
            sent_at = now - datetime.timedelta(days=30)
            recipients = selectors.recipients_of(pole)
            sent = Newsletter.objects.create(
                pole=pole,
                subject=SENT_SUBJECT,
                body=SENT_BODY,
                created_by=coordinator,
                sent_by=coordinator,
                status=NewsletterStatus.SENT,
                sent_at=sent_at,
                recipients_count=len(recipients),
            )
            Delivery.objects.bulk_create(
                [
                    Delivery(
                        newsletter=sent,
                        subscription_id=pk,
                        address=address,
                        status=DeliveryStatus.SENT,
                        sent_at=sent_at,
                    )
                    for pk, address in recipients
                ]
            )
        draft = Newsletter.objects.filter(pole=pole, subject=DRAFT_SUBJECT).first()
        if draft is None:
            draft = services.newsletter_create(pole=pole, by=coordinator, subject=DRAFT_SUBJECT, body=DRAFT_BODY)
    return {"sent": sent, "draft": draft}
