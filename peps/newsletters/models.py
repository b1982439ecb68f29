"""A pole's newsletter: who consented to receive it, each issue, and what was sent to whom."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Source(models.TextChoices):
    PROFILE = "profile", _("Depuis son profil")
    FORM = "form", _("Formulaire d’inscription du pôle")
    DEMO = "demo", _("Données de démonstration")


class Subscription(models.Model):
    """One consent to receive a pole's newsletter: either a person with an account (their
    current address is used at each sending) or a bare e-mail address confirmed by a link
    (double opt-in). `consented_at` stays empty until the consent is given."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="newsletter_subscriptions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="newsletter_subscriptions",
    )
    email = models.EmailField(_("adresse e-mail"), blank=True)
    source = models.CharField(_("origine"), max_length=12, choices=Source.choices)
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désinscription le"), null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    # Random secret behind the signed confirmation and unsubscribe links.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement à la lettre d’information")
        verbose_name_plural = _("abonnements à la lettre d’information")
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(email="")) | (Q(user__isnull=True) & ~Q(email="")),
                name="newsletter_subscription_user_xor_email",
            ),
            models.UniqueConstraint(
                fields=["pole", "user"], condition=Q(user__isnull=False), name="unique_newsletter_user"
            ),
            models.UniqueConstraint(fields=["pole", "email"], condition=~Q(email=""), name="unique_newsletter_email"),
        ]
        indexes = [models.Index(fields=["pole", "consented_at", "unsubscribed_at"])]

    def __str__(self) -> str:
        return self.address

    @property
    def address(self) -> str:
        return self.user.email if self.user_id else self.email

    @property
    def is_active(self) -> bool:
        return self.consented_at is not None and self.unsubscribed_at is None


class NewsletterStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SENDING = "sending", _("Envoi en cours")
    SENT = "sent", _("Envoyée")


class Newsletter(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="newsletters")
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("texte"), help_text=_("Mise en forme Markdown : **gras**, *italique*, listes, liens."))
    status = models.CharField(
        _("état"), max_length=10, choices=NewsletterStatus.choices, default=NewsletterStatus.DRAFT
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    recipients_count = models.PositiveIntegerField(_("destinataires"), default=0)

    class Meta:
        verbose_name = _("lettre d’information")
        verbose_name_plural = _("lettres d’information")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["pole", "-created_at"])]

    def __str__(self) -> str:
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == NewsletterStatus.DRAFT


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SENT = "sent", _("Envoyée")
    FAILED = "failed", _("Échec")


class Delivery(models.Model):
    """What was sent to whom: one row per address and newsletter (the unique constraint makes
    a second sending to the same address impossible)."""

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries"
    )
    address = models.EmailField(_("adresse"))
    status = models.CharField(_("état"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = _("envoi de lettre d’information")
        verbose_name_plural = _("envois de lettres d’information")
        ordering = ["address", "pk"]
        constraints = [models.UniqueConstraint(fields=["newsletter", "address"], name="unique_delivery_address")]
        indexes = [models.Index(fields=["newsletter", "status"])]

    def __str__(self) -> str:
        return f"{self.newsletter} → {self.address}"
