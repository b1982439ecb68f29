"""The contact log of a pole: who the staff met or called, about what, and what comes next.
The first contact of a structure with the pole is what the annual report counts as "contacted"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    MEETING = "meeting", _("Rencontre")
    PHONE = "phone", _("Téléphone")
    EVENT = "event", _("Événement")
    EMAIL = "email", _("E-mail")
    OTHER = "other", _("Autre")


class Contact(models.Model):
    """One exchange with a structure and/or a person.

    "At least a structure or a person" is checked by the service and the form, not by a
    database constraint: deleting an account sets `person` to NULL (personal data rights),
    and that must never fail because the contact named nobody else."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    structure = models.ForeignKey(
        "directory.Structure",
        verbose_name=_("structure"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contacts",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne inscrite"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    person_name = models.CharField(_("personne"), max_length=120, blank=True)
    # The folded name, so that « Élise Martin » and « elise martin » count as one person.
    person_key = models.CharField(max_length=120, blank=True, editable=False)
    channel = models.CharField(_("moyen"), max_length=10, choices=Channel.choices, default=Channel.MEETING)
    topic = models.CharField(_("sujet"), max_length=200)
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.CharField(_("suite à donner"), max_length=300, blank=True)
    follow_up_on = models.DateField(_("suite à donner avant le"), null=True, blank=True)
    done = models.BooleanField(_("suite donnée"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("contact")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["pole", "date"]),
            # The first contact of each structure: MIN(date) per structure within a pole.
            models.Index(fields=["pole", "structure", "date"]),
            models.Index(fields=["pole", "done", "follow_up_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.who}"

    @property
    def who(self) -> str:
        """The person's name as typed, the account's public name, or nothing."""
        if self.person_name:
            return self.person_name
        return self.person.public_name if self.person_id and self.person else ""

    @property
    def has_follow_up(self) -> bool:
        return bool(self.follow_up or self.follow_up_on)

    @property
    def follow_up_is_due(self) -> bool:
        from django.utils import timezone

        return not self.done and self.follow_up_on is not None and self.follow_up_on <= timezone.localdate()
