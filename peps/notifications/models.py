"""In-app notifications and each person's choice of how e-mails reach them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "immediate", _("Tout de suite, un e-mail par notification")
    DAILY = "daily", _("Un résumé par jour")
    WEEKLY = "weekly", _("Un résumé par semaine")
    NONE = "none", _("Pas d’e-mail")


class NotificationSettings(models.Model):
    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    email_frequency = models.CharField(
        _("e-mails de notification"), max_length=10, choices=EmailFrequency.choices, default=EmailFrequency.IMMEDIATE
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # Families of notifications (see kinds.py) the person no longer wants by e-mail.
    muted_kinds = models.JSONField(_("familles sans e-mail"), default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.person} — {self.email_frequency}"


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(_("type"), max_length=40)
    text = models.CharField(_("texte"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-created_at"]),
            models.Index(fields=["emailed_at", "created_at"]),
        ]

    def __str__(self) -> str:
        return self.text
